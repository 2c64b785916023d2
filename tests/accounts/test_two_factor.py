"""Optional TOTP second factor (allauth.mfa): a staff member turns it on, and login then asks for the code."""

import base64
import hashlib
import hmac
import struct
import time

import pytest
from allauth.mfa.models import Authenticator

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 code computed independently of the library under test (SHA-1, 30 s, 6 digits)."""
    counter = struct.pack(">Q", int((at or time.time()) // 30))
    digest = hmac.new(base64.b32decode(secret, casefold=True), counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def login(client, user):
    return client.post("/ar/accounts/login/", {"login": user.email, "password": PASSWORD})


def test_focal_point_enables_totp_and_login_then_requires_it(client, focal_point):
    assert login(client, focal_point).status_code == 302
    page = client.get("/ar/accounts/2fa/totp/activate/", follow=True)
    if page.redirect_chain:  # allauth asks for the password again before security changes
        assert "/accounts/reauthenticate/" in page.redirect_chain[-1][0]
        client.post("/ar/accounts/reauthenticate/", {"password": PASSWORD})
        page = client.get("/ar/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    wrong = client.post("/ar/accounts/2fa/totp/activate/", {"code": "000000" if totp(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    assert not Authenticator.objects.filter(user=focal_point).exists()
    client.post("/ar/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert Authenticator.objects.filter(user=focal_point, type=Authenticator.Type.TOTP).exists()

    client.logout()
    response = login(client, focal_point)
    assert response.status_code == 302 and "/accounts/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in client.session
    client.post("/ar/accounts/2fa/authenticate/", {"code": totp(secret, time.time() + 30)})
    assert client.session["_auth_user_id"] == str(focal_point.pk)


def test_two_factor_page_needs_login(client):
    response = client.get("/ar/accounts/2fa/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
