"""The public receipt check and the staff's integrity runs are limited per client address (behind the trusted
proxies) and per account when signed in: atomic counters, a 429 with Retry-After and the reason in words."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from remacto.budgets import identity
from remacto.budgets.models import IntegrityFlag
from remacto.budgets.services import voting
from remacto.core.models import AuditLogEntry
from remacto.participation import limits

from ..conftest import make_user
from .conftest import eligible
from .test_integrity_services import cast
from .test_voting_pages import pk_of

pytestmark = pytest.mark.django_db

RECEIPT_REFUSED = "تحققت من 3 رموز وصل في وقت قصير. يرجى الانتظار قليلا قبل التحقق من رمز آخر."
SCAN_REFUSED = "Les vérifications ont été lancées 2 fois récemment. Veuillez patienter un peu avant de les relancer."


@pytest.fixture(autouse=True)
def _small_limits(settings):
    settings.PARTICIPATION_LIMITS = {"receipt_checks": [(3, 600)], "integrity_scans": [(2, 600)]}
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]


def url(name: str, campaign, language: str = "ar") -> str:
    with translation.override(language):
        return reverse(f"budgets:{name}", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk})


def _from(address: str, forged: str = "") -> dict:
    """A request through the load balancer (10.0.0.5) from ``address``; ``forged`` is what the client wrote."""
    return {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": f"{forged}, {address}" if forged else address}


def _check(client, campaign, code="ACDEF-GHJKL", **meta):
    return client.get(url("receipt", campaign), {"code": code}, **meta)


# Receipt checks ------------------------------------------------------------------------------------------------


def test_the_fourth_check_from_one_address_answers_429_in_arabic(client, campaign):
    for _n in range(3):
        response = _check(client, campaign, **_from("105.66.0.1"))
        assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    refused = _check(client, campaign, **_from("105.66.0.1"))
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 600
    assert refused.context["form"].errors["code"] == [RECEIPT_REFUSED]
    assert RECEIPT_REFUSED in refused.content.decode() and refused.context["status"] is None
    assert _check(client, campaign, **_from("105.66.0.2")).status_code == 200  # another address


def test_the_same_code_again_is_not_answered_from_the_page_cache(client, citizen, campaign):
    eligible(campaign, citizen)
    code = identity.format_receipt(voting.cast_ballot(citizen, campaign, [(pk_of(campaign, "P1"), 1)]).ballot.receipt)
    statuses = [_check(client, campaign, code, **_from("105.66.0.1")).status_code for _n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_a_forged_forwarded_header_does_not_escape_the_limit(client, campaign):
    statuses = [_check(client, campaign, **_from("105.66.0.1", forged=f"1.2.3.{n}")).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_one_ipv6_network_counts_once(client, campaign):
    addresses = [f"2001:db8:5:7::{n}" for n in range(1, 5)]
    assert [_check(client, campaign, **_from(a)).status_code for a in addresses] == [200, 200, 200, 429]


def test_a_signed_in_account_is_limited_from_any_address(client, citizen, campaign):
    client.force_login(citizen)
    statuses = [_check(client, campaign, **_from(f"105.66.{n}.1")).status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    client.logout()
    assert _check(client, campaign, **_from("105.66.9.1")).status_code == 200


def test_the_page_and_bad_codes_use_no_check(client, campaign):
    for _n in range(5):
        assert client.get(url("receipt", campaign), **_from("105.66.0.1")).status_code == 200
        too_long = _check(client, campaign, "A" * 31, **_from("105.66.0.1"))
        assert too_long.status_code == 200 and too_long.context["form"].errors["code"]
    assert _check(client, campaign, **_from("105.66.0.1")).status_code == 200


def test_the_service_counts_each_check(campaign, citizen):
    for _n in range(3):
        assert voting.check_receipt(citizen, campaign, "ACDEF-GHJKL", address="105.66.0.1").status == "unknown"
    with pytest.raises(ValidationError) as exc:  # the account's limit, from another address
        voting.check_receipt(citizen, campaign, "ACDEF-GHJKL", address="105.66.0.7")
    assert exc.value.message_dict == {"code": [RECEIPT_REFUSED]} and limits.retry_after(exc.value) > 0


def test_address_counters_keep_no_address():
    holder = limits.client("105.66.0.1")
    assert "105" not in holder.pk and holder.pk.startswith("address-")
    assert holder.pk != limits.client("105.66.0.2").pk
    assert limits.client("2001:db8::1").pk == limits.client("2001:db8::ffff").pk
    assert limits.client("2001:db8::1").pk != limits.client("2001:db8:0:1::1").pk
    assert limits.client("not an address").pk == limits.client("not an address").pk


# Integrity runs ------------------------------------------------------------------------------------------------


@pytest.fixture
def burst(campaign):
    for n in range(21):
        cast(campaign, n, address_hash=identity.short_hash("address", "198.51.100.7"))


def test_the_third_integrity_run_answers_429_and_is_not_audited(client, campaign, burst, focal_point):
    client.force_login(focal_point)
    for _n in range(2):
        assert client.post(url("integrity_scan", campaign, "fr"), **_from("105.66.0.1")).status_code == 302
    refused = client.post(url("integrity_scan", campaign, "fr"), **_from("105.66.0.1"))
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert SCAN_REFUSED in refused.content.decode()
    assert AuditLogEntry.objects.filter(action="integrity.scan").count() == 2
    assert IntegrityFlag.objects.filter(campaign=campaign).count() == 1


def test_integrity_runs_are_counted_per_address_across_accounts(client, campaign, focal_point, network_admin):
    for person in (focal_point, network_admin):
        client.force_login(person)
        assert client.post(url("integrity_scan", campaign), **_from("105.66.0.1")).status_code == 302
    assert client.post(url("integrity_scan", campaign), **_from("105.66.0.1")).status_code == 429
    assert client.post(url("integrity_scan", campaign), **_from("105.66.0.2")).status_code == 302


def test_refused_people_use_no_run(client, campaign, citizen, focal_point):
    client.force_login(citizen)
    for _n in range(3):
        assert client.post(url("integrity_scan", campaign), **_from("105.66.0.1")).status_code == 403
    client.force_login(make_user("other@example.ma"))
    assert client.post(url("integrity_scan", campaign), **_from("105.66.0.1")).status_code == 403
    client.force_login(focal_point)
    assert client.post(url("integrity_scan", campaign), **_from("105.66.0.1")).status_code == 302


def test_per_address_counters_last_an_hour_at_most_as_the_privacy_notice_says():
    for kind in ("receipt_checks", "integrity_scans"):
        assert all(seconds <= 60 * 60 for _most, seconds in limits.DEFAULTS[kind]), kind
