"""Sign-up, verification and login (django-allauth), with bad input answered in the reader's language."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from remacto.accounts.models import User

from ..conftest import make_user

pytestmark = pytest.mark.django_db

GOOD = {
    "display_name": "Amina",
    "email": "amina@example.ma",
    "password1": "Zitoun-2026-Marrakech",
    "password2": "Zitoun-2026-Marrakech",
}


def test_signup_sends_a_verification_email_then_login_works(client):
    response = client.post("/ar/accounts/signup/", GOOD)
    assert response.status_code == 302
    user = User.objects.get(email="amina@example.ma")
    assert user.display_name == "Amina" and user.preferred_language == "ar"
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+", mail.outbox[0].body).group(0)
    path = urlsplit(link).path
    client.post(path)
    assert user.emailaddress_set.get().verified
    client.logout()
    response = client.post("/ar/accounts/login/", {"login": "amina@example.ma", "password": GOOD["password1"]})
    assert response.status_code == 302


def test_unverified_account_cannot_log_in(client):
    client.post("/fr/accounts/signup/", GOOD)
    client.logout()
    response = client.post("/fr/accounts/login/", {"login": GOOD["email"], "password": GOOD["password1"]})
    assert "/accounts/confirm-email/" in response.get("Location", "")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"password1": "password123", "password2": "password123"}, "password1"),
        ({"password2": "Different-2026-pass"}, "password2"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "\u200b\u200c\u2060"}, "display_name"),
    ],
)
def test_bad_signup_gets_a_clear_message_and_saves_nothing(client, changes, field):
    response = client.post("/ar/accounts/signup/", {**GOOD, **changes})
    assert response.status_code == 200
    assert response.context["form"].errors.get(field)
    assert not User.objects.exists()
    assert 'dir="rtl"' in response.content.decode()


def test_taken_email_is_refused_in_french(client):
    make_user("amina@example.ma")
    response = client.post("/fr/accounts/signup/", GOOD)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["email"])
    assert "adresse" in errors.lower() or "déjà" in errors
    assert User.objects.count() == 1


def test_wrong_password_message_in_arabic(client, citizen):
    response = client.post("/ar/accounts/login/", {"login": citizen.email, "password": "wrong-password"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'lang="ar"' in response.content.decode()


def test_profile_page_saves_and_explains_optional_fields(client, citizen):
    client.force_login(citizen)
    response = client.get("/fr/profile/")
    assert response.status_code == 200
    response = client.post(
        "/fr/profile/",
        {
            "display_name": "Nouveau nom",
            "preferred_language": "fr",
            "statistics_consent": "on",
            "age_band": "30-44",
            "gender": "",
            "residence": "",
        },
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.display_name == "Nouveau nom" and citizen.age_band == "30-44"


def test_profile_bad_input_keeps_what_was_typed(client, citizen):
    client.force_login(citizen)
    response = client.post("/ar/profile/", {"display_name": "x" * 200, "preferred_language": "ar", "age_band": "bogus"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"display_name", "age_band"}
    citizen.refresh_from_db()
    assert citizen.display_name == "Citizen"


def test_password_reset_by_email(client, citizen):
    response = client.post("/fr/accounts/password/reset/", {"email": citizen.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [citizen.email]
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body).group(0)
    page = client.get(urlsplit(link).path, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else urlsplit(link).path
    new_password = "Cedre-Atlas-2026-Ifrane"
    client.post(form_url, {"password1": new_password, "password2": new_password})
    client.logout()
    response = client.post("/fr/accounts/login/", {"login": citizen.email, "password": new_password})
    assert response.status_code == 302
