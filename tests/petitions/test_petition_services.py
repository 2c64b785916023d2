"""Filing, thresholds, the lifecycle through the case core, and refusals that save nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from remacto.cases.calendar import today
from remacto.cases.models import Case, Deadline
from remacto.notifications.models import Notification
from remacto.petitions import selectors
from remacto.petitions.models import Petition, Threshold
from remacto.petitions.services import lifecycle, signatures
from remacto.petitions.services import thresholds as rules_data
from remacto.territories.models import Collectivity, Province

from .conftest import ASSOCIATION_CONDITIONS, CITIZEN_CONDITIONS, TEXTS, cin, draft

pytestmark = pytest.mark.django_db


def _sign(petition, n: int, **values):
    signatures.record_paper(
        values.pop("actor"),
        petition,
        [{"cin": cin(n), "full_name": f"Signer {n}", **values}],
        collected_on=today(),
    )


def test_defaults_follow_the_organic_laws(thresholds, region, commune):
    region_rows = Threshold.objects.filter(kind="region").order_by("min_population")
    assert [(row.signatures, row.province_share) for row in region_rows] == [(300, 5), (400, 5), (500, 5)]
    assert region.legal_population == 4_892_393  # Marrakech-Safi, RGPH 2024
    assert selectors.threshold_for(region).signatures == 500
    commune.population = 20_000
    assert selectors.threshold_for(commune).signatures == 100
    commune.population = 35_000
    assert selectors.threshold_for(commune).signatures == 200
    commune.has_arrondissements = True
    assert selectors.threshold_for(commune).signatures == 400
    assert all(row.to_confirm for row in Threshold.objects.filter(kind="commune"))
    assert "113.14" in Threshold.objects.filter(kind="commune").first().legal_source_fr


def test_unknown_population_takes_the_most_demanding_band(thresholds, commune):
    assert commune.population is None
    assert selectors.threshold_for(commune).signatures == 200


def test_region_bands_edges(thresholds, region):
    region.region.population_2024 = 999_999
    assert selectors.threshold_for(region).signatures == 300
    region.region.population_2024 = 3_000_000
    assert selectors.threshold_for(region).signatures == 400


def test_council_of_a_province_uses_its_census_figure(thresholds, reference):
    council = Collectivity.objects.filter(kind="province_council").select_related("province").first()
    assert council.legal_population == council.province.population_2024


def test_citizens_petition_is_filed_as_a_draft(thresholds, commune, petitioner):
    petition = draft(petitioner, commune)
    assert petition.status == Petition.Status.DRAFT
    assert petition.conditions == CITIZEN_CONDITIONS
    assert petition.petitioner == petitioner
    assert not selectors.public_petitions().filter(pk=petition.pk).exists()


def test_missing_conditions_are_refused_with_the_missing_ones_named(thresholds, commune, petitioner):
    with pytest.raises(ValidationError) as exc:
        draft(petitioner, commune, conditions=["territory"])
    assert "common interest" in " ".join(exc.value.message_dict["conditions"])
    assert not Petition.objects.exists()


def test_association_petition_by_its_legal_representative(thresholds, commune, representative):
    organisation = representative.organisations.get()
    values = {"kind": "association", "organisation": organisation, "conditions": ASSOCIATION_CONDITIONS, **TEXTS}
    petition = lifecycle.file_petition(representative, commune, values)
    assert petition.organisation == organisation
    with pytest.raises(ValidationError) as exc:
        lifecycle.file_petition(representative, commune, values | {"conditions": ASSOCIATION_CONDITIONS[:3]})
    assert "conditions" in exc.value.message_dict
    assert Petition.objects.count() == 1


def test_association_petition_refused_to_a_plain_member(thresholds, commune, citizen, representative):
    organisation = representative.organisations.get()
    values = {"kind": "association", "organisation": organisation, "conditions": ASSOCIATION_CONDITIONS, **TEXTS}
    with pytest.raises(ValidationError) as exc:
        lifecycle.file_petition(citizen, commune, values)
    assert "organisation" in exc.value.message_dict


def test_not_a_member_is_refused(thresholds, reference, petitioner):
    member = Collectivity.objects.filter(kind="commune").first()
    outsider = Collectivity.objects.create(
        kind="commune", slug="not-a-member", name="ليست عضوا", region=member.region, province=member.province
    )
    with pytest.raises(ValidationError):
        draft(petitioner, outsider)


@pytest.mark.parametrize("field", ["subject", "reasons", "expected_outcome"])
@pytest.mark.parametrize("value", ["\u200b\u200b", "حديقة\x00", "", "x" * 7000])
def test_nul_bytes_invisible_empty_and_long_texts_are_refused(thresholds, commune, petitioner, field, value):
    with pytest.raises(ValidationError) as exc:
        draft(petitioner, commune, **{field: value})
    assert field in exc.value.message_dict
    assert not Petition.objects.exists()


def test_open_collection_freezes_the_threshold(thresholds, commune, petitioner):
    petition = draft(petitioner, commune)
    petition = lifecycle.open_collection(petitioner, petition, today() + datetime.timedelta(days=10))
    assert (petition.status, petition.required_signatures) == (Petition.Status.COLLECTING, 200)
    Threshold.objects.filter(kind="commune").update(signatures=999)
    assert selectors.progress(petition).required == 200


def test_open_collection_refuses_past_dates_and_other_people(thresholds, commune, petitioner, citizen):
    petition = draft(petitioner, commune)
    with pytest.raises(PermissionDenied):
        lifecycle.open_collection(citizen, petition, today() + datetime.timedelta(days=10))
    with pytest.raises(ValidationError):
        lifecycle.open_collection(petitioner, petition, today() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        lifecycle.open_collection(petitioner, petition, today() + datetime.timedelta(days=400))
    petition.refresh_from_db()
    assert petition.status == Petition.Status.DRAFT


def test_submit_before_the_threshold_is_refused(petition, petitioner, secretariat):
    _sign(petition, 1, actor=secretariat)
    with pytest.raises(ValidationError, match="has 1 signature of the 3 required"):
        lifecycle.submit(petitioner, petition)
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("signed", "arabic"),
    [
        (0, "ليس للعريضة أي توقيع من أصل 3 مطلوبة."),
        (1, "للعريضة توقيع واحد من أصل 3 مطلوبة."),
        (2, "للعريضة توقيعان من أصل 3 مطلوبة."),  # the dual, no figure
    ],
)
def test_the_arabic_refusal_counts_the_signatures_in_the_right_form(petition, petitioner, secretariat, signed, arabic):
    for n in range(signed):
        _sign(petition, n, actor=secretariat)
    with translation.override("ar"), pytest.raises(ValidationError) as exc:
        lifecycle.submit(petitioner, petition)
    assert exc.value.messages == [arabic]
    assert not Case.objects.exists()


def test_full_lifecycle_with_receipt_deadline_and_decision(petition, petitioner, secretariat):
    for n in range(3):
        _sign(petition, n, actor=secretariat)
    petition = lifecycle.submit(petitioner, petition)
    case = petition.case
    assert case.number.startswith("PET-") and case.status == "submitted" and case.requester == petitioner
    deadline = Deadline.objects.get(case=case, kind="decision")
    assert deadline.counts_for_answer and deadline.unit == "calendar"
    assert deadline.due == lifecycle.add_months(case.received_on, 3)  # a commune: 3 months
    assert Notification.objects.filter(recipient=petitioner, kind="petitions.received").exists()
    assert Notification.objects.filter(recipient=secretariat, kind="petitions.new").exists()
    lifecycle.start_review(secretariat, petition)
    session = today() + datetime.timedelta(days=20)
    petition = lifecycle.accept(secretariat, petition, {"session_date": session, "committee": "لجنة المرافق العمومية"})
    assert (petition.status, petition.session_date) == (Petition.Status.ACCEPTED, session)
    case.refresh_from_db()
    assert case.answered_on == today()
    with pytest.raises(ValidationError, match="not been held"):
        lifecycle.record_outcome(secretariat, petition, {"outcome": "صادق المجلس"})
    Petition.objects.filter(pk=petition.pk).update(session_date=today())
    petition = lifecycle.record_outcome(secretariat, petition, {"outcome": "صادق المجلس على تهيئة الحديقة"})
    case.refresh_from_db()
    assert petition.status == Petition.Status.EXAMINED and case.closed_on == today()
    assert list(case.events.values_list("status", flat=True)) == ["submitted", "review", "accepted", "examined"]


def test_region_decision_deadline_is_two_months(region_petition, petitioner):
    Petition.objects.filter(pk=region_petition.pk).update(required_signatures=1, province_share=0)
    region_petition.refresh_from_db()
    province = Province.objects.filter(region=region_petition.collectivity.region).first()
    _sign(region_petition, 1, actor=_staff(region_petition), province=province)
    petition = lifecycle.submit(petitioner, region_petition)
    due = Deadline.objects.get(case=petition.case, kind="decision").due
    assert due == lifecycle.add_months(petition.case.received_on, 2)


def _staff(petition):
    from remacto.accounts.models import Role

    from ..conftest import make_user

    user = make_user(f"secretariat-{petition.collectivity.slug}@example.ma")
    Role.objects.create(user=user, kind=Role.Kind.COUNCIL_SECRETARIAT, collectivity=petition.collectivity)
    return user


def test_rejection_needs_reasons_and_is_notified(petition, petitioner, secretariat):
    for n in range(3):
        _sign(petition, n, actor=secretariat)
    petition = lifecycle.submit(petitioner, petition)
    with pytest.raises(ValidationError):
        lifecycle.reject(secretariat, petition, {"decision": "  "})
    petition.refresh_from_db()
    assert petition.status == Petition.Status.SUBMITTED
    petition = lifecycle.reject(secretariat, petition, {"decision": "الموضوع خارج اختصاصات المجلس."})
    assert petition.case.closed_on == today()
    assert Notification.objects.filter(recipient=petitioner, kind="petitions.rejected").exists()


def test_transitions_are_validated(petition, secretariat):
    with pytest.raises(ValidationError):
        lifecycle.accept(secretariat, petition, {"session_date": today(), "committee": "x"})
    with pytest.raises(ValidationError):
        lifecycle.record_outcome(secretariat, petition, {"outcome": "x"})


def test_add_months_keeps_the_end_of_month():
    assert lifecycle.add_months(datetime.date(2026, 12, 31), 2) == datetime.date(2027, 2, 28)
    assert lifecycle.add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)


def test_thresholds_edited_by_network_admins_only(thresholds, network_admin, focal_point):
    row = Threshold.objects.get(kind="commune", with_arrondissements=True)
    values = {
        "signatures": 350,
        "min_population": 0,
        "max_population": None,
        "province_share": 0,
        "legal_source_ar": "القانون التنظيمي 113.14، المادة 123",
        "to_confirm": False,
    }
    with pytest.raises(PermissionDenied):
        rules_data.update_threshold(focal_point, row, values)
    rules_data.update_threshold(network_admin, row, values)
    row.refresh_from_db()
    assert (row.signatures, row.to_confirm) == (350, False)
    with pytest.raises(ValidationError):
        rules_data.update_threshold(network_admin, row, values | {"min_population": 10, "max_population": 5})
    with pytest.raises(ValidationError):
        rules_data.update_threshold(network_admin, row, values | {"legal_source_ar": ""})


def test_population_recorded_by_the_focal_point(thresholds, commune, focal_point, other_focal_point):
    with pytest.raises(PermissionDenied):
        rules_data.set_population(other_focal_point, commune, {"population": 30_000})
    rules_data.set_population(focal_point, commune, {"population": 30_000})
    commune.refresh_from_db()
    assert commune.population == 30_000
    assert selectors.threshold_for(commune).signatures == 100


def test_the_petitioner_corrects_the_draft_only(thresholds, commune, petitioner, citizen):
    petition = draft(petitioner, commune)
    values = {"kind": "citizens", "conditions": CITIZEN_CONDITIONS, **TEXTS, "subject": "تهيئة ملعب القرب"}
    with pytest.raises(PermissionDenied):
        lifecycle.edit_draft(citizen, petition, values)
    with pytest.raises(ValidationError):
        lifecycle.edit_draft(petitioner, petition, values | {"conditions": []})
    petition.refresh_from_db()
    assert petition.subject == TEXTS["subject"]
    assert lifecycle.edit_draft(petitioner, petition, values).subject == "تهيئة ملعب القرب"
    lifecycle.open_collection(petitioner, petition, today() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="Only a draft"):
        lifecycle.edit_draft(petitioner, petition, values | {"subject": "موضوع آخر"})
