"""Integrity pages: the list of signals by status, a signal with its ballots (nothing personal) and decisions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from remacto.budgets import identity, selectors
from remacto.budgets.models import Ballot, IntegrityFlag
from remacto.budgets.services import integrity as service
from remacto.core.models import AuditLogEntry

from ..conftest import make_user
from .test_integrity_services import ADDRESS, cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def flag(campaign):
    start = timezone.now() - datetime.timedelta(hours=1)
    for n in range(25):
        user = make_user(f"voter{n}@example.ma", date_joined=start - datetime.timedelta(days=60))
        cast(campaign, n, ("P1", "P4"), user, at=start + n * datetime.timedelta(seconds=10), address_hash=ADDRESS)
    (flag,) = service.record_signals(campaign)
    return flag


def url(name: str, campaign, **kwargs) -> str:
    return reverse(f"budgets:{name}", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk, **kwargs})


def test_list_filters_by_status(client, campaign, flag, focal_point, django_assert_max_num_queries):
    client.force_login(focal_point)
    with django_assert_max_num_queries(12):
        body = client.get(url("integrity", campaign)).content.decode()
    assert url("integrity_flag", campaign, flag=flag.pk) in body
    cleared = client.get(url("integrity", campaign) + "?status=cleared").content.decode()
    assert url("integrity_flag", campaign, flag=flag.pk) not in cleared
    assert client.get(url("integrity", campaign) + "?status=junk").status_code == 200
    assert (
        url("integrity_flag", campaign, flag=flag.pk)
        in client.get(url("integrity", campaign) + "?status=all").content.decode()
    )


def test_detail_shows_cast_times_and_choices_but_nobody(
    client, campaign, flag, focal_point, django_assert_max_num_queries
):
    client.force_login(focal_point)
    with django_assert_max_num_queries(12):
        body = client.get(url("integrity_flag", campaign, flag=flag.pk)).content.decode()
    assert body.count('name="ballots"') == 25 and "P1 P4" in body
    assert "voter0@example.ma" not in body and "voter0" not in body
    assert Ballot.objects.first().receipt not in body


def test_exclude_then_reinclude_from_the_page(client, campaign, flag, focal_point):
    client.force_login(focal_point)
    page = url("integrity_flag", campaign, flag=flag.pk)
    refused = client.post(page, {"decision": "exclude", "ballots": flag.ballot_ids[:2], "reason": ""})
    assert refused.status_code == 400 and selectors.counted_ballots(campaign).count() == 25
    response = client.post(page, {"decision": "exclude", "ballots": flag.ballot_ids[:2], "reason": "Même minute"})
    assert response.status_code == 302 and selectors.counted_ballots(campaign).count() == 23
    assert "Même minute" in client.get(url("integrity", campaign) + "?status=all").content.decode()
    client.post(page, {"decision": "reinclude", "ballots": flag.ballot_ids[:2], "reason": "Vérifié"})
    assert selectors.counted_ballots(campaign).count() == 25
    assert AuditLogEntry.objects.filter(action__in=["ballot.exclude", "ballot.reinclude"]).count() == 4
    audit_page = client.get("/fr/audit/")
    if audit_page.status_code == 200:
        assert "ballot.exclude" not in audit_page.content.decode()


def test_clear_from_the_page(client, campaign, flag, network_admin):
    client.force_login(network_admin)
    response = client.post(url("integrity_flag", campaign, flag=flag.pk), {"decision": "clear", "reason": "Café"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == "cleared"


def test_ballots_of_another_signal_are_refused(client, campaign, flag, focal_point):
    other = cast(campaign, 900)
    client.force_login(focal_point)
    response = client.post(
        url("integrity_flag", campaign, flag=flag.pk), {"decision": "exclude", "ballots": [other.pk], "reason": "x"}
    )
    assert response.status_code == 400 and not Ballot.objects.filter(excluded_at__isnull=False).exists()


def test_flag_of_another_campaign_is_not_found(client, campaign, other_campaign, network_admin):
    foreign = IntegrityFlag.objects.create(campaign=other_campaign, kind="address_burst", key="k", ballot_ids=[])
    client.force_login(network_admin)
    assert client.get(url("integrity_flag", campaign, flag=foreign.pk)).status_code == 404


def test_scan_button(client, campaign, focal_point):
    for n in range(21):
        cast(campaign, n, address_hash=identity.short_hash("address", "198.51.100.7"))
    client.force_login(focal_point)
    assert client.post(url("integrity_scan", campaign)).status_code == 302
    assert IntegrityFlag.objects.filter(campaign=campaign).count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("citizen", 403),
        ("committee_member", 403),
        ("moderator", 403),
        ("polling_officer", 403),
        ("other_focal_point", 403),
        ("focal_point", 200),
        ("network_admin", 200),
    ],
)
def test_integrity_pages_per_role(request, client, campaign, flag, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url("integrity", campaign)).status_code == status
    assert client.get(url("integrity_flag", campaign, flag=flag.pk)).status_code == status
    response = client.post(
        url("integrity_flag", campaign, flag=flag.pk),
        {"decision": "exclude", "ballots": flag.ballot_ids, "reason": "x"},
    )
    assert response.status_code == (302 if status == 200 else 403)
    assert client.post(url("integrity_scan", campaign)).status_code == (302 if status == 200 else 403)
