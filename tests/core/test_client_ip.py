"""The client's address: REMOTE_ADDR unless it is a trusted proxy, then the right-most untrusted X-Forwarded-For."""

import pytest
from django.test import RequestFactory

from remacto.core.http import client_ip

PROXY = "10.0.0.5"


def ip(remote: str, forwarded: str | None = None) -> str:
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert ip("41.250.1.2", "6.6.6.6") == "41.250.1.2"
    assert ip(PROXY, "41.250.1.2") == PROXY


@pytest.fixture
def behind_proxies(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.7", "2001:db8:aa::/48"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "41.250.1.2", "41.250.1.2"),  # one load balancer
        (PROXY, "41.250.1.2, 192.0.2.7", "41.250.1.2"),  # a CDN then the load balancer
        (PROXY, "6.6.6.6, 41.250.1.2", "41.250.1.2"),  # the client's forged entry is left of its real address
        (PROXY, "6.6.6.6,41.250.1.2:51234", "41.250.1.2"),  # a port written by the proxy
        (PROXY, "[2001:db8:1::9]:443", "2001:db8:1::9"),
        ("2001:db8:aa::1", "105.66.0.1", "105.66.0.1"),  # IPv6 proxy
        (PROXY, "", PROXY),  # nothing forwarded: the proxy itself
        (PROXY, "not-an-address", PROXY),  # garbage is never believed
        (PROXY, "10.1.1.1, 10.2.2.2", "10.1.1.1"),  # only proxies: the farthest one
        ("41.250.1.2", "6.6.6.6", "41.250.1.2"),  # a direct client cannot claim another address
    ],
)
def test_behind_trusted_proxies(behind_proxies, remote, forwarded, expected):
    assert ip(remote, forwarded) == expected
