"""Account pages, redirects and emails keep the reader's language, whatever the browser prefers."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from remacto.accounts.models import User

from ..conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

FRENCH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9,en;q=0.8"}
SIGNUP = {
    "display_name": "Amina",
    "email": "amina@example.ma",
    "password1": "Zitoun-2026-Marrakech",
    "password2": "Zitoun-2026-Marrakech",
}


def _link(body: str, path_part: str) -> str:
    return re.search(rf"https?://\S+{path_part}\S*", body).group(0)


def test_a_page_needing_an_account_sends_to_the_login_page_in_its_language(client):
    response = client.get("/ar/notifications/", **FRENCH_BROWSER)
    assert response.status_code == 302
    assert response["Location"] == "/ar/accounts/login/?next=/ar/notifications/"
    page = client.get(response["Location"], **FRENCH_BROWSER)
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.content.decode()


def test_login_returns_to_the_page_in_its_language(client, citizen):
    response = client.post(
        "/ar/accounts/login/?next=/ar/notifications/",
        {"login": citizen.email, "password": PASSWORD},
        **FRENCH_BROWSER,
    )
    assert response["Location"] == "/ar/notifications/"
    client.logout()
    response = client.post("/zgh/accounts/login/", {"login": citizen.email, "password": PASSWORD}, **FRENCH_BROWSER)
    assert response["Location"] == "/zgh/profile/"


def test_logout_stays_in_the_language(client, citizen):
    client.force_login(citizen)
    response = client.post("/ar/accounts/logout/", **FRENCH_BROWSER)
    assert response["Location"] == "/ar/"


@pytest.mark.parametrize("path", ["/ar/accounts/2fa/", "/ar/accounts/password/change/", "/ar/accounts/email/"])
def test_account_pages_needing_a_login_keep_the_prefix(client, path):
    response = client.get(path, **FRENCH_BROWSER)
    assert urlsplit(response["Location"]).path == "/ar/accounts/login/"


def test_signup_in_arabic_saves_arabic_and_mails_in_arabic_with_the_site_name(client, settings):
    settings.SITE_URL = "https://remacto.example.ma"
    response = client.post("/ar/accounts/signup/", SIGNUP, **FRENCH_BROWSER)
    assert response["Location"] == "/ar/accounts/confirm-email/"
    assert User.objects.get(email=SIGNUP["email"]).preferred_language == "ar"
    message = mail.outbox[0]
    assert "Hello from !" not in message.body and "REMACTO" in message.body
    assert "remacto.example.ma" in message.body
    assert re.search("[\u0600-\u06ff]", message.subject) and re.search("[\u0600-\u06ff]", message.body)
    link = _link(message.body, "/confirm-email/")
    assert link.startswith("https://remacto.example.ma/ar/accounts/confirm-email/")
    confirm = client.post(urlsplit(link).path, **FRENCH_BROWSER)
    assert confirm["Location"] == "/ar/profile/"


def test_signup_in_amazigh_mails_in_tifinagh(client):
    client.post("/zgh/accounts/signup/", SIGNUP)
    assert User.objects.get(email=SIGNUP["email"]).preferred_language == "zgh"
    message = mail.outbox[0]
    letters = [ch for ch in message.subject + message.body if ch.isalpha()]
    tifinagh = [ch for ch in letters if "\u2d30" <= ch <= "\u2d7f"]
    assert "/zgh/accounts/confirm-email/" in message.body
    # Latin letters remain only in the brand, the address and the link.
    assert len(tifinagh) > len(letters) / 2, message.body


def test_password_reset_mail_is_in_the_account_language(client, settings):
    settings.SITE_URL = "https://remacto.example.ma"
    make_user("omar@example.ma", preferred_language="fr")
    response = client.post("/ar/accounts/password/reset/", {"email": "omar@example.ma"})
    assert response["Location"] == "/ar/accounts/password/reset/done/"
    message = mail.outbox[0]
    assert "mot de passe" in message.body.lower()
    assert _link(message.body, "/password/reset/key/").startswith("https://remacto.example.ma/fr/accounts/")
