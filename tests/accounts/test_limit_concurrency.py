"""Sign-in and sign-up limits per client address hold under parallel requests (PostgreSQL, and Redis when
REDIS_URL is set): allauth counts each address under a cache lock, and the address is ``core.http.client_ip``."""

import os

import pytest
from django.test import Client

from remacto.accounts.models import User

from ..threads import at_once

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set"),
]

BEHIND_PROXY = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "105.66.0.1", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def _behind_a_load_balancer(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


def test_twenty_failed_sign_ins_at_once_count_at_most_ten(reference):
    def attempt(n):
        response = Client().post(
            "/en/accounts/login/", {"login": f"nobody{n}@example.ma", "password": "wrong-password"}, **BEHIND_PROXY
        )
        return "password you specified are not correct" in response.content.decode()

    checked, errors = at_once(20, attempt)
    assert not errors, errors
    # 10 per minute per address; the others are refused (429, or the "too many" message).
    assert 0 < checked.count(True) <= 10


def test_thirty_sign_ups_at_once_create_at_most_twenty_accounts(reference):
    def sign_up(n):
        data = {"display_name": f"P{n}", "email": f"p{n}@example.ma", "password1": "Zitoun-2026-Marrakech"}
        return Client().post("/en/accounts/signup/", {**data, "password2": data["password1"]}, **BEHIND_PROXY)

    responses, errors = at_once(30, sign_up)
    assert not errors, errors
    assert 0 < User.objects.count() <= 20
    assert sum(1 for r in responses if r.status_code == 429) >= 10
