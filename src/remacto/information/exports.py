"""The CSV register of a collectivity's information requests, for its staff: the requester's name only (never an
address, email, phone or national ID), one row per request, read in chunks."""

from collections.abc import Iterable, Iterator

from . import clock
from .models import InformationRequest

COLUMNS = [
    "number",
    "received_on",
    "channel",
    "requester",
    "requester_kind",
    "subject",
    "urgent",
    "status",
    "officer",
    "due",
    "extended_on",
    "answered_on",
    "on_time",
    "refusal_reason",
    "complaint_lodged_on",
    "complaint_answered_on",
    "published",
]


def _on_time(request: InformationRequest) -> str:
    due, answered = clock.answer_due(request), request.case.answered_on
    if answered is None or due is None:
        return ""
    return "yes" if answered <= due else "no"


def rows(requests: Iterable[InformationRequest]) -> Iterator[dict]:
    for request in requests:
        case = request.case
        complaint = clock.complaint_of(request)
        due = clock.answer_due(request)
        yield {
            "number": case.number,
            "received_on": case.received_on.isoformat(),
            "channel": request.channel,
            "requester": request.requester_name,
            "requester_kind": request.requester_kind,
            "subject": request.subject,
            "urgent": "yes" if request.is_urgent else "no",
            "status": case.status,
            "officer": str(request.officer) if request.officer else "",
            "due": due.isoformat() if due else "",
            "extended_on": request.extended_on.isoformat() if request.extended_on else "",
            "answered_on": case.answered_on.isoformat() if case.answered_on else "",
            "on_time": _on_time(request),
            "refusal_reason": request.refusal_reason,
            "complaint_lodged_on": complaint.lodged_on.isoformat() if complaint else "",
            "complaint_answered_on": complaint.answered_on.isoformat() if complaint and complaint.answered_on else "",
            "published": "yes" if request.is_published else "no",
        }
