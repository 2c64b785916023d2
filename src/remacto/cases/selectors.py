"""Reads of cases shared by the procedure pages, the transparency pages, the API and the CSV export."""

import datetime

from django.db.models import Count, DateField, Exists, F, OuterRef, Q, QuerySet, Subquery

from . import calendar
from .models import Case, CaseDocument, CaseEvent, Deadline

FIGURES = ("received", "answered_on_time", "answered_late", "open", "overdue")


def history(case: Case, *, public_only: bool) -> QuerySet[CaseEvent]:
    """The case's status history, oldest first; only the public entries for the requester and the public."""
    events = CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")
    return events.filter(is_public=True) if public_only else events


def documents(case: Case, *, public_only: bool) -> QuerySet[CaseDocument]:
    docs = CaseDocument.objects.filter(case=case).order_by("uploaded_at", "id")
    return docs.filter(is_public=True) if public_only else docs


def deadlines(case: Case, *, include_closed: bool = False) -> QuerySet[Deadline]:
    """The case's deadlines by due date: the open ones, or all with the met and cancelled ones."""
    found = Deadline.objects.filter(case=case).order_by("due", "id")
    return found if include_closed else found.filter(met_on__isnull=True, cancelled=False)


def labelled(events, statuses=None) -> list[CaseEvent]:
    """``events`` with ``label``: the procedure's name of each status (``statuses``: its TextChoices or a dict)."""
    names = dict(getattr(statuses, "choices", None) or statuses or {})
    events = list(events)
    for event in events:
        event.label = names.get(event.status, event.status)
    return events


def with_days_left(deadlines, *, kinds=None, today: datetime.date | None = None) -> list[Deadline]:
    """``deadlines`` with ``label`` (from ``kinds``, a dict kind -> name), ``days_left`` (working or calendar days
    as the deadline counts, 0 on the due day, negative once passed; None when met or cancelled) and
    ``days_overdue`` (calendar days since the due date)."""
    today = today or calendar.today()
    days = calendar.Calendar()
    names = dict(kinds or {})
    found = list(deadlines)
    for deadline in found:
        deadline.label = names.get(deadline.kind, deadline.kind)
        deadline.days_left, deadline.days_overdue = None, 0
        if not deadline.is_open:
            continue
        if deadline.due < today:
            deadline.days_overdue = (today - deadline.due).days
            deadline.days_left = -deadline.days_overdue
        elif deadline.unit == calendar.WORKING:
            deadline.days_left = days.working_days_between(today, deadline.due)
        else:
            deadline.days_left = (deadline.due - today).days
    return found


def _answer_due():
    """The due date of a case's deadline that counts for the answer (the latest one not cancelled)."""
    counted = Deadline.objects.filter(case=OuterRef("pk"), counts_for_answer=True, cancelled=False)
    return Subquery(counted.order_by("-start", "-id").values("due")[:1], output_field=DateField())


def _counted(**conditions) -> Exists:
    """Whether the case has a deadline (not cancelled) counting for the answer that matches ``conditions``."""
    return Exists(Deadline.objects.filter(case=OuterRef("pk"), counts_for_answer=True, cancelled=False, **conditions))


def _figures(cases: QuerySet[Case], today: datetime.date, *group: str):
    """The five figures of ``cases`` grouped by ``group`` (one query). A case still owing an answer counted for
    the answer (a new answer after an upheld complaint) is open, not answered, until that deadline is met; an
    answer is late when given after its due date or when any deadline counted for the answer was met late."""
    owed = _counted(met_on__isnull=True)
    still_open = Q(closed_on__isnull=True) & (Q(answered_on__isnull=True) | Q(owed=True))
    answered = Q(answered_on__isnull=False, owed=False)
    late = Q(answer_due__isnull=False, answered_on__gt=F("answer_due")) | Q(met_late=True)
    return (
        cases.annotate(
            answer_due=_answer_due(),
            owed=owed,
            owed_past=_counted(met_on__isnull=True, due__lt=today),
            met_late=_counted(met_on__gt=F("due")),
        )
        .values(*group)
        .annotate(
            received=Count("pk"),
            answered_on_time=Count("pk", filter=answered & ~late),
            answered_late=Count("pk", filter=answered & late),
            open=Count("pk", filter=still_open),
            overdue=Count("pk", filter=still_open & (Q(answer_due__lt=today) | Q(owed_past=True))),
        )
        .order_by(*group)
    )


def empty_figures() -> dict[str, int]:
    return dict.fromkeys(FIGURES, 0)


def transparency(*, year: int, collectivity=None, today: datetime.date | None = None) -> dict[str, dict[str, int]]:
    """Figures per procedure of the cases received in ``year`` (all members when ``collectivity`` is None):
    received, answered on time, answered late, still open, and among the open ones those overdue. One query.

    A case is judged against its latest deadline (not cancelled) that counts for the answer: answered after its
    due date is late, open past it is overdue. A case answered with no such deadline counts as on time; a case
    closed without an answer is received but neither answered nor open."""
    cases = Case.objects.filter(received_on__year=year)
    if collectivity is not None:
        cases = cases.filter(collectivity=collectivity)
    figures = {procedure: empty_figures() for procedure in Case.Procedure.values}
    for row in _figures(cases, today or calendar.today(), "procedure"):
        figures[row["procedure"]] = {name: row[name] for name in FIGURES}
    return figures


def transparency_by_member(*, year: int, today: datetime.date | None = None) -> list[dict]:
    """For the network page: each member that received a case in ``year``, with its figures (all procedures
    together) and per procedure; by name. Two queries."""
    from remacto.territories.models import Collectivity

    rows = _figures(Case.objects.filter(received_on__year=year), today or calendar.today(), "collectivity", "procedure")
    found: dict[int, dict] = {}
    for row in rows:
        entry = found.setdefault(row["collectivity"], {"total": empty_figures(), "procedures": {}})
        entry["procedures"][row["procedure"]] = {name: row[name] for name in FIGURES}
        for name in FIGURES:
            entry["total"][name] += row[name]
    members = Collectivity.objects.filter(pk__in=found).order_by("name", "pk")
    return [{"collectivity": member, **found[member.pk]} for member in members]


def totals(figures: dict[str, dict[str, int]]) -> dict[str, int]:
    """The figures of every procedure added up."""
    return {name: sum(row[name] for row in figures.values()) for name in FIGURES}


def years_with_cases(collectivity=None) -> list[int]:
    """The years in which cases were received (most recent first), with the current year always listed."""
    cases = Case.objects.all() if collectivity is None else Case.objects.filter(collectivity=collectivity)
    years = {d.year for d in cases.dates("received_on", "year")}
    return sorted(years | {calendar.today().year}, reverse=True)
