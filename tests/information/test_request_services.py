"""Services of information requests: filing and recording, deadlines (ordinary, urgent, extended), the answer
and the refusal, publishing, and every refusal of bad input leaving nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from remacto.cases import calendar
from remacto.cases.models import Case, CaseEvent, Deadline
from remacto.core.models import AuditLogEntry
from remacto.information import clock
from remacto.information.models import InformationRequest, Status
from remacto.information.services import disclosure as disclosure_services
from remacto.information.services import requests as services
from remacto.notifications.models import Notification

from .conftest import MONDAY, REQUESTER, VALUES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English (their msgids); the pages' tests check them in Arabic and French."""
    translation.activate("en")


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def answer_deadline(request) -> Deadline:
    return Deadline.objects.get(case=request.case, kind="answer", cancelled=False)


def test_a_request_filed_online_opens_a_case_with_its_20_working_days(filed, citizen, officer, commune):
    case = filed.case
    assert case.procedure == Case.Procedure.INFORMATION and case.status == Status.RECEIVED
    assert case.number == "INF-2026-00001" and case.requester == citizen and case.received_on == MONDAY
    deadline = answer_deadline(filed)
    assert deadline.counts_for_answer and (deadline.amount, deadline.unit) == (20, "working")
    # 6 and 18 November 2026 are public holidays: the 20th working day after Monday 2 November is 2 December.
    assert deadline.due == datetime.date(2026, 12, 2) == calendar.add_working_days(MONDAY, 20)
    assert filed.officer == officer and filed.channel == "online" and filed.requester_name == REQUESTER
    receipt = Notification.objects.get(recipient=citizen)
    assert (
        receipt.kind == "information.received"
        and receipt.url == f"/ar/members/ben-guerir/information/requests/{filed.pk}/"
    )
    assert Notification.objects.get(recipient=officer).kind == "information.new"


def test_the_receipt_link_keeps_the_requester_language(today, commune, officer, citizen):
    citizen.preferred_language = "fr"
    citizen.save()
    request = services.file_request(citizen, commune, **VALUES)
    assert (
        Notification.objects.get(recipient=citizen).url == f"/fr/members/ben-guerir/information/requests/{request.pk}/"
    )
    assert Notification.objects.get(recipient=officer).url.startswith("/fr/")


def test_an_urgent_request_is_due_in_3_working_days_and_not_extended(today, commune, citizen, officer):
    today(datetime.date(2026, 11, 27))  # a Friday
    request = services.file_request(
        citizen, commune, **VALUES, is_urgent=True, urgency_reason="مريض يحتاج إلى المعلومة لعلاجه"
    )
    assert answer_deadline(request).due == datetime.date(2026, 12, 2)
    with pytest.raises(ValidationError, match="urgent request cannot be extended"):
        services.extend(officer, request, reasons="x")


def test_urgent_needs_a_reason(today, commune, citizen):
    with pytest.raises(ValidationError) as error:
        services.file_request(citizen, commune, **VALUES, is_urgent=True)
    assert "urgency_reason" in error.value.message_dict
    assert not Case.objects.exists()


def test_a_request_to_a_collectivity_outside_the_network_is_refused(today, citizen, outside):
    with pytest.raises(ValidationError) as error:
        services.file_request(citizen, outside, **VALUES)
    assert "not a member of the network" in error.value.messages[0]
    assert not Case.objects.exists() and not InformationRequest.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("subject", "", "Say which information"),
        ("subject", "a\x00b", "control characters"),
        ("subject", "x" * 201, "At most 200 characters"),
        ("details", "x" * 4001, "At most 4000 characters"),
        ("subject", "\u200b\u200b", "shows nothing"),
        ("requester_kind", "tourist", "legally resident foreigner"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(today, commune, citizen, field, value, message):
    with pytest.raises(ValidationError) as error:
        services.file_request(citizen, commune, **{**VALUES, field: value})
    assert message in " ".join(error.value.message_dict[field])
    assert not Case.objects.exists() and not Notification.objects.exists()


def test_anonymous_cannot_file(today, commune):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(PermissionDenied):
        services.file_request(AnonymousUser(), commune, **VALUES)


def test_online_requests_are_limited_per_account(today, commune, citizen, settings):
    settings.PARTICIPATION_LIMITS = {"information_requests": [(2, 3600)]}
    services.file_request(citizen, commune, **VALUES)
    services.file_request(citizen, commune, **VALUES)
    with pytest.raises(ValidationError) as error:
        services.file_request(citizen, commune, **VALUES)
    assert "2 information requests" in error.value.messages[0]
    assert InformationRequest.objects.count() == 2


def test_staff_record_a_paper_request_with_its_real_date_of_receipt(today, commune, focal_point):
    received = datetime.date(2026, 10, 26)
    request = services.record_request(
        focal_point,
        commune,
        received_on=received,
        channel="paper",
        requester_name="أحمد بناني",
        requester_contact="حي السلام، رقم 12",
        **VALUES,
    )
    assert request.case.received_on == received and request.case.requester is None
    assert request.recorded_by == focal_point and request.channel == "paper"
    assert answer_deadline(request).due == calendar.add_working_days(received, 20)
    assert AuditLogEntry.objects.filter(action="information.record", actor=focal_point).exists()


@pytest.mark.parametrize(
    ("received", "channel", "field"),
    [
        (MONDAY + datetime.timedelta(days=1), "paper", "received_on"),
        (datetime.date(2018, 1, 1), "paper", "received_on"),
        (MONDAY, "online", "channel"),
        (None, "email", "received_on"),
    ],
)
def test_recording_refuses_bad_dates_and_channels(today, commune, focal_point, received, channel, field):
    with pytest.raises(ValidationError) as error:
        services.record_request(
            focal_point, commune, received_on=received, channel=channel, requester_name="أحمد", **VALUES
        )
    assert field in error.value.message_dict and not Case.objects.exists()


def test_recording_needs_the_requester_name(today, commune, focal_point):
    with pytest.raises(ValidationError) as error:
        services.record_request(focal_point, commune, received_on=MONDAY, channel="email", requester_name=" ", **VALUES)
    assert "requester_name" in error.value.message_dict


def test_the_officer_extends_once_before_the_deadline_with_reasons_sent(filed, today, officer, citizen):
    first_due = answer_deadline(filed).due
    today(first_due)  # the last day still allows it
    extended = services.extend(officer, filed, reasons="المحاضر في الأرشيف وتحتاج إلى نسخ")
    deadline = answer_deadline(extended)
    assert deadline.due == calendar.add_working_days(first_due, 20) and deadline.counts_for_answer
    assert Deadline.objects.get(case=filed.case, kind="answer", cancelled=True).due == first_due
    assert extended.case.status == Status.EXTENDED and extended.extended_on == first_due
    note = Notification.objects.filter(recipient=citizen, kind="information.extended").get()
    assert "الأرشيف" in note.params["reasons"]
    with pytest.raises(ValidationError, match="already been extended"):
        services.extend(officer, extended, reasons="again")
    assert Deadline.objects.filter(case=filed.case, kind="answer").count() == 2


def test_an_extension_after_the_deadline_passed_is_refused(filed, today, officer):
    due = answer_deadline(filed).due
    today(due + datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="can no longer be extended"):
        services.extend(officer, filed, reasons="trop tard")
    filed.case.refresh_from_db()
    assert filed.case.status == Status.RECEIVED and answer_deadline(filed).due == due


def test_an_extension_needs_reasons(filed, officer):
    with pytest.raises(ValidationError) as error:
        services.extend(officer, filed, reasons="  ")
    assert "reasons" in error.value.message_dict
    assert not CaseEvent.objects.filter(case=filed.case, status=Status.EXTENDED).exists()


def test_only_the_officer_in_charge_answers(filed, focal_point, network_admin, citizen):
    for person in (focal_point, network_admin, citizen):
        with pytest.raises(PermissionDenied):
            services.answer(person, filed, text="Voici")
    filed.case.refresh_from_db()
    assert filed.case.answered_on is None


def test_the_answer_with_a_document_meets_the_deadline(filed, today, officer, citizen, commune):
    today(MONDAY + datetime.timedelta(days=3))
    document = SimpleUploadedFile("pv.pdf", PDF, content_type="application/pdf")
    answered = services.answer(officer, filed, text="تجدون المحضر مرفقا", document=document)
    case = answered.case
    assert case.status == Status.ANSWERED and case.answered_on == MONDAY + datetime.timedelta(days=3)
    assert answer_deadline(answered).met_on == case.answered_on
    assert answered.answer_document.is_public is False and answered.answered_by == officer
    assert Notification.objects.filter(recipient=citizen, kind="information.answered").exists()
    with pytest.raises(ValidationError, match="already been answered"):
        services.answer(officer, answered, text="encore")


def test_an_answer_may_point_to_a_published_document(
    filed, officer, focal_point, commune, other_commune, other_focal_point
):
    mine = disclosure_services.publish_document(
        focal_point,
        commune,
        title="الميزانية 2026",
        category="budget",
        published_on=MONDAY,
        link="https://example.ma/b",
    )
    elsewhere = disclosure_services.publish_document(
        other_focal_point, other_commune, title="Budget", category="budget", published_on=MONDAY, link="https://z.ma"
    )
    with pytest.raises(ValidationError) as error:
        services.answer(officer, filed, text="Voir", disclosure=elsewhere)
    assert "disclosure" in error.value.message_dict
    answered = services.answer(officer, filed, disclosure=mine)
    assert answered.disclosure == mine and answered.answer == ""


def test_an_answer_needs_a_text_or_a_document(filed, officer):
    with pytest.raises(ValidationError) as error:
        services.answer(officer, filed, text="")
    assert "answer" in error.value.message_dict


def test_a_refusal_needs_a_legal_reason_and_an_explanation(filed, officer, citizen):
    with pytest.raises(ValidationError) as error:
        services.refuse(officer, filed, reason="", explanation="")
    assert set(error.value.message_dict) == {"reason", "explanation"}
    with pytest.raises(ValidationError):
        services.refuse(officer, filed, reason="because", explanation="Non")
    filed.case.refresh_from_db()
    assert filed.case.status == Status.RECEIVED and filed.case.answered_on is None
    refused = services.refuse(officer, filed, reason="archives", explanation="Les documents sont aux archives.")
    assert refused.case.status == Status.REFUSED and refused.refusal_reason == "archives"
    note = Notification.objects.get(recipient=citizen, kind="information.refused")
    assert note.params["reason_msgid"] == "the information is held by the archives"
    assert AuditLogEntry.objects.get(action="information.refuse").details["reason"] == "archives"


def test_assigning_the_officer_in_charge(filed, focal_point, citizen, officer, other_focal_point):
    taken = services.assign(focal_point, filed, focal_point)
    assert taken.officer == focal_point
    with pytest.raises(ValidationError) as error:
        services.assign(focal_point, filed, citizen)
    assert "officer" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.assign(other_focal_point, filed, other_focal_point)
    with pytest.raises(PermissionDenied):
        services.answer(officer, taken, text="plus en charge")


def test_publishing_a_frequent_answer(filed, officer, focal_point):
    with pytest.raises(ValidationError, match="Only a request answered"):
        services.publish_answer(officer, filed, question="?")
    services.answer(officer, filed, text="Les procès-verbaux sont affichés au siège.")
    with pytest.raises(ValidationError) as error:
        services.publish_answer(officer, filed, question="")
    assert "question" in error.value.message_dict
    published = services.publish_answer(focal_point, filed, question="Où lire les procès-verbaux du conseil ?")
    assert published.is_published and "proces" in published.search_text
    services.unpublish_answer(officer, published)
    assert not InformationRequest.objects.get(pk=filed.pk).is_published


def test_a_refusal_is_never_published(filed, officer):
    services.refuse(officer, filed, reason="not_held", explanation="Nous ne la détenons pas.")
    with pytest.raises(ValidationError):
        services.publish_answer(officer, filed, question="?")


def test_clock_overdue_and_complaint_window(filed, today):
    due = clock.answer_due(filed)
    assert not clock.overdue(filed) and clock.complaint_window(filed) is None
    today(due + datetime.timedelta(days=1))
    assert clock.overdue(filed)
    assert clock.complaint_window(filed) == (due, calendar.add_working_days(due, 20))


def test_an_officer_whose_role_was_revoked_can_no_longer_answer(filed, officer, focal_point):
    from remacto.accounts import services as accounts

    accounts.revoke_role(focal_point, officer.roles.get())
    with pytest.raises(PermissionDenied):
        services.answer(officer, filed, text="Voici")


def test_the_extension_notice_reads_in_the_requester_language(filed, officer, citizen):
    citizen.preferred_language = "fr"
    citizen.save()
    services.extend(officer, filed, reasons="Archives")
    note = Notification.objects.get(recipient=citizen, kind="information.extended")
    assert note.params["due"] == "30 décembre 2026" and note.url.startswith("/fr/")
