"""HTTP helpers shared by the apps: who the client is behind trusted proxies, how a limit's refusal answers, and
where a form may send people back to."""

from functools import lru_cache
from http import HTTPStatus
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address, ip_network

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme


def too_many_requests(response: HttpResponse, retry_after: int | None) -> HttpResponse:
    """Turn ``response`` (the page or fragment that shows the refusal) into a 429 with ``Retry-After`` in seconds.

    ``retry_after=None`` (the refusal was not a limit) leaves the response as it is.
    """
    if retry_after is not None:
        response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        response.reason_phrase = HTTPStatus.TOO_MANY_REQUESTS.phrase
        response["Retry-After"] = str(max(1, int(retry_after)))
    return response


def next_url(request, fallback: str) -> str:
    """The ``next`` the request carried (form field or query), when it is a path on this site; else ``fallback``."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _address(value: str) -> IPv4Address | IPv6Address | None:
    """An address as proxies write it (``1.2.3.4``, ``1.2.3.4:5678``, ``[2001:db8::1]:443``), or ``None``."""
    value = value.strip()
    if value.startswith("[") and "]" in value:
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    try:
        return ip_address(value)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    return tuple(ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str:
    """The address of the person behind ``request``, the one every per-address limit counts (allauth's too).

    ``REMOTE_ADDR`` unless it is one of ``settings.TRUSTED_PROXIES`` (addresses or networks of the load balancers
    and reverse proxies in front of the site). Then ``X-Forwarded-For`` is read from the right, skipping trusted
    proxies: the first address that is not one is the client. Entries to its left were written by the client and
    are never believed, so a forged header cannot borrow someone else's address or escape a limit.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    nearest = _address(remote)
    if nearest is None or not _trusted(nearest, networks):
        return remote
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(entry)
        if address is None:  # not written by a proxy: keep the last hop we can trust
            break
        nearest = address
        if not _trusted(address, networks):
            break
    return str(nearest)
