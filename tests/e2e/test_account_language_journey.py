"""Signing up from an Arabic page in a browser that prefers French: every page, redirect and the confirmation
email stay in Arabic, and the new account is saved as Arabic."""

import re
from urllib.parse import unquote, urlsplit

import pytest
from django.core import mail

from remacto.accounts.models import User
from remacto.cocreation.models import Phase, Programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def french_browser_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_arabic_page(page) -> None:
    assert urlsplit(page.url).path.startswith("/ar/"), page.url
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert ARABIC.search(page.locator("main h1").first.inner_text())


def test_sign_up_from_an_arabic_programme_stays_in_arabic(live_server, french_browser_page, artifacts, commune):
    page = french_browser_page
    programme = Programme.objects.create(
        collectivity=commune, cycle="2026-2027", title="برنامج عمل الانفتاح", phase=Phase.IDEAS
    )
    submit_path = f"/ar/members/{commune.slug}/programme/{programme.cycle}/ideas/new/"

    page.goto(f"{live_server.url}/ar/members/{commune.slug}/programme/{programme.cycle}/")
    page.locator(f"main a[href='{submit_path}']").first.click()
    page.wait_for_url(re.compile(r"/ar/accounts/login/"))
    assert_arabic_page(page)
    assert f"next={submit_path}" in unquote(page.url)

    page.locator("main a[href*='/ar/accounts/signup/']").first.click()
    page.wait_for_url(re.compile(r"/ar/accounts/signup/"))
    assert_arabic_page(page)
    page.fill("input[name=display_name]", "أمينة")
    page.fill("input[name=email]", "amina@example.ma")
    page.fill("input[name=password1]", "Zitoun-2026-Marrakech")
    page.fill("input[name=password2]", "Zitoun-2026-Marrakech")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/accounts/confirm-email/"))
    assert_arabic_page(page)
    assert User.objects.get(email="amina@example.ma").preferred_language == "ar"

    message = mail.outbox[-1]
    assert ARABIC.search(message.subject) and "REMACTO" in message.body
    link = re.search(r"https?://\S+/ar/accounts/confirm-email/\S+", message.body).group(0)
    page.goto(live_server.url + urlsplit(link).path)
    assert_arabic_page(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/ar/"))
    assert_arabic_page(page)
    status = page.locator(".messages").inner_text()
    assert ARABIC.search(status) and "Successfully" not in status
    page.screenshot(path=str(artifacts / "account-signup-ar-360.png"), full_page=True)
