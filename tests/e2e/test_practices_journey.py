"""The good-practice library in a real browser, in Arabic at 360 px: Ben Guerir's focal point shares a practice,
a network admin publishes it, Zagora's focal point finds it with another spelling («الاداره الرقميه») and uses it
as a template for Zagora's programme, whose page then links back to the practice. Screenshots go to
test-artifacts/."""

import pytest

from remacto.accounts.models import Role
from remacto.cocreation.models import Phase, Programme
from remacto.practices.models import Practice, TemplateUse
from remacto.territories.models import Collectivity

from ..conftest import make_user
from .test_cocreation_ideas_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, artifacts, name: str) -> None:
    no_horizontal_scroll(page)
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.screenshot(path=str(artifacts / f"practices-journey-{name}-ar.png"), full_page=True)


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
    page.locator(".space-practices a[href$='/practices/new/']").click()
    page.fill("input[name=title]", "الإدارة الرقمية وتبسيط المساطر")
    page.fill("textarea[name=summary]", "شباك رقمي للمواطنين ومسطرة مبسطة لإيداع العرائض.")
    page.fill("textarea[name=description]", "- ورشة مع الجمعيات\n- منصة رقمية لإيداع العرائض")
    page.fill("textarea[name=results]", "120 عريضة مودعة عبر المنصة في السنة الأولى.")
    page.check("input[name=serves_digitalisation]")
    page.fill(
        "textarea[name=structure]",
        "الرقمنة\n- شباك رقمي للمواطنين\n- تكوين الموظفين\nالمشاركة المواطنة\n- دليل العرائض",
    )
    page.fill("input[name=contact_name]", "نقطة الارتكاز")
    shot(page, artifacts, "1-share")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/practices/*/")
    practice = Practice.objects.get()
    assert practice.status == Practice.Status.SUBMITTED

    # 2. A network admin publishes it from the review queue.
    sign_in(page, live_server, admin.email)
    page.goto(f"{live_server.url}/ar/network/practices/")
    page.locator(f"a[href$='/practices/{practice.pk}/']").click()
    page.locator("form[action$='/review/publish/'] button").click()
    page.locator("[role=status], .message.success").first.wait_for()
    practice.refresh_from_db()
    assert practice.is_published

    # 3. Zagora's focal point finds it, written another way, from the footer's link to the library.
    sign_in(page, live_server, reuser.email)
    page.goto(f"{live_server.url}/ar/")
    page.locator("footer a[href$='/practices/']").click()
    page.fill("input[name=q]", "الاداره الرقميه")
    page.locator("form[role=search] button[type=submit]").click()
    page.locator(".practice-list").wait_for()
    assert page.locator(".practice-list li").count() == 1
    shot(page, artifacts, "2-found")

    # 4. … and uses it as a template for Zagora's programme, which then links back to it.
    page.locator(".practice-list a").first.click()
    page.select_option("select[name=programme]", str(programme.pk))
    shot(page, artifacts, "3-practice")
    page.locator("form[action$='/use/'] button[type=submit]").click()
    page.wait_for_url(f"**{programme.get_absolute_url()}")
    section = page.locator("#practice-uses-title").locator("..")
    assert "دليل العرائض" in section.inner_text()
    assert section.locator(f"a[href$='/practices/{practice.pk}/']").count() == 1
    assert TemplateUse.objects.filter(practice=practice, programme=programme).exists()
    assert list(programme.axes.values_list("title", flat=True)) == ["الرقمنة", "المشاركة المواطنة"]
    section.scroll_into_view_if_needed()
    shot(page, artifacts, "4-programme")
