"""The legal clock of an information request (law 31.13), written once for services, pages and the PDF.

- answer: 20 working days after receipt (art. 16), 3 working days for an urgent request (art. 17: life, safety
  or freedom of persons); one extension of 20 working days (art. 16), decided before the first deadline passes
  and with its reasons sent to the requester; an urgent request is not extended;
- complaint to the head of the collectivity: within 20 working days after the answer, or after the answer
  deadline expired without one (art. 19); the head answers within 15 days; when the head upholds it, the officer
  in charge gives the information (a new answer closes the case) within ``NEW_ANSWER_DAYS`` working days: the law
  sets no period for it, so the initial answer period is used, marked *to confirm* (``NEW_ANSWER_TO_CONFIRM``);
- complaint to the national commission (CDAI): within 30 days after the head's answer or the expiry of its
  15 days (art. 19).

Each function reads the request's deadlines from ``case.deadlines`` (prefetched by the selectors).
"""

import datetime

from django.utils.translation import gettext_lazy as _

from remacto.cases import calendar

from .models import Complaint, InformationRequest, Status

ANSWER = "answer"
COMPLAINT = "complaint"
NEW_ANSWER = "new_answer"
ANSWER_DAYS = 20
URGENT_DAYS = 3
EXTENSION_DAYS = 20
COMPLAINT_WINDOW_DAYS = 20
COMPLAINT_ANSWER_DAYS = 15
CDAI_DAYS = 30
# The new answer after an upheld complaint: law 31.13 sets no period; the initial answer period is used until the
# text (or the CDAI's practice) is confirmed.
NEW_ANSWER_DAYS = ANSWER_DAYS
NEW_ANSWER_TO_CONFIRM = True

UNANSWERED = (Status.RECEIVED, Status.EXTENDED)
DEADLINE_NAMES = {
    ANSWER: _("Answer to the request"),
    COMPLAINT: _("Answer of the head of the collectivity"),
    NEW_ANSWER: _("New answer after the upheld complaint"),
}


def deadline(request: InformationRequest, kind: str):
    """The current deadline of ``kind``: the open one, else the latest one met (``None`` when never set)."""
    deadlines = [d for d in request.case.deadlines.all() if d.kind == kind and not d.cancelled]
    return max(deadlines, key=lambda d: d.pk, default=None)


def answer_due(request: InformationRequest) -> datetime.date | None:
    current = deadline(request, ANSWER)
    return current.due if current else None


def is_unanswered(request: InformationRequest) -> bool:
    return request.case.status in UNANSWERED


def awaits_information(request: InformationRequest) -> bool:
    """The head of the collectivity upheld the complaint: the officer in charge now gives the information."""
    complaint = complaint_of(request)
    return (
        request.case.status == Status.COMPLAINT_ANSWERED
        and complaint is not None
        and complaint.outcome == Complaint.Outcome.UPHELD
        and request.case.closed_on is None
    )


def can_answer(request: InformationRequest) -> bool:
    """An answer is possible: the request is unanswered, or a complaint about it was upheld."""
    return is_unanswered(request) or awaits_information(request)


def can_extend(request: InformationRequest, today: datetime.date | None = None) -> bool:
    """The one extension is still possible: not urgent, not extended, unanswered and the deadline not passed."""
    due = answer_due(request)
    today = today or calendar.today()
    return (
        request.case.status == Status.RECEIVED
        and not request.is_urgent
        and request.extended_on is None
        and due is not None
        and today <= due
    )


def overdue(request: InformationRequest, today: datetime.date | None = None) -> bool:
    due = answer_due(request)
    return is_unanswered(request) and due is not None and (today or calendar.today()) > due


def complaint_window(request: InformationRequest, today: datetime.date | None = None):
    """``(opens, closes)`` of the complaint to the head of the collectivity, or ``None`` while it cannot open:
    after the answer (or refusal), or once the answer deadline expired without one."""
    today = today or calendar.today()
    if request.case.status in (Status.ANSWERED, Status.REFUSED) and request.case.answered_on:
        start = request.case.answered_on
    elif overdue(request, today):
        start = answer_due(request)
    else:
        return None
    return start, calendar.add_working_days(start, COMPLAINT_WINDOW_DAYS)


def can_complain(request: InformationRequest, today: datetime.date | None = None) -> bool:
    today = today or calendar.today()
    window = complaint_window(request, today)
    return window is not None and today <= window[1] and complaint_of(request) is None


def complaint_of(request: InformationRequest):
    """The request's complaint to the head of the collectivity, or ``None``."""
    try:
        return request.complaint
    except InformationRequest.complaint.RelatedObjectDoesNotExist:
        return None


def cdai_window(request: InformationRequest, today: datetime.date | None = None):
    """``(opens, closes)`` of the complaint to the national commission, or ``None`` before it can open: after the
    head's answer, or once the head's 15 days passed without one."""
    complaint = complaint_of(request)
    if complaint is None:
        return None
    if complaint.answered_on:
        start = complaint.answered_on
    else:
        current = deadline(request, COMPLAINT)
        if current is None or (today or calendar.today()) <= current.due:
            return None
        start = current.due
    return start, calendar.add_calendar_days(start, CDAI_DAYS)
