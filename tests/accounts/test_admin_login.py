"""The admin signs in through the site's allauth flow: its login limits and the second factor apply to staff."""

import time
from urllib.parse import quote

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from ..conftest import PASSWORD, make_user
from .test_two_factor import totp

pytestmark = pytest.mark.django_db

ADMIN = "/ar/admin/"


@pytest.fixture
def staff(db):
    return make_user("staff@example.ma", "Staff", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_with_totp(staff):
    secret = generate_totp_secret()
    TOTP.activate(staff, secret)
    return staff, secret


def signed_in(client) -> str | None:
    return client.session.get("_auth_user_id")


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_admin_sends_visitors_to_the_site_sign_in_in_their_language(client, lang):
    response = client.get(f"/{lang}/admin/", follow=True)
    first, last = response.redirect_chain[0][0], response.redirect_chain[-1][0]
    assert first.startswith(f"/{lang}/admin/login/")
    assert last == f"/{lang}/accounts/login/?next={quote(f'/{lang}/admin/', safe='')}"
    assert response.status_code == 200 and "password" in response.content.decode()


def test_an_outside_next_falls_back_to_the_admin_index(client):
    response = client.get("/ar/admin/login/?next=https://evil.example/")
    assert response["Location"] == f"/ar/accounts/login/?next={quote(ADMIN, safe='')}"


def test_posting_a_password_to_the_admin_login_signs_nobody_in(client, staff):
    response = client.post("/ar/admin/login/", {"username": staff.email, "password": PASSWORD, "next": ADMIN})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert signed_in(client) is None


def test_a_staff_account_with_totp_cannot_reach_the_admin_with_its_password_only(client, staff_with_totp):
    staff, secret = staff_with_totp
    client.post("/ar/admin/login/", {"username": staff.email, "password": PASSWORD, "next": ADMIN})
    assert signed_in(client) is None and client.get(ADMIN).status_code == 302
    response = client.post(f"/ar/accounts/login/?next={ADMIN}", {"login": staff.email, "password": PASSWORD})
    assert "/accounts/2fa/authenticate/" in response["Location"] and signed_in(client) is None
    assert client.get(ADMIN).status_code == 302
    response = client.post("/ar/accounts/2fa/authenticate/", {"code": totp(secret, time.time() + 30)})
    assert signed_in(client) == str(staff.pk)
    assert client.get(ADMIN).status_code == 200


def test_staff_without_totp_gets_in_through_the_site_sign_in(client, staff):
    response = client.post(f"/ar/accounts/login/?next={ADMIN}", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


def test_wrong_admin_passwords_are_limited(client, staff):
    """allauth allows 5 failures per account in 5 minutes; after them even the right password is refused."""
    for _attempt in range(5):
        client.get("/ar/admin/login/", follow=True)
        client.post(f"/ar/accounts/login/?next={ADMIN}", {"login": staff.email, "password": "wrong-password"})
    client.post("/ar/admin/login/", {"username": staff.email, "password": PASSWORD, "next": ADMIN})
    response = client.post(f"/ar/accounts/login/?next={ADMIN}", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 200 and response.context["form"].errors and signed_in(client) is None
    assert client.get(ADMIN).status_code == 302


def test_signed_in_people_without_staff_status_are_refused_without_a_loop(client, citizen):
    client.force_login(citizen)
    assert client.get("/ar/admin/login/").status_code == 403
    response = client.get(ADMIN, follow=True)
    assert response.status_code == 403 and len(response.redirect_chain) == 1
