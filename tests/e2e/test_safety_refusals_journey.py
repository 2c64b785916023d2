"""Refusals in Arabic, in a real browser, on a phone and a desktop: the network's last admin asks to delete their
account and is told why, nothing deleted; a visitor checking receipt codes too fast gets the reason (429)."""

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.accounts.models import Role, User

from ..budgets.conftest import campaign_in
from ..conftest import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAST_ADMIN = "ستبقى الشبكة دون مسيّر. امنح دور مسيّر الشبكة لشخص آخر أولا."
TOO_FAST = "تحققت من رمزي وصل في وقت قصير."  # two: the dual, no figure
SIZES = {"360": {"width": 360, "height": 780}, "1280": {"width": 1280, "height": 900}}


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_last_admin_is_told_why_their_account_stays(
    live_server, reference, page, artifacts, expected_console_errors
):
    expected_console_errors.append(r"status of 400 \(Bad Request\) \(http://[^)]*/profile/delete/\)")
    admin = make_user("last.admin@example.ma", "سلمى")
    Role.objects.create(user=admin, kind=Role.Kind.NETWORK_ADMIN)
    page.goto(f"{live_server.url}/ar/accounts/login/")
    page.fill("input[name=login]", admin.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/ar/profile/")
    for name, size in SIZES.items():
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/ar/profile/delete/")
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button.danger").click()
        page.wait_for_load_state()
        assert LAST_ADMIN in page.locator("main").inner_text()
        assert page.locator("html").get_attribute("dir") == "rtl" and _no_sideways_scroll(page)
        page.screenshot(path=str(artifacts / f"last-admin-delete-ar-{name}.png"), full_page=True)
    assert User.objects.filter(pk=admin.pk).exists()


def test_checking_receipts_too_fast_says_why(live_server, commune, page, artifacts, settings, expected_console_errors):
    expected_console_errors.append(r"status of 429 \(Too Many Requests\)")
    settings.PARTICIPATION_LIMITS = {"receipt_checks": [(2, 600)]}
    campaign = campaign_in(commune)
    with translation.override("ar"):
        receipt = reverse("budgets:receipt", kwargs={"slug": commune.slug, "pk": campaign.pk})
    for name, size in SIZES.items():
        page.set_viewport_size(size)
        for _n in range(3):
            page.goto(f"{live_server.url}{receipt}?code=ACDEF-GHJKL")
        assert TOO_FAST in page.locator("main").inner_text()
        assert _no_sideways_scroll(page)
        page.screenshot(path=str(artifacts / f"receipt-too-fast-ar-{name}.png"), full_page=True)
