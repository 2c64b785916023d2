"""Membership applications: applying, the refusals (nothing saved), the decision and what follows it."""

from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from remacto.accounts.models import Role
from remacto.core.models import AuditLogEntry
from remacto.netdash import services as netdash_services
from remacto.netdash import tasks as netdash_tasks
from remacto.netdash.compute import compute_figures
from remacto.netdash.models import Computation, MemberFigures
from remacto.network.models import MembershipApplication
from remacto.network.services import applications
from remacto.notifications.models import Notification
from remacto.territories.models import Charter, Collectivity, Membership, Province

from ..conftest import make_user, media_files
from .conftest import FOCAL, pdf, png

pytestmark = pytest.mark.django_db


def test_apply_records_the_charter_version_and_the_focal_point(application, candidate, applicant):
    assert application.status == MembershipApplication.Status.PENDING
    assert application.charter == Charter.objects.get(is_current=True)
    assert application.applicant == applicant
    assert application.focal_email == FOCAL["focal_email"]
    assert application.deliberation.read().startswith(b"%PDF")


def test_a_second_pending_application_is_refused(application, candidate, citizen):
    with pytest.raises(ValidationError) as exc:
        applications.apply(citizen, candidate, FOCAL, pdf())
    assert "ينتظر القرار" in str(exc.value)
    assert MembershipApplication.objects.count() == 1


def test_a_second_application_refused_by_the_constraint_keeps_no_file(application, candidate, citizen, monkeypatch):
    """Two applications racing past the check (the collectivity's row lock prevents it): the unique constraint
    refuses the second one, and the deliberation it had just stored is removed with it."""
    monkeypatch.setattr(applications, "_refuse_if_taken", lambda collectivity: None)
    with pytest.raises(ValidationError) as exc:
        applications.apply(citizen, candidate, FOCAL, pdf())
    assert "ينتظر القرار" in str(exc.value)
    assert MembershipApplication.objects.count() == 1
    assert [path.name for path in media_files()] == [Path(application.deliberation.name).name]


def test_a_member_cannot_apply(commune, citizen):
    with pytest.raises(ValidationError) as exc:
        applications.apply(citizen, commune, FOCAL, pdf())
    assert "عضو في الشبكة" in str(exc.value)
    assert not MembershipApplication.objects.exists()


def test_without_deliberation_nothing_is_saved(candidate, applicant):
    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        applications.apply(applicant, candidate, FOCAL, None)
    assert "deliberation" in exc.value.message_dict
    assert "délibération" in exc.value.message_dict["deliberation"][0]
    assert not MembershipApplication.objects.exists()


def test_deliberation_must_be_a_pdf(candidate, applicant):
    with pytest.raises(ValidationError) as exc:
        applications.apply(applicant, candidate, FOCAL, png("deliberation.pdf"))
    assert "deliberation" in exc.value.message_dict
    assert not MembershipApplication.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("charter_accepted", False),
        ("focal_name", ""),
        ("focal_name", "\u200b\u200f"),
        ("focal_title", "x" * 500),
        ("focal_email", "not-an-address"),
        ("focal_phone", "call me"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(candidate, applicant, field, value):
    with pytest.raises(ValidationError) as exc:
        applications.apply(applicant, candidate, {**FOCAL, field: value}, pdf())
    assert field in exc.value.message_dict
    assert not MembershipApplication.objects.exists()


def test_anonymous_cannot_apply(candidate):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        applications.apply(AnonymousUser(), candidate, FOCAL, pdf())


def test_accept_creates_membership_grants_role_notifies_and_audits(
    application, candidate, network_admin, applicant, django_capture_on_commit_callbacks
):
    applicant.preferred_language = "fr"
    applicant.save()
    focal = make_user(FOCAL["focal_email"], "Sanae")
    with django_capture_on_commit_callbacks(execute=True):
        decided = applications.decide(network_admin, application, accept=True, text="مرحبا بكم", cohort_year=2026)
    assert decided.status == MembershipApplication.Status.ACCEPTED
    membership = Membership.objects.get(collectivity=candidate)
    assert membership.cohort_year == 2026
    assert membership.charter == application.charter
    assert Role.objects.filter(user=focal, collectivity=candidate, kind=Role.Kind.FOCAL_POINT).exists()
    note = Notification.objects.get(recipient=applicant, kind="network.decision")
    with translation.override("fr"):
        assert "Tafraout" in note.text
    actions = set(AuditLogEntry.objects.values_list("action", flat=True))
    assert {"membership.decide", "role.grant"} <= actions
    assert [m.to for m in mail.outbox] == [[applicant.email]]


def test_accepting_puts_the_new_member_on_the_network_dashboard_at_once(
    application, candidate, network_admin, django_capture_on_commit_callbacks
):
    compute_figures()  # the figures of the hour before: the candidate is not a member yet
    assert not MemberFigures.objects.filter(collectivity=candidate).exists()
    with django_capture_on_commit_callbacks(execute=True):
        applications.decide(network_admin, application, accept=True, text="مرحبا بكم", cohort_year=2026)
    figures = MemberFigures.objects.get(collectivity=candidate)
    assert figures.cohort_year == 2026 and figures.programme is None
    assert Computation.objects.first().members == Membership.objects.count()


def test_accepting_while_the_task_queue_is_down_keeps_the_decision(
    application, candidate, network_admin, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down():
        raise ConnectionError("broker down")

    monkeypatch.setattr(netdash_tasks.compute, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        applications.decide(network_admin, application, accept=True, text="مرحبا بكم")
    assert Membership.objects.filter(collectivity=candidate).exists()
    assert not MemberFigures.objects.exists()
    assert netdash_services.computing() is None  # not shown as running: the next request may queue it


def test_a_rejection_computes_nothing(application, network_admin, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        applications.decide(network_admin, application, accept=False, text="المداولة غير موقعة")
    assert not Computation.objects.exists() and not MemberFigures.objects.exists()


def test_accept_invites_a_focal_point_without_account_who_gets_the_role_once_confirmed(
    application, candidate, network_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        applications.decide(network_admin, application, accept=True, text="مقبول")
    invitation = [m for m in mail.outbox if m.to == [FOCAL["focal_email"]]]
    assert len(invitation) == 1
    assert "/ar/accounts/signup/" in invitation[0].body
    focal = make_user(FOCAL["focal_email"])
    email_confirmed.send(sender=None, request=None, email_address=EmailAddress.objects.get(user=focal))
    assert Role.objects.filter(user=focal, collectivity=candidate, kind=Role.Kind.FOCAL_POINT).exists()
    application.refresh_from_db()
    assert application.focal_role_granted


def test_reject_keeps_a_public_reason_and_creates_nothing(application, candidate, network_admin):
    with pytest.raises(ValidationError) as exc:
        applications.decide(network_admin, application, accept=False, text="  ")
    assert "decision_text" in exc.value.message_dict
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING
    applications.decide(network_admin, application, accept=False, text="المداولة غير موقعة")
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.REJECTED
    assert application.decision_text == "المداولة غير موقعة"
    assert not Membership.objects.filter(collectivity=candidate).exists()


def test_a_decided_application_cannot_be_decided_again(application, network_admin):
    applications.decide(network_admin, application, accept=False, text="ناقص")
    with pytest.raises(ValidationError):
        applications.decide(network_admin, application, accept=True, text="مقبول")


def test_a_cohort_year_in_the_future_is_refused_and_nothing_saved(application, candidate, network_admin):
    with pytest.raises(ValidationError) as exc:
        applications.decide(network_admin, application, accept=True, text="مقبول", cohort_year=2099)
    assert "cohort_year" in exc.value.message_dict
    assert not Membership.objects.filter(collectivity=candidate).exists()
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.PENDING


def test_a_rejected_collectivity_may_apply_again(application, network_admin, applicant, candidate):
    applications.decide(network_admin, application, accept=False, text="ناقص")
    again = applications.apply(applicant, candidate, FOCAL, pdf())
    assert again.status == MembershipApplication.Status.PENDING


def test_applications_are_limited_per_account_and_the_refusal_saves_nothing(applicant, reference, settings):
    settings.PARTICIPATION_LIMITS = {"membership_applications": [(1, 24 * 60 * 60)]}
    province = Province.objects.first()
    first, second = (
        Collectivity.objects.create(
            kind="commune",
            slug=f"sample-{n}",
            name_ar=f"جماعة {n}",
            name_fr=f"Commune {n}",
            region=province.region,
            province=province,
        )
        for n in (1, 2)
    )
    applications.apply(applicant, first, FOCAL, pdf())
    with pytest.raises(ValidationError) as exc:
        applications.apply(applicant, second, FOCAL, pdf())
    assert exc.value.code == "too_fast"
    assert MembershipApplication.objects.count() == 1


def _commune_values(**extra):
    province = Province.objects.get(code="571")  # Tétouan
    return {**FOCAL, "commune_name_ar": "جماعة أزلا", "commune_name_fr": "Azla", "commune_province": province, **extra}


def test_a_commune_not_listed_names_itself_and_is_recorded_with_the_application(applicant, reference):
    application = applications.apply(applicant, None, _commune_values(), pdf())
    commune = application.collectivity
    assert (commune.kind, commune.name_ar, commune.name_fr, commune.slug) == ("commune", "أزلا", "Azla", "azla")
    assert commune.province.code == "571" and commune.region.code == "01"
    assert commune.parent.kind == "region" and not hasattr(commune, "membership")


def test_a_commune_named_with_another_spelling_is_the_listed_one(applicant, citizen, reference, network_admin):
    first = applications.apply(applicant, None, _commune_values(), pdf())
    applications.decide(network_admin, first, accept=False, text="المداولة غير موقعة.")
    again = applications.apply(citizen, None, _commune_values(commune_name_ar="ازلا", commune_name_fr=""), pdf())
    assert again.collectivity == first.collectivity
    assert Collectivity.objects.filter(kind="commune", province__code="571", name_fr="Azla").count() == 1


def test_a_member_named_as_a_new_commune_is_refused(applicant, commune):
    values = {**FOCAL, "commune_name_ar": commune.name_ar, "commune_province": commune.province}
    with pytest.raises(ValidationError) as exc:
        applications.apply(applicant, None, values, pdf())
    assert "عضو في الشبكة" in str(exc.value)
    assert not MembershipApplication.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"commune_name_ar": ""}, "commune_name_ar"),
        ({"commune_name_ar": "جماعة\x00"}, "commune_name_ar"),
        ({"commune_province": None}, "commune_province"),
        ({"charter_accepted": False}, "charter_accepted"),
    ],
)
def test_a_named_commune_is_not_recorded_when_the_application_is_refused(applicant, reference, change, field):
    before = Collectivity.objects.count()
    with pytest.raises(ValidationError) as exc:
        applications.apply(applicant, None, _commune_values(**change), pdf())
    assert field in exc.value.message_dict
    assert Collectivity.objects.count() == before
    assert not MembershipApplication.objects.exists()


def test_a_named_commune_without_deliberation_is_not_recorded(applicant, reference):
    before = Collectivity.objects.count()
    with pytest.raises(ValidationError):
        applications.apply(applicant, None, _commune_values(), None)
    assert Collectivity.objects.count() == before


def test_neither_chosen_nor_named_says_both_ways(applicant, reference):
    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        applications.apply(applicant, None, FOCAL, pdf())
    assert "commune" in exc.value.message_dict["collectivity"][0]
