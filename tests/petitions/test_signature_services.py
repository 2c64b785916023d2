"""Signatures online and on paper: one per person whatever the channel, the CIN kept only as a keyed hash, the
per-province rule of regions, closing dates, limits, and lists saved whole or not at all."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from remacto.cases.calendar import today
from remacto.core.models import AuditLogEntry
from remacto.participation.limits import LimitReached
from remacto.petitions import selectors
from remacto.petitions.models import Petition, Signature
from remacto.petitions.services import lifecycle, signatures
from remacto.territories.models import Province

from ..conftest import make_user
from .conftest import cin

pytestmark = pytest.mark.django_db


def online(user, petition, n: int, **values) -> Signature:
    return signatures.sign(
        user, petition, {"cin": cin(n), "full_name": f"Signer {n}", "confirms": True, "show_name": False, **values}
    )


def paper(actor, petition, numbers, province=None, **values) -> int:
    rows = [{"cin": cin(n), "full_name": f"Paper {n}", "province": province} for n in numbers]
    return signatures.record_paper(actor, petition, rows, collected_on=values.get("collected_on", today()))


def test_online_signature_keeps_only_a_keyed_hash(petition, citizen):
    signature = online(citizen, petition, 7, cin="ab 100007")
    assert signature.cin_hash == signatures.cin_hash("AB100007") and len(signature.cin_hash) == 64
    assert "100007" not in signature.cin_hash
    petition.refresh_from_db()
    assert petition.signature_count == 1
    assert not any("100007" in str(value) for value in Signature.objects.values().get().values())


def test_second_signature_by_the_same_person_is_refused(petition, citizen, secretariat):
    online(citizen, petition, 1)
    other = make_user("other@example.ma")
    with pytest.raises(ValidationError, match="already signed"):
        online(other, petition, 1)  # same CIN, another account
    with pytest.raises(ValidationError, match="already signed"):
        online(citizen, petition, 2)  # same account, another CIN
    with pytest.raises(ValidationError, match="Row 2: This person has already signed"):
        paper(secretariat, petition, [5, 1])  # the list holds someone who signed online
    petition.refresh_from_db()
    assert petition.signature_count == Signature.objects.count() == 1


def test_same_person_twice_in_a_list_refuses_the_list(petition, secretariat):
    with pytest.raises(ValidationError, match="Row 3"):
        paper(secretariat, petition, [1, 2, 1])
    assert not Signature.objects.exists()


@pytest.mark.parametrize("number", ["123456", "ABC123", "AB-12345678", "A\x00123", ""])
def test_bad_cin_format_is_refused(petition, citizen, number):
    with pytest.raises(ValidationError) as exc:
        online(citizen, petition, 1, cin=number)
    assert "cin" in exc.value.message_dict
    assert not Signature.objects.exists()


def test_arabic_digits_and_spaces_give_the_same_person(petition, citizen, secretariat):
    online(citizen, petition, 0, cin="ab ١٠٠٠٠٠")
    with pytest.raises(ValidationError, match="already signed"):
        paper(secretariat, petition, [0])


@pytest.mark.parametrize("name", ["\u200b", "فاطمة\x00", ""])
def test_nul_bytes_and_empty_names_are_refused(petition, citizen, secretariat, name):
    with pytest.raises(ValidationError):
        online(citizen, petition, 1, full_name=name)
    with pytest.raises(ValidationError, match="Row 1"):
        signatures.record_paper(secretariat, petition, [{"cin": cin(2), "full_name": name}], collected_on=today())
    assert not Signature.objects.exists()


def test_the_signer_confirms_the_link_to_the_territory(petition, citizen):
    with pytest.raises(ValidationError) as exc:
        online(citizen, petition, 1, confirms=False)
    assert "confirms" in exc.value.message_dict


def test_signature_after_closing_is_refused(petition, citizen, secretariat):
    Petition.objects.filter(pk=petition.pk).update(closes_on=today() - datetime.timedelta(days=1))
    petition.refresh_from_db()
    with pytest.raises(ValidationError, match="closed on"):
        online(citizen, petition, 1)
    with pytest.raises(ValidationError, match="closed on"):
        paper(secretariat, petition, [2])
    assert not Signature.objects.exists()
    Petition.objects.filter(pk=petition.pk).update(collection_opened_on=today() - datetime.timedelta(days=5))
    petition.refresh_from_db()
    yesterday = today() - datetime.timedelta(days=1)
    assert paper(secretariat, petition, [2], collected_on=yesterday) == 1  # collected in time, typed after


def test_draft_takes_no_signature(thresholds, commune, petitioner, citizen):
    from .conftest import draft

    petition = draft(petitioner, commune)
    with pytest.raises(ValidationError, match="not collecting"):
        online(citizen, petition, 1)


def test_paper_list_in_the_future_or_by_a_citizen_is_refused(petition, secretariat, citizen, focal_point):
    with pytest.raises(ValidationError):
        paper(secretariat, petition, [1], collected_on=today() + datetime.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        paper(citizen, petition, [1])
    assert paper(focal_point, petition, [1, 2]) == 2
    entry = AuditLogEntry.objects.get(action="petition.paper")
    assert entry.details["count"] == 2
    assert "100001" not in str(entry.details)


def test_online_signatures_are_rate_limited(thresholds, commune, petitioner, citizen):
    from .conftest import collecting

    with override_settings(PARTICIPATION_LIMITS={"signatures": [(2, 3600)]}):
        first, second, third = (collecting(petitioner, commune, signatures=3) for _ in range(3))
        online(citizen, first, 1)
        online(citizen, second, 1)
        with pytest.raises(LimitReached):
            online(citizen, third, 1)
    assert Signature.objects.count() == 2


def test_a_refused_duplicate_does_not_count_against_the_limit(petition, citizen):
    with override_settings(PARTICIPATION_LIMITS={"signatures": [(1, 3600)]}):
        online(citizen, petition, 1)
        other = make_user("twin@example.ma")
        with pytest.raises(ValidationError, match="already signed"):
            online(other, petition, 1)
        with pytest.raises(ValidationError, match="already signed"):
            online(other, petition, 1)  # still "already signed", not "too fast"


def test_region_needs_a_province_of_the_region(region_petition, citizen):
    with pytest.raises(ValidationError) as exc:
        online(citizen, region_petition, 1)
    assert "province" in exc.value.message_dict
    elsewhere = Province.objects.exclude(region=region_petition.collectivity.region).first()
    with pytest.raises(ValidationError):
        online(citizen, region_petition, 1, province=elsewhere)


def test_region_threshold_with_online_and_paper_and_the_five_percent_rule(region_petition, petitioner, citizen):
    """40 signatures required, 5 % of them (2) in each of the region's 8 prefectures and provinces."""
    from remacto.accounts.models import Role

    staff = make_user("secretariat-region@example.ma")
    Role.objects.create(user=staff, kind=Role.Kind.COUNCIL_SECRETARIAT, collectivity=region_petition.collectivity)
    provinces = list(Province.objects.filter(region=region_petition.collectivity.region).order_by("code"))
    assert len(provinces) == 8
    online(citizen, region_petition, 0, province=provinces[0], show_name=True)
    paper(staff, region_petition, range(1, 33), province=provinces[0])  # 33 in the first province
    for index, province in enumerate(provinces[1:-1], start=1):
        paper(staff, region_petition, [100 + index], province=province)
        paper(staff, region_petition, [200 + index], province=province)
    paper(staff, region_petition, [300], province=provinces[-1])  # only 1 in the last one: below 5 %
    state = selectors.progress(region_petition)
    assert state.count == 33 + 12 + 1 == 46 and state.required == 40
    assert [row.province for row in state.provinces_below] == [provinces[-1]]
    assert not state.reached
    with pytest.raises(ValidationError, match="fewer than 5 %"):
        lifecycle.submit(petitioner, region_petition)
    paper(staff, region_petition, [301], province=provinces[-1])
    assert selectors.progress(region_petition).reached
    petition = lifecycle.submit(petitioner, region_petition)
    assert petition.status == Petition.Status.SUBMITTED and petition.case.number
    petition = lifecycle.accept(staff, petition, {"session_date": today(), "committee": "لجنة التنمية"})
    assert petition.session_date == today() and petition.committee == "لجنة التنمية"
    assert [s.full_name for s in selectors.public_signers(petition)] == ["Signer 0"]
