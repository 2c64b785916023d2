"""Information requests: filing online, recording paper and email requests, assigning the officer in charge,
extending the deadline, answering or refusing, and publishing a frequent answer for everyone.

Each function takes the acting user first, checks permission with ``core.permissions.require``, validates and
writes in one transaction (``cases.services`` inside it), records staff actions in the audit log and tells the
requester in their language. Nothing is written when it raises.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.accounts.models import Role
from remacto.cases import calendar
from remacto.cases import services as cases
from remacto.cases.models import Case
from remacto.core import audit
from remacto.core.permissions import require
from remacto.notifications.services import language_of
from remacto.participation import limits

from .. import clock
from ..models import (
    ANSWER_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    DisclosureDocument,
    InformationRequest,
    Status,
)
from ..rules import STAFF_KINDS
from .common import clean, clean_fields, move_with_deadline, require_member, tell, tell_requester

FILE = "information.file_request"
RECORD = "information.record_request"
ASSIGN = "information.assign"
HANDLE = "information.handle"
PUBLISH = "information.publish_answer"

LAW_IN_FORCE = datetime.date(2019, 3, 12)
"""Law 31.13 applies to requests received from this date."""

NAME_MAX_LENGTH = InformationRequest._meta.get_field("requester_name").max_length
CONTACT_MAX_LENGTH = InformationRequest._meta.get_field("requester_contact").max_length
URGENCY_MAX_LENGTH = InformationRequest._meta.get_field("urgency_reason").max_length

RECEIVED = gettext_noop(
    "Your information request %(number)s was received on %(received)s. The answer is due by %(due)s at the latest."
)
NEW_REQUEST = gettext_noop("New information request %(number)s: %(subject)s")
ASSIGNED = gettext_noop("You are the officer in charge of the information request %(number)s.")
EXTENDED = gettext_noop(
    "The deadline to answer your information request %(number)s is extended to %(due)s. Reasons: %(reasons)s"
)
ANSWERED = gettext_noop("Your information request %(number)s has been answered.")
REFUSED = gettext_noop("Your information request %(number)s was refused: %(reason)s.")


def _day(value: datetime.date) -> str:
    return date_format(value, "DATE_FORMAT")


def _request_values(values: dict) -> dict:
    """The typed fields of a request, checked; ``ValidationError`` keyed by field for every refusal."""
    errors: dict[str, list] = {}
    cleaned = clean_fields(
        (
            (
                "subject",
                values.get("subject"),
                SUBJECT_MAX_LENGTH,
                gettext_noop("Say which information you are asking for."),
            ),
            ("details", values.get("details"), TEXT_MAX_LENGTH, ""),
            ("urgency_reason", values.get("urgency_reason"), URGENCY_MAX_LENGTH, ""),
        ),
        errors,
    )
    kind = values.get("requester_kind") or ""
    if kind not in InformationRequest.RequesterKind.values:
        errors["requester_kind"] = [
            _("Say whether the requester is a Moroccan citizen or a legally resident foreigner.")
        ]
    cleaned["requester_kind"] = kind
    cleaned["is_urgent"] = bool(values.get("is_urgent"))
    if cleaned["is_urgent"] and not cleaned.get("urgency_reason") and "urgency_reason" not in errors:
        errors["urgency_reason"] = [_("Say why the request is urgent (life, safety or freedom of persons).")]
    if not cleaned["is_urgent"]:
        cleaned["urgency_reason"] = ""
    if errors:
        raise ValidationError(errors)
    return cleaned


def _only_officer(collectivity):
    """The collectivity's information officer when it names exactly one (put in charge of new requests)."""
    officers = list(
        Role.objects.filter(collectivity=collectivity, kind=Role.Kind.INFORMATION_OFFICER).select_related("user")[:2]
    )
    return officers[0].user if len(officers) == 1 else None


def responsible(collectivity) -> list:
    """Who handles the collectivity's requests: its information officers, else its focal points."""
    for kind in STAFF_KINDS:
        people = [
            role.user for role in Role.objects.filter(collectivity=collectivity, kind=kind).select_related("user")
        ]
        if people:
            return people
    return []


def staff_of(collectivity) -> list:
    """Everyone who may be put in charge of the collectivity's requests: its information officers and focal
    points."""
    roles = Role.objects.filter(collectivity=collectivity, kind__in=STAFF_KINDS).select_related("user")
    return list({role.user.pk: role.user for role in roles.order_by("kind", "user__display_name")}.values())


def _open(actor, collectivity, *, received_on, requester, channel, values, name, contact="") -> InformationRequest:
    case = cases.open_case(
        collectivity=collectivity,
        procedure=Case.Procedure.INFORMATION,
        received_on=received_on,
        requester=requester,
        actor=actor,
        status=Status.RECEIVED,
    )
    request = InformationRequest(
        case=case,
        channel=channel,
        requester_name=name,
        requester_contact=contact,
        recorded_by=actor if channel != InformationRequest.Channel.ONLINE else None,
        officer=_only_officer(collectivity),
        **values,
    )
    request.save()
    days = clock.URGENT_DAYS if request.is_urgent else clock.ANSWER_DAYS
    deadline = cases.set_deadline(
        case, kind=clock.ANSWER, start=received_on, amount=days, unit=calendar.WORKING, counts_for_answer=True
    )
    if request.case.requester is not None:
        with translation.override(language_of(request.case.requester)):
            dates = {"received": _day(received_on), "due": _day(deadline.due)}
        tell_requester(request, kind="received", message=RECEIVED, params=dates)
    staff = [request.officer] if request.officer else responsible(collectivity)
    others = [person for person in staff if person.pk != getattr(actor, "pk", None)]
    tell(others, request, kind="new", message=NEW_REQUEST, params={"subject": request.subject})
    return request


@transaction.atomic
def file_request(actor, collectivity, **values) -> InformationRequest:
    """A signed-in person's request to a member collectivity, received today (Moroccan time).

    ``values``: ``subject``, ``details``, ``requester_kind`` (citizen or legally resident foreigner),
    ``is_urgent`` and ``urgency_reason``. Counted against the account's ``information_requests`` limit.
    """
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    require(actor, FILE, collectivity)
    require_member(collectivity)
    cleaned = _request_values(values)
    with limits.reserve(actor, "information_requests"):
        return _open(
            actor,
            collectivity,
            received_on=calendar.today(),
            requester=actor,
            channel=InformationRequest.Channel.ONLINE,
            values=cleaned,
            name=str(actor),
        )


@transaction.atomic
def record_request(
    actor, collectivity, *, received_on, channel: str, requester_name: str, requester_contact: str = "", **values
) -> InformationRequest:
    """A request received on paper or by email, recorded by the collectivity's staff with its real date of
    receipt (from which the deadline runs)."""
    require(actor, RECORD, collectivity)
    require_member(collectivity)
    errors: dict[str, list] = {}
    try:
        cleaned = _request_values(values)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if channel not in (InformationRequest.Channel.PAPER, InformationRequest.Channel.EMAIL):
        errors["channel"] = [_("Say how the request was received: on paper or by email.")]
    if not isinstance(received_on, datetime.date):
        errors["received_on"] = [_("Give the date the request was received.")]
    elif received_on > calendar.today():
        errors["received_on"] = [_("The date of receipt cannot be in the future.")]
    elif received_on < LAW_IN_FORCE:
        errors["received_on"] = [_("Law 31.13 applies to requests received from 12 March 2019.")]
    person = clean_fields(
        (
            ("requester_name", requester_name, NAME_MAX_LENGTH, gettext_noop("Give the requester's name.")),
            ("requester_contact", requester_contact, CONTACT_MAX_LENGTH, ""),
        ),
        errors,
    )
    if errors:
        raise ValidationError(errors)
    request = _open(
        actor,
        collectivity,
        received_on=received_on,
        requester=None,
        channel=channel,
        values=cleaned,
        name=person["requester_name"],
        contact=person["requester_contact"],
    )
    audit.record(actor, "information.record", request, collectivity=collectivity, channel=channel)
    return request


def _locked(request: InformationRequest) -> InformationRequest:
    """The request again, its row locked for the rest of the transaction (two officers clicking at once)."""
    locked = InformationRequest.objects.select_for_update().get(pk=request.pk)
    locked.case = request.case
    locked.case.refresh_from_db()
    return locked


def _require_unanswered(request: InformationRequest, *, upheld_too: bool = False) -> None:
    """Refuse a step on an answered request (an answer stays possible after an upheld complaint)."""
    if not (clock.can_answer(request) if upheld_too else clock.is_unanswered(request)):
        raise ValidationError(_("This request has already been answered."))


@transaction.atomic
def assign(actor, request: InformationRequest, officer) -> InformationRequest:
    """Put ``officer`` (an information officer or focal point of the collectivity) in charge of the request."""
    require(actor, ASSIGN, request)
    request = _locked(request)
    _require_unanswered(request)
    collectivity = request.case.collectivity
    if (
        officer is None
        or not Role.objects.filter(user=officer, collectivity=collectivity, kind__in=STAFF_KINDS).exists()
    ):
        raise ValidationError({"officer": _("Choose an information officer or a focal point of this collectivity.")})
    request.officer = officer
    request.save(update_fields=["officer", "updated_at"])
    audit.record(actor, "information.assign", request, collectivity=collectivity, user=str(officer))
    if officer.pk != actor.pk:
        tell([officer], request, kind="assigned", message=ASSIGNED)
    return request


@transaction.atomic
def extend(actor, request: InformationRequest, *, reasons: str) -> InformationRequest:
    """The one extension of 20 working days, by the officer in charge, before the first deadline passes; its
    reasons are sent to the requester."""
    require(actor, HANDLE, request)
    request = _locked(request)
    _require_unanswered(request)
    today = calendar.today()
    due = clock.answer_due(request)
    if request.extended_on is not None:
        raise ValidationError(_("The deadline of this request has already been extended once."))
    if request.is_urgent:
        raise ValidationError(_("An urgent request cannot be extended."))
    if due is None or today > due:
        raise ValidationError(
            _("The answer deadline passed on %(due)s: it can no longer be extended.") % {"due": _day(due or today)}
        )
    reasons = clean(
        reasons, "reasons", max_length=TEXT_MAX_LENGTH, empty=gettext_noop("Give the reasons for the extension.")
    )
    deadline = move_with_deadline(
        request,
        actor=actor,
        status=Status.EXTENDED,
        note=reasons,
        kind=clock.ANSWER,
        start=due,
        amount=clock.EXTENSION_DAYS,
        unit=calendar.WORKING,
        counts_for_answer=True,
    )
    request.extension_reason, request.extended_on = reasons, today
    request.save(update_fields=["extension_reason", "extended_on", "updated_at"])
    collectivity = request.case.collectivity
    audit.record(actor, "information.extend", request, collectivity=collectivity, due=deadline.due.isoformat())
    requester = request.case.requester
    with translation.override(language_of(requester) if requester else None):
        new_due = _day(deadline.due)
    tell_requester(request, kind="extended", message=EXTENDED, params={"due": new_due, "reasons": reasons})
    return request


def _disclosure(request: InformationRequest, disclosure) -> DisclosureDocument | None:
    if disclosure is None:
        return None
    if disclosure.collectivity_id != request.case.collectivity_id:
        raise ValidationError({"disclosure": _("Choose a document published by this collectivity.")})
    return disclosure


def _answered(actor, request: InformationRequest, status: str, note: str) -> None:
    """Record the answer on the case: its date (the first answer's), the history, and after an upheld complaint
    the new answer's deadline met and the end of the case (the transparency figures judge both answers)."""
    today = calendar.today()
    follow_up = clock.awaits_information(request)
    if request.case.answered_on is None:
        cases.answer(request.case, on=today)
    cases.move(request.case, actor=actor, status=status, note=note)
    if follow_up:
        cases.meet_deadline(request.case, clock.NEW_ANSWER, on=today)
        cases.close(request.case, on=today)
    request.answered_by, request.answered_at = actor, timezone.now()


@transaction.atomic
def answer(actor, request: InformationRequest, *, text: str = "", document=None, disclosure=None):
    """The officer in charge's answer: a text, with a document if any, or a published document it points to."""
    require(actor, HANDLE, request)
    request = _locked(request)
    _require_unanswered(request, upheld_too=True)
    body = clean(text, "answer", max_length=ANSWER_MAX_LENGTH)
    disclosure = _disclosure(request, disclosure)
    if not body and disclosure is None:
        raise ValidationError({"answer": _("Write the answer, or point to a document the collectivity published.")})
    if document:
        request.answer_document = cases.add_document(
            request.case, actor=actor, title=_("Answer"), file=document, public=False
        )
    request.answer, request.disclosure, request.refusal_reason = body, disclosure, ""
    _answered(actor, request, Status.ANSWERED, "")
    request.save()
    audit.record(actor, "information.answer", request, collectivity=request.case.collectivity)
    tell_requester(request, kind="answered", message=ANSWERED)
    return request


@transaction.atomic
def refuse(actor, request: InformationRequest, *, reason: str, explanation: str) -> InformationRequest:
    """A refusal by the officer in charge, on one of the legal reasons, with an explanation."""
    require(actor, HANDLE, request)
    request = _locked(request)
    _require_unanswered(request)
    errors = {}
    if reason not in InformationRequest.RefusalReason.values:
        errors["reason"] = [_("Choose the legal reason for the refusal.")]
    try:
        explanation = clean(
            explanation,
            "explanation",
            max_length=TEXT_MAX_LENGTH,
            empty=gettext_noop("Explain the refusal to the requester."),
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    request.refusal_reason, request.answer = reason, explanation
    _answered(actor, request, Status.REFUSED, explanation)
    request.save()
    audit.record(actor, "information.refuse", request, collectivity=request.case.collectivity, reason=reason)
    label = InformationRequest.RefusalReason(reason)
    tell_requester(request, kind="refused", message=REFUSED, params={"reason_msgid": _msgid(label)})
    return request


def _msgid(choice) -> str:
    """The English msgid of a choice's label (translated when the notification is shown)."""
    with translation.override(None):
        return str(choice.label)


def can_publish(request: InformationRequest) -> bool:
    """Only answers that gave information are published (never a refusal)."""
    return bool(request.case.answered_on) and not request.refusal_reason


@transaction.atomic
def publish_answer(actor, request: InformationRequest, *, question: str) -> InformationRequest:
    """Publish a frequent answer for everyone, with the question written for the public (the requester's name and
    the request's own wording are never shown)."""
    require(actor, PUBLISH, request)
    request = _locked(request)
    if not can_publish(request):
        raise ValidationError(_("Only a request answered with information can be published."))
    request.published_question = clean(
        question,
        "question",
        max_length=TEXT_MAX_LENGTH,
        empty=gettext_noop("Write the question as the public reads it."),
    )
    request.published_at = request.published_at or timezone.now()
    request.save()
    audit.record(actor, "information.publish", request, collectivity=request.case.collectivity)
    return request


@transaction.atomic
def unpublish_answer(actor, request: InformationRequest) -> InformationRequest:
    require(actor, PUBLISH, request)
    request = _locked(request)
    request.published_at = None
    request.save(update_fields=["published_at", "updated_at"])
    audit.record(actor, "information.unpublish", request, collectivity=request.case.collectivity)
    return request
