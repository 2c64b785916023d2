"""The good-practice library in a real browser, in Arabic at 360 px: Ben Guerir's focal point shares a practice,
a network admin publishes it, Zagora's focal point finds it with another spelling («الاداره الرقميه») and uses it
as a template for Zagora's programme, whose page then links back to the practice. Screenshots go to
test-artifacts/."""

import pytest

from remacto.accounts.models import Role
from remacto.cocreation.models import Phase, Programme
from remacto.practices.models import TemplateUse
from remacto.territories.models import Collectivity

from ..conftest import make_user
from . import steps
from .steps import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, artifacts, name: str) -> None:
    steps.shot(page, artifacts, f"practices-journey-{name}")


def test_share_publish_find_and_use_as_template(live_server, page, artifacts, reference):
    ben_guerir = Collectivity.objects.get(slug="ben-guerir")
    zagora = Collectivity.objects.get(slug="zagora")
    submitter = make_user("fp-bg-journey@example.ma", "نقطة ارتكاز ابن جرير")
    Role.objects.create(user=submitter, kind=Role.Kind.FOCAL_POINT, collectivity=ben_guerir)
    reuser = make_user("fp-zagora-journey@example.ma", "نقطة ارتكاز زاكورة")
    Role.objects.create(user=reuser, kind=Role.Kind.FOCAL_POINT, collectivity=zagora)
    admin = make_user("network-journey@example.ma", "فريق الشبكة")
    Role.objects.create(user=admin, kind=Role.Kind.NETWORK_ADMIN)
    programme = Programme.objects.create(
        collectivity=zagora, cycle="2026-2027", title="برنامج الانفتاح 2026-2027", phase=Phase.IDEAS
    )

    # 1. Ben Guerir's focal point shares a practice from the member space.
    sign_in(page, live_server, submitter.email)
    page.goto(f"{live_server.url}/ar/members/ben-guerir/")
    practice = steps.share_practice(page, artifacts, "practices-journey-1-share")

    # 2. A network admin publishes it from the review queue.
    steps.publish_practice(page, live_server, admin, practice)

    # 3. Zagora's focal point finds it, written another way, from the footer's link to the library.
    sign_in(page, live_server, reuser.email)
    steps.search_practices(page, live_server, "الاداره الرقميه")
    assert page.locator(".practice-list li").count() == 1
    shot(page, artifacts, "2-found")

    # 4. … and uses it as a template for Zagora's programme, which then links back to it.
    page.locator(".practice-list a").first.click()
    shot(page, artifacts, "3-practice")
    section = steps.use_as_template(page, programme)
    assert "دليل العرائض" in section.inner_text()
    assert section.locator(f"a[href$='/practices/{practice.pk}/']").count() == 1
    assert TemplateUse.objects.filter(practice=practice, programme=programme).exists()
    assert list(programme.axes.values_list("title", flat=True)) == ["الرقمنة", "المشاركة المواطنة"]
    section.scroll_into_view_if_needed()
    shot(page, artifacts, "4-programme")
