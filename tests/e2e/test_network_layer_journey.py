"""The network layer as one story, in a real browser, in Arabic at 360 px, with the same commune throughout: it
applies to join and a network admin accepts it; the focal point named in the application registers for the
regional meeting and the organiser marks them present at the door on a phone; the focal point opens the commune's
programme, shares a practice that a network admin publishes, finds it again with another spelling and uses it as a
template for that programme; the focal point's ticket is answered by the network team; and the public network
dashboard shows the new member without waiting for the hourly computation. Screenshots go to test-artifacts/."""

import datetime
import re

import pytest

from remacto.accounts.models import Role
from remacto.cocreation.models import Programme
from remacto.events.models import Level
from remacto.netdash.compute import compute_figures
from remacto.netdash.models import MemberFigures
from remacto.network.models import MembershipApplication
from remacto.notifications.models import Notification
from remacto.practices.models import TemplateUse
from remacto.support.models import Status as TicketStatus
from remacto.support.models import Ticket
from remacto.territories.models import Collectivity, Province

from ..conftest import make_user
from ..events.conftest import make_event
from . import steps
from .steps import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PRACTICE = {
    "title": "ملتقى الإنصات إلى الساكنة القروية",
    "summary": "لقاء شهري في الدواوير يستمع فيه المجلس إلى مقترحات الساكنة ويجيب عنها.",
    "description": "- لقاء شهري بالتناوب بين الدواوير\n- محضر منشور على المنصة",
    "results": "14 لقاء و320 مشاركا ومشاركة في السنة الأولى.",
    "structure": "الإنصات إلى الساكنة\n- لقاءات شهرية في الدواوير\nالشفافية\n- نشر المحاضر",
    "contact_name": "نقطة الارتكاز",
}
# Another way of writing the title: no hamza on the alef, ya for alef maqsura, ha for ta marbuta.
VARIANT = "ملتقي الانصات الي الساكنه القرويه"


def shot(page, artifacts, name: str) -> None:
    steps.shot(page, artifacts, f"network-layer-{name}")


def apply(page, live_server, artifacts, focal_email: str) -> Collectivity:
    """The president applies for a commune that is not in the list: it names itself, in Arabic and French, with its
    province; the commune is recorded with the application."""
    assert not Collectivity.objects.filter(name_fr__icontains="Tameslouht").exists()
    province = Province.objects.get(code="041")  # Al Haouz
    page.goto(f"{live_server.url}/ar/network/apply/")
    page.select_option("select[name=collectivity]", "")  # "my commune is not in the list"
    page.fill("input[name=commune_name_ar]", "جماعة تامصلوحت")
    page.fill("input[name=commune_name_fr]", "Tameslouht")
    page.select_option("select[name=commune_province]", str(province.pk))
    steps.fill_focal_point(page, focal_email, name="سناء العلوي", title="رئيسة مصلحة الشراكة")
    steps.attach_deliberation(page)
    shot(page, artifacts, "01-apply")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/ar/network/applications/*/")
    commune = Collectivity.objects.get(name_fr="Tameslouht")
    assert (commune.kind, commune.name_ar, commune.province, commune.region) == (
        Collectivity.Kind.COMMUNE,
        "تامصلوحت",
        province,
        province.region,
    )
    return commune


def test_a_commune_joins_and_uses_the_network(live_server, page, browser, artifacts, reference):
    year = datetime.date.today().year
    compute_figures()  # the figures of the last hourly run, before the commune applies
    president = make_user("president-layer@example.ma", "رئيس الجماعة")
    focal = make_user("focal-layer@example.ma", "سناء العلوي")
    admin = make_user("network-layer@example.ma", "يوسف بنعلي")
    Role.objects.create(user=admin, kind=Role.Kind.NETWORK_ADMIN)

    # 1. The president applies; a network admin accepts, with this year's cohort: the focal point gets the role.
    sign_in(page, live_server, president.email)
    commune = apply(page, live_server, artifacts, focal.email)
    name = commune.name_ar
    assert "قيد الدراسة" in page.locator("main").inner_text()
    assert MembershipApplication.objects.get(collectivity=commune).applicant == president
    sign_in(page, live_server, admin.email)
    steps.accept_application(page, live_server, name, f"مرحبا بجماعة {name} في الشبكة.")
    shot(page, artifacts, "02-accepted")
    assert commune.membership.cohort_year == year
    assert Role.objects.filter(user=focal, collectivity=commune, kind=Role.Kind.FOCAL_POINT).exists()

    # 2. The focal point registers for the meeting of the commune's region; the organiser (the network, which runs
    # regional meetings) marks them present at the door on a phone without JavaScript.
    event = make_event(level=Level.REGIONAL, region=commune.region, capacity=100)
    sign_in(page, live_server, focal.email)
    steps.register_for_event(page, live_server, event, commune)
    shot(page, artifacts, "03-register")
    registration = steps.confirm_registration(page, event, focal, commune)
    steps.mark_present_at_door(browser, live_server, artifacts, registration, admin, "network-layer-04-door")
    page.reload()
    assert "سُجل حضورك." in page.locator("#registration").inner_text()
    shot(page, artifacts, "05-present")

    # 3. The focal point opens the commune's first programme cycle from its member space.
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/")
    page.locator(f"a[href$='/members/{commune.slug}/programme/new/']").click()
    page.fill("input[name=cycle]", f"{year}-{year + 1}")
    page.fill("input[name=title_ar]", "برنامج عمل الانفتاح الأول")
    shot(page, artifacts, "06-programme-new")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/manage/$"))
    programme = Programme.objects.get(collectivity=commune)

    # 4. The focal point shares a practice of the commune; a network admin publishes it.
    page.goto(f"{live_server.url}/ar/members/{commune.slug}/")
    practice = steps.share_practice(page, artifacts, "network-layer-07-practice-shared", PRACTICE, "participation")
    assert practice.collectivity == commune
    steps.publish_practice(page, live_server, admin, practice)

    # 5. The focal point finds it written another way and uses it as a template for the commune's programme.
    sign_in(page, live_server, focal.email)
    steps.search_practices(page, live_server, VARIANT)
    assert page.locator(".practice-list li").count() == 1
    shot(page, artifacts, "08-found")
    page.locator(".practice-list a").first.click()
    section = steps.use_as_template(page, programme)
    assert "نشر المحاضر" in section.inner_text()
    assert TemplateUse.objects.filter(practice=practice, programme=programme, used_by=focal).exists()
    assert list(programme.axes.values_list("title", flat=True)) == ["الإنصات إلى الساكنة", "الشفافية"]
    section.scroll_into_view_if_needed()
    shot(page, artifacts, "09-template")

    # 6. The focal point asks the support desk; the network team answers; the focal point reads the answer.
    answer = "ابدؤوا بمحور الإنصات إلى الساكنة، ثم انشروا محاضر اللقاءات على صفحة الجماعة."
    sign_in(page, live_server, focal.email)
    question = "استعملنا ممارسة كنموذج: ما المحاور التي نبدأ بها؟"
    steps.open_ticket(page, commune, "كيف نكيف الممارسة مع برنامجنا؟", question)
    shot(page, artifacts, "10-ticket")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/support/tickets/\d+/$"))
    ticket = Ticket.objects.get(collectivity=commune)
    sign_in(page, live_server, admin.email)
    told = Notification.objects.get(recipient=admin, kind="support.ticket")
    steps.answer_ticket(page, live_server.url + told.url, answer)
    ticket.refresh_from_db()
    assert ticket.status == TicketStatus.ANSWERED
    sign_in(page, live_server, focal.email)
    page.goto(live_server.url + Notification.objects.get(recipient=focal, kind="support.ticket").url)
    assert answer in page.locator("main .thread").inner_text()
    shot(page, artifacts, "11-answered")

    # 7. Anyone sees the new member on the public network dashboard, in this year's cohort: its figures were
    # computed again when it was accepted, not at the next hourly run.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/ar/")
    page.locator("footer a", has_text="لوحة قيادة الشبكة").click()
    page.wait_for_url("**/ar/network/dashboard/")
    freshness = page.locator("#netdash-freshness").inner_text()
    assert "حُسبت الأرقام في" in freshness and "فور انضمام عضو جديد" in freshness
    steps.filter_dashboard(page, "cohort", str(year))
    row = page.locator(f'tr[data-member="{commune.slug}"]')
    assert row.count() == 1 and name in row.locator("th").inner_text()
    assert MemberFigures.objects.get(collectivity=commune).cohort_year == year
    shot(page, artifacts, "12-dashboard")
