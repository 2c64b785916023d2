"""Personal data in a real browser, in Arabic and French: the privacy notice from the footer, consent to inclusion
statistics, the data download, and account deletion (a wrong password first, then the right one), which deletes
the stored attendance certificate naming the person once committed."""

import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from remacto.accounts.models import User
from remacto.cocreation.models import Idea, Phase, Programme
from remacto.events import certificate
from remacto.events.models import Registration

from ..conftest import PASSWORD, make_user
from ..events.conftest import make_event, register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORDS = {
    "ar": {"notice": "إشعار الخصوصية", "save": "حفظ", "wrong": "كلمة المرور غير صحيحة", "deleted": "حساب محذوف"},
    "fr": {
        "notice": "Politique de confidentialité",
        "save": "Enregistrer",
        "wrong": "Le mot de passe n'est pas correct",
        "deleted": "Compte supprimé",
    },
}


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_privacy_download_and_deletion(
    live_server, reference, commune, page, artifacts, settings, language, expected_console_errors
):
    # The wrong password is refused with 400 on purpose; the browser reports that status in its console.
    expected_console_errors.append(r"status of 400 \(Bad Request\) \(http://[^)]*/profile/delete/\)")
    settings.CNDP_DECLARATION = "D-GC-771/2026"
    words = WORDS[language]
    user = make_user(f"leila.{language}@example.ma", "Leila Private")
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="Programme", phase=Phase.IDEAS)
    idea = Idea.objects.create(programme=programme, title="Shade in the market", problem="p", solution="s", author=user)
    event = make_event()
    registration = register(event, user)
    Registration.objects.filter(pk=registration.pk).update(attended_at=event.starts_at())
    stored = certificate.stored(registration).name("Leila Private")
    default_storage.save(stored, ContentFile(b"%PDF-"))

    page.goto(f"{live_server.url}/{language}/accounts/signup/")
    assert page.locator(f"main a[href='/{language}/privacy/']").is_visible()
    page.screenshot(path=str(artifacts / f"signup-privacy-{language}-360.png"), full_page=True)

    page.goto(f"{live_server.url}/{language}/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/{language}/profile/")

    page.locator("footer a", has_text=words["notice"]).click()
    page.wait_for_url(f"{live_server.url}/{language}/privacy/")
    assert "D-GC-771/2026" in page.locator("main").inner_text()
    page.screenshot(path=str(artifacts / f"privacy-{language}-360.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(artifacts / f"privacy-{language}-1280.png"), full_page=True)
    page.set_viewport_size({"width": 360, "height": 780})

    page.goto(f"{live_server.url}/{language}/profile/")
    page.check("#id_statistics_consent")
    page.select_option("#id_gender", "woman")
    page.screenshot(path=str(artifacts / f"profile-consent-{language}-360.png"), full_page=True)
    page.locator("main form button[type=submit]", has_text=words["save"]).click()
    page.wait_for_load_state()
    user.refresh_from_db()
    assert user.gender == "woman" and user.statistics_consent_at is not None

    page.goto(f"{live_server.url}/{language}/privacy/")
    with page.expect_download() as download:
        page.locator(f"main a[href='/{language}/profile/my-data.json']").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["profile"]["email"] == user.email and data["ideas"][0]["title"] == "Shade in the market"

    page.locator(f"main a[href='/{language}/profile/delete/']").click()
    page.fill("#id_password", "not-the-password")
    page.locator("main form button[type=submit]").click()
    page.locator(".error", has_text=words["wrong"]).wait_for()
    assert User.objects.filter(pk=user.pk).exists() and default_storage.exists(stored)
    page.screenshot(path=str(artifacts / f"account-delete-{language}-360.png"), full_page=True)

    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/{language}/")
    assert not User.objects.filter(pk=user.pk).exists()
    assert not default_storage.exists(stored)  # deleted once the deletion was committed
    with translation.override(language):
        page.goto(f"{live_server.url}{idea.get_absolute_url()}")
    assert words["deleted"] in page.locator("main").inner_text()
    assert "Leila Private" not in page.content()
