"""Reminders of the legal deadlines to the officials responsible for each case (run by Celery beat).

Each open deadline of an open case gives at most three reminders, each once: at half time, two working days
before the due date, and the day after the due date when it was missed. A reminder is claimed by a conditional
update of its flag before it is sent, so two runs never send it twice; when a run finds a later stage already
reached (a short deadline, a run missed), the earlier reminders are marked as passed, not sent late.
"""

import datetime
import math

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from remacto.notifications.services import notify_many

from . import calendar, registry
from .models import Case, Deadline

NOTIFICATION_KIND = "cases.reminder"
HALF, SOON, OVERDUE = "half", "soon", "overdue"
STAGES = (HALF, SOON, OVERDUE)
FLAGS = {HALF: "half_reminded_at", SOON: "soon_reminded_at", OVERDUE: "overdue_reminded_at"}
SOON_WORKING_DAYS = 2

MESSAGES = {
    HALF: gettext_noop(
        "Case %(number)s (%(procedure)s): half of the time for the %(deadline)s has passed; due on %(due)s."
    ),
    SOON: gettext_noop("Case %(number)s (%(procedure)s): the %(deadline)s is due in two working days, on %(due)s."),
    OVERDUE: gettext_noop("Case %(number)s (%(procedure)s): the %(deadline)s was due on %(due)s and is overdue."),
}
PROCEDURES = {
    Case.Procedure.INFORMATION: gettext_noop("Access to information"),
    Case.Procedure.PETITION: gettext_noop("Petition"),
    Case.Procedure.OPINION: gettext_noop("Advisory opinion"),
}
DEADLINE_KINDS = {
    "answer": gettext_noop("answer"),
    "complaint": gettext_noop("answer to the complaint"),
    "new_answer": gettext_noop("new answer after the upheld complaint"),
    "opinion": gettext_noop("opinion"),
    "decision": gettext_noop("decision"),
}
OTHER_DEADLINE = gettext_noop("deadline")


def stage_dates(deadline: Deadline, days: calendar.Calendar) -> dict[str, datetime.date]:
    """The first day of each reminder of ``deadline``."""
    half = days.due_date(deadline.start, math.ceil(deadline.amount / 2), deadline.unit)
    soon, count = deadline.due, 0
    while count < SOON_WORKING_DAYS and soon > deadline.start:
        soon -= datetime.timedelta(days=1)
        count += days.is_working_day(soon)
    return {HALF: half, SOON: soon, OVERDUE: deadline.due + datetime.timedelta(days=1)}


def due_stage(deadline: Deadline, today: datetime.date, days: calendar.Calendar) -> str | None:
    """The latest reminder stage ``today`` has reached, or None before half time."""
    reached = [stage for stage, first in stage_dates(deadline, days).items() if today >= first]
    return reached[-1] if reached else None


def _claim(deadline: Deadline, stage: str, now: datetime.datetime) -> bool:
    """Mark ``stage`` (and the earlier stages) as handled; False when another run already handled ``stage``."""
    flag = FLAGS[stage]
    earlier = {FLAGS[s]: now for s in STAGES[: STAGES.index(stage)] if getattr(deadline, FLAGS[s]) is None}
    claimed = Deadline.objects.filter(pk=deadline.pk, **{f"{flag}__isnull": True}).update(**{flag: now}, **earlier)
    return bool(claimed)


def _tell(deadline: Deadline, stage: str, info: registry.ProcedureInfo) -> int:
    case = deadline.case
    sent = notify_many(
        info.responsible(case),
        kind=NOTIFICATION_KIND,
        message=MESSAGES[stage],
        params={
            "number": case.number,
            "procedure_msgid": PROCEDURES[case.procedure],
            "deadline_msgid": DEADLINE_KINDS.get(deadline.kind, OTHER_DEADLINE),
            "due": deadline.due.isoformat(),
        },
        url=info.url(case),
        collectivity=case.collectivity,
    )
    return len(sent)


def pending():
    """Open deadlines of open cases that still have a reminder to give (a deadline counting for the answer is
    followed until the case is answered, or when it started after the answer: a new answer owed after an upheld
    complaint)."""
    return (
        Deadline.objects.filter(met_on__isnull=True, cancelled=False, case__closed_on__isnull=True)
        .filter(Q(case__answered_on__isnull=True) | Q(counts_for_answer=False) | Q(start__gte=F("case__answered_on")))
        .filter(overdue_reminded_at__isnull=True)
        .select_related("case__collectivity")
        .order_by("due", "pk")
    )


def send_reminders(*, today: datetime.date | None = None, now: datetime.datetime | None = None) -> dict[str, int]:
    """Give every reminder due today (Moroccan date); counts of reminders and notifications sent."""
    now = now or timezone.now()
    today = today or calendar.local_date(now)
    days = calendar.Calendar()
    registered = registry.registered()
    counts = dict.fromkeys(STAGES, 0) | {"notifications": 0}
    for deadline in pending():
        info = registered.get(deadline.case.procedure)
        stage = due_stage(deadline, today, days)
        if info is None or stage is None or getattr(deadline, FLAGS[stage]) is not None:
            continue
        if _claim(deadline, stage, now):
            counts[stage] += 1
            counts["notifications"] += _tell(deadline, stage, info)
    return counts
