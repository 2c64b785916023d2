"""The requester's complaint to the head of the collectivity (art. 19 of law 31.13), and its answer recorded by
the focal point; after it, the platform prepares the complaint to the national commission (:mod:`..cdai`)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.accounts.models import Role
from remacto.cases import calendar
from remacto.cases import services as cases
from remacto.core import audit
from remacto.core.permissions import require
from remacto.notifications.services import language_of

from .. import clock
from ..models import TEXT_MAX_LENGTH, Complaint, InformationRequest, Status
from .common import clean, move_with_deadline, tell, tell_requester
from .requests import _locked, responsible

COMPLAIN = "information.complain"
ANSWER_COMPLAINT = "information.answer_complaint"

LODGED = gettext_noop(
    "Your complaint about the information request %(number)s was received. The head of the collectivity answers "
    "by %(due)s."
)
NEW_COMPLAINT = gettext_noop("A complaint was lodged about the information request %(number)s.")
COMPLAINT_ANSWERED = gettext_noop(
    "The head of the collectivity answered your complaint about the information request %(number)s."
)
NEW_ANSWER_DUE = gettext_noop(
    "The head of the collectivity upheld the complaint about the information request %(number)s: give the "
    "information by %(due)s."
)
COMPLAINT_UPHELD = gettext_noop(
    "The head of the collectivity upheld your complaint about the information request %(number)s: the information "
    "is due by %(due)s."
)


@transaction.atomic
def complain(actor, request: InformationRequest, *, text: str) -> Complaint:
    """The requester's complaint, within 20 working days after the answer or the expired answer deadline."""
    require(actor, COMPLAIN, request)
    request = _locked(request)
    today = calendar.today()
    if clock.complaint_of(request) is not None:
        raise ValidationError(_("You have already complained about this request."))
    window = clock.complaint_window(request, today)
    if window is None:
        raise ValidationError(_("You can complain once the request is answered or its answer deadline has passed."))
    if today > window[1]:
        raise ValidationError(
            _("The 20 working days to complain ended on %(date)s.") % {"date": date_format(window[1], "DATE_FORMAT")}
        )
    body = clean(text, "text", max_length=TEXT_MAX_LENGTH, empty=gettext_noop("Write your complaint."))
    complaint = Complaint.objects.create(request=request, text=body, lodged_on=today)
    deadline = move_with_deadline(
        request,
        actor=actor,
        status=Status.COMPLAINT,
        note=body,
        kind=clock.COMPLAINT,
        start=today,
        amount=clock.COMPLAINT_ANSWER_DAYS,
        unit=calendar.CALENDAR,
    )
    with translation.override(language_of(actor)):
        due = date_format(deadline.due, "DATE_FORMAT")
    tell_requester(request, kind="complaint", message=LODGED, params={"due": due})
    collectivity = request.case.collectivity
    focal_points = [
        role.user
        for role in Role.objects.filter(collectivity=collectivity, kind=Role.Kind.FOCAL_POINT).select_related("user")
    ]
    tell(focal_points, request, kind="complaint_new", message=NEW_COMPLAINT)
    return complaint


@transaction.atomic
def answer_complaint(actor, request: InformationRequest, *, outcome: str, answer: str) -> Complaint:
    """The head of the collectivity's answer, recorded by the focal point. A rejected complaint closes the case;
    an upheld one leaves it open for the officer in charge's new answer (which closes it), due within
    ``clock.NEW_ANSWER_DAYS`` working days with the case core's reminders."""
    require(actor, ANSWER_COMPLAINT, request)
    request = _locked(request)
    complaint = clock.complaint_of(request)
    if complaint is None or request.case.status != Status.COMPLAINT:
        raise ValidationError(_("There is no complaint waiting for an answer on this request."))
    errors = {}
    if outcome not in Complaint.Outcome.values:
        errors["outcome"] = [_("Choose the outcome of the complaint.")]
    try:
        body = clean(answer, "answer", max_length=TEXT_MAX_LENGTH, empty=gettext_noop("Write the answer."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    today = calendar.today()
    complaint.outcome, complaint.answer, complaint.answered_by, complaint.answered_on = outcome, body, actor, today
    complaint.save()
    cases.meet_deadline(request.case, clock.COMPLAINT, on=today)
    cases.move(request.case, actor=actor, status=Status.COMPLAINT_ANSWERED, note=body)
    audit.record(
        actor, "information.complaint_answer", request, collectivity=request.case.collectivity, outcome=outcome
    )
    if outcome == Complaint.Outcome.REJECTED:
        cases.close(request.case, on=today)
        tell_requester(request, kind="complaint_answered", message=COMPLAINT_ANSWERED)
    else:  # upheld: open until the officer gives the information, within its own deadline
        new_answer = cases.set_deadline(
            request.case,
            kind=clock.NEW_ANSWER,
            start=today,
            amount=clock.NEW_ANSWER_DAYS,
            unit=calendar.WORKING,
            counts_for_answer=True,
        )
        _tell_due(request, new_answer.due)
    return complaint


def _tell_due(request: InformationRequest, due) -> None:
    """Tell the requester and the officer in charge (else the collectivity's officers) when the new answer is due,
    each with the date in their own language."""
    with translation.override(language_of(request.case.requester)):
        day = date_format(due, "DATE_FORMAT")
    tell_requester(request, kind="complaint_answered", message=COMPLAINT_UPHELD, params={"due": day})
    for person in [request.officer] if request.officer_id else responsible(request.case.collectivity):
        with translation.override(language_of(person)):
            day = date_format(due, "DATE_FORMAT")
        tell([person], request, kind="new_answer_due", message=NEW_ANSWER_DUE, params={"due": day})
