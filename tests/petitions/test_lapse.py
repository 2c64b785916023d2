"""The grace period after a petition's closing date: paper lists collected in time may be typed during it (30 days
by default, rule data on the threshold, to be confirmed), then a petition short of signatures lapses (beat task),
publicly with its reason, the petitioner told and the step audited. Dates are Moroccan (UTC+1 in winter 2026)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from remacto.core.models import AuditLogEntry
from remacto.notifications.models import Notification
from remacto.petitions import defaults, tasks
from remacto.petitions.models import Petition, Signature, Threshold
from remacto.petitions.services import common, lifecycle, signatures
from remacto.petitions.services import thresholds as rules_data

from .conftest import cin, draft

pytestmark = pytest.mark.django_db

D = datetime.date
UTC = datetime.UTC
OPENED = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
CLOSES = D(2026, 11, 30)
LAST_TYPING_DAY = D(2026, 12, 30)  # 30 days after the closing date
LAST_MINUTE = datetime.datetime(2026, 12, 30, 22, 59, tzinfo=UTC)  # 23:59 on 30 December in Morocco
FIRST_MINUTE_AFTER = datetime.datetime(2026, 12, 30, 23, 0, tzinfo=UTC)  # 00:00 on 31 December in Morocco


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


@pytest.fixture
def clock(monkeypatch):
    """Set the moment the services read (``timezone.now``, turned into a Moroccan date by the case calendar)."""

    def set_now(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    set_now(OPENED)
    return set_now


@pytest.fixture
def short(thresholds, commune, petitioner, clock) -> Petition:
    """A commune petition needing 3 signatures, opened on 2 November, closing on 30 November, with one."""
    Threshold.objects.filter(kind="commune").update(signatures=3)
    petition = lifecycle.open_collection(petitioner, draft(petitioner, commune), CLOSES)
    signatures.sign(petitioner, petition, {"cin": cin(1), "full_name": "Signer", "confirms": True})
    petition.refresh_from_db()
    return petition


def typed(actor, petition, numbers, collected_on=CLOSES) -> int:
    rows = [{"cin": cin(n), "full_name": f"Paper {n}"} for n in numbers]
    return signatures.record_paper(actor, petition, rows, collected_on=collected_on)


def test_the_default_grace_period_is_30_days_to_be_confirmed(thresholds):
    assert defaults.GRACE_DAYS == 30
    assert set(Threshold.objects.values_list("grace_days", "grace_to_confirm")) == {(30, True)}


def test_the_last_typing_day_is_30_days_after_the_closing_date(short):
    assert common.paper_deadline(short) == LAST_TYPING_DAY


@pytest.mark.parametrize(
    "moment", [datetime.datetime(2026, 12, 1, 9, 0, tzinfo=UTC), LAST_MINUTE], ids=["day-after", "last-minute"]
)
def test_a_list_collected_in_time_is_typed_during_the_grace_period(short, secretariat, clock, moment):
    clock(moment)
    assert typed(secretariat, short, [2]) == 1


def test_typing_after_the_grace_period_is_refused_clearly(short, secretariat, clock):
    clock(FIRST_MINUTE_AFTER)
    with pytest.raises(ValidationError) as refused:
        typed(secretariat, short, [2, 3])
    assert "could be typed until Dec. 30, 2026, 30 days after its closing date" in str(refused.value)
    assert Signature.objects.filter(petition=short).count() == 1


def test_the_grace_period_is_read_from_the_rule(short, secretariat, clock):
    Threshold.objects.filter(pk=short.threshold_id).update(grace_days=10)
    short.refresh_from_db()
    assert common.paper_deadline(short) == D(2026, 12, 10)
    clock(datetime.datetime(2026, 12, 11, 9, 0, tzinfo=UTC))
    with pytest.raises(ValidationError, match="10 days after"):
        typed(secretariat, short, [2])


def test_a_citizen_or_the_petitioner_cannot_type_a_list_during_the_grace_period(short, citizen, petitioner, clock):
    clock(datetime.datetime(2026, 12, 5, 9, 0, tzinfo=UTC))
    for actor in (citizen, petitioner):
        with pytest.raises(PermissionDenied):
            typed(actor, short, [2])


@pytest.mark.parametrize(("moment", "lapsed"), [(LAST_MINUTE, 0), (FIRST_MINUTE_AFTER, 1)])
def test_the_petition_lapses_the_first_moroccan_day_after_the_grace_period(short, clock, moment, lapsed):
    clock(moment)
    assert lifecycle.lapse_expired() == lapsed
    short.refresh_from_db()
    assert short.status == (Petition.Status.LAPSED if lapsed else Petition.Status.COLLECTING)


def test_lapsing_is_public_told_and_audited(short, clock, petitioner, client):
    clock(FIRST_MINUTE_AFTER)
    assert tasks.lapse_expired() == 1
    short.refresh_from_db()
    assert (short.status, short.lapsed_on) == (Petition.Status.LAPSED, D(2026, 12, 31))
    entry = AuditLogEntry.objects.get(action="petition.lapse", object_id=str(short.pk))
    assert entry.actor is None and entry.details["signatures"] == 1 and entry.details["required"] == 3
    told = Notification.objects.get(recipient=petitioner, kind="petitions.lapsed")
    assert "lapsed" in told.message and told.params["required"] == 3
    body = client.get(f"/en/petitions/{short.pk}/").content.decode()
    assert 'id="lapsed-title"' in body and "Not admissible for lack of signatures" in body
    assert lifecycle.lapse_expired() == 0  # once only


def test_a_lapsed_petition_takes_no_more_signatures(short, clock, secretariat, citizen):
    clock(FIRST_MINUTE_AFTER)
    lifecycle.lapse_expired()
    with pytest.raises(ValidationError, match=r"lapsed on Dec\. 31, 2026"):
        typed(secretariat, short, [2])
    with pytest.raises(ValidationError):
        signatures.sign(citizen, short, {"cin": cin(9), "full_name": "Late", "confirms": True})
    with pytest.raises(ValidationError):
        lifecycle.submit(short.petitioner, short)


def test_a_petition_that_reached_its_threshold_does_not_lapse(short, clock, secretariat):
    clock(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    typed(secretariat, short, [2, 3])
    clock(FIRST_MINUTE_AFTER)
    assert lifecycle.lapse_expired() == 0
    short.refresh_from_db()
    assert short.status == Petition.Status.COLLECTING


def test_lapsing_reads_the_candidates_in_one_query(short, clock, django_assert_num_queries):
    clock(FIRST_MINUTE_AFTER)
    with django_assert_num_queries(1):
        assert [p.pk for p in lifecycle.lapsing(D(2026, 12, 31))] == [short.pk]


def test_the_paper_page_says_until_when_lists_are_typed(short, secretariat, clock, client):
    client.force_login(secretariat)
    body = client.get(f"/en/petitions/{short.pk}/paper/").content.decode()
    assert "may be typed until" in body and "2026" in body


@pytest.mark.parametrize("bad", [-1, 366, "30", True])
def test_a_bad_grace_period_is_refused_and_nothing_saved(thresholds, network_admin, bad):
    row = Threshold.objects.get(kind="commune", with_arrondissements=True)
    values = {"signatures": 400, "min_population": 0, "province_share": 0, "legal_source_ar": "مصدر"}
    with pytest.raises(ValidationError):
        rules_data.update_threshold(network_admin, row, values | {"grace_days": bad})
    row.refresh_from_db()
    assert (row.signatures, row.grace_days) == (400, 30)


def test_only_network_admins_change_the_grace_period(thresholds, network_admin, focal_point, secretariat):
    row = Threshold.objects.get(kind="commune", with_arrondissements=True)
    values = {"signatures": 400, "min_population": 0, "province_share": 0, "legal_source_ar": "مصدر"}
    for actor in (focal_point, secretariat):
        with pytest.raises(PermissionDenied):
            rules_data.update_threshold(actor, row, values | {"grace_days": 60})
    rules_data.update_threshold(network_admin, row, values | {"grace_days": 60, "grace_to_confirm": False})
    row.refresh_from_db()
    assert (row.grace_days, row.grace_to_confirm) == (60, False)


def test_the_refusal_after_the_grace_period_speaks_the_readers_language(short, secretariat, clock, client):
    clock(FIRST_MINUTE_AFTER)
    client.force_login(secretariat)
    data = {
        "collected_on": "2026-11-30",
        "rows-TOTAL_FORMS": "1",
        "rows-INITIAL_FORMS": "0",
        "rows-0-cin": cin(2),
        "rows-0-full_name": "موقع",
    }
    response = client.post(f"/ar/petitions/{short.pk}/paper/", data)
    assert response.status_code == 400
    assert "انتهت هذه المهلة" in response.content.decode()
    assert Signature.objects.filter(petition=short).count() == 1
