"""Failed sign-ins are limited per client address (allauth, through ``core.http.client_ip``): behind the load
balancer each person has their own count, and without trusted proxies a forged X-Forwarded-For changes nothing."""

import io
import time

import pytest
from django.core.cache.backends import locmem
from django.core.management import call_command

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOAD_BALANCER = "10.0.0.5"
TOO_MANY = "Too many failed login attempts. Try again later."


def sign_in(client, email: str, password: str, **meta):
    with_lang = {"HTTP_ACCEPT_LANGUAGE": "en"}
    return client.post("/en/accounts/login/", {"login": email, "password": password}, **with_lang, **meta)


def refused(response) -> bool:
    return response.status_code == 200 and TOO_MANY in response.content.decode()


def fail_ten_times(client, **meta) -> None:
    for n in range(10):  # a different account each time: only the per-address limit applies
        response = sign_in(client, f"nobody{n}@example.ma", "wrong-password", **meta)
        assert response.status_code == 200 and not refused(response)


def test_behind_the_load_balancer_one_client_is_locked_out_not_everyone(client, citizen, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    attacker = {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": "105.66.0.1"}
    fail_ten_times(client, **attacker)
    assert refused(sign_in(client, "nobody@example.ma", "wrong-password", **attacker))
    neighbour = {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": "41.250.1.2"}
    response = sign_in(client, citizen.email, PASSWORD, **neighbour)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(citizen.pk)


def test_without_trusted_proxies_a_forged_header_does_not_escape_the_limit(client, citizen, settings):
    settings.TRUSTED_PROXIES = []
    fail_ten_times(client, REMOTE_ADDR="41.250.1.2", HTTP_X_FORWARDED_FOR="1.1.1.1")
    response = sign_in(client, citizen.email, PASSWORD, REMOTE_ADDR="41.250.1.2", HTTP_X_FORWARDED_FOR="2.2.2.2")
    assert refused(response) and "_auth_user_id" not in client.session


def test_address_counters_expire_with_their_window_and_never_reach_the_database(client, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # to read expiries
    fail_ten_times(client, REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="105.66.0.1")
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert "105.66.0.1" not in dump.getvalue()
    keys = [key for key in locmem._caches[""] if "105.66.0.1" in key]
    assert keys and all(0 < locmem._expire_info[""][key] - time.time() <= 60 for key in keys)
