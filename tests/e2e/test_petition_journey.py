"""A petition to a regional council in a real browser, in Arabic at 360 px: a resident signs it online, choosing
the province where they live, and sees the progress toward the threshold rise, province by province, until the
last province below its 5 % minimum reaches it. Screenshots go to test-artifacts/."""

import datetime

import pytest

from remacto.accounts.models import Role
from remacto.cases.calendar import today
from remacto.petitions import defaults
from remacto.petitions.models import Petition, Signature, Threshold
from remacto.petitions.services import lifecycle, signatures
from remacto.territories.models import Collectivity, Province

from ..conftest import make_user
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "subject": "إحداث خط نقل جهوي بين الأقاليم",
    "reasons": "ضعف النقل العمومي بين مراكز الأقاليم.",
    "expected_outcome": "إدراج النقل الجهوي في جدول أعمال الدورة العادية المقبلة.",
}


@pytest.fixture
def expected_console_errors() -> list[str]:
    """The second signature by the same person is refused on purpose: its page answers 400."""
    return [r"status of 400 .*/sign/"]


def shot(page, artifacts, name: str) -> None:
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / f"petition-journey-{name}-ar.png"), full_page=True)


def test_sign_a_region_petition_and_see_the_progress(live_server, page, artifacts, reference, citizen):
    if not Threshold.objects.exists():
        defaults.create(Threshold)
    Threshold.objects.filter(kind="region").update(signatures=20)  # 5 % of 20: one signature in each province
    region = Collectivity.objects.get(kind="region", region__code="07")
    agent = make_user("agent-journey@example.ma", "وكيل")
    staff = make_user("secretariat-journey@example.ma")
    Role.objects.create(user=staff, kind=Role.Kind.COUNCIL_SECRETARIAT, collectivity=region)
    petition = lifecycle.file_petition(
        agent, region, {"kind": "citizens", "conditions": ["territory", "common_interest"], **TEXTS}
    )
    petition = lifecycle.open_collection(agent, petition, today() + datetime.timedelta(days=30))
    provinces = list(Province.objects.filter(region=region.region).order_by("code"))
    rows = [
        {"cin": f"EE{n}", "full_name": f"موقع {n}", "province": provinces[n % 7], "show_name": n == 0}
        for n in range(19)
    ]
    signatures.record_paper(staff, petition, rows, collected_on=today())

    sign_in(page, live_server, citizen.email)
    page.goto(f"{live_server.url}/ar/petitions/{petition.pk}/")
    assert page.locator("h1").inner_text() == TEXTS["subject"]
    assert page.locator("tr.below").count() == 1
    page.locator("#progress-title").wait_for()
    shot(page, artifacts, "1-before")

    page.fill("input[name=cin]", "AB 123456")
    page.fill("input[name=full_name]", "مواطنة من الصويرة")
    page.select_option("select[name=province]", str(provinces[7].pk))
    page.check("input[name=show_name]")
    page.check("input[name=confirms]")
    page.locator("form[action$='/sign/'] button[type=submit]").click()
    page.locator(".message.success, [role=status]").first.wait_for()
    assert page.locator("tr.below").count() == 0
    assert "مواطنة من الصويرة" in page.locator("ul.signers").inner_text()
    assert page.locator("progress").get_attribute("value") == "20"
    shot(page, artifacts, "2-after")

    assert page.locator("form[action$='/sign/']").count() == 0  # signed: the form is gone

    # The same person under another account is refused: one signature per CIN number.
    other = make_user("twin-journey@example.ma", "توأم")
    sign_in(page, live_server, other.email)
    page.goto(f"{live_server.url}/ar/petitions/{petition.pk}/")
    page.fill("input[name=cin]", "ab123456")
    page.fill("input[name=full_name]", "مرة ثانية")
    page.select_option("select[name=province]", str(provinces[0].pk))
    page.check("input[name=confirms]")
    page.locator("form[action$='/sign/'] button[type=submit]").click()
    page.locator(".form-errors[role=alert], .error[role=alert]").first.wait_for()
    assert "سبق لهذا الشخص" in page.locator("main").inner_text()
    shot(page, artifacts, "3-twice")
    assert Signature.objects.filter(petition=petition).count() == 20
    assert Petition.objects.get(pk=petition.pk).signature_count == 20
