"""Reads of cases shared by the procedure pages, the transparency pages, the API and the CSV export."""

import datetime

from django.db.models import Count, DateField, F, OuterRef, Q, QuerySet, Subquery

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


def _answer_due():
    """The due date of a case's deadline that counts for the answer (the latest one not cancelled)."""
    counted = Deadline.objects.filter(case=OuterRef("pk"), counts_for_answer=True, cancelled=False)
    return Subquery(counted.order_by("-start", "-id").values("due")[:1], output_field=DateField())


def transparency(*, year: int, collectivity=None, today: datetime.date | None = None) -> dict[str, dict[str, int]]:
    """Figures per procedure of the cases received in ``year`` (all members when ``collectivity`` is None):
    received, answered on time, answered late, still open, and among the open ones those overdue. One query.

    A case answered with no deadline counting for the answer counts as on time; a case closed without an answer
    is received but neither answered nor open."""
    today = today or calendar.today()
    cases = Case.objects.filter(received_on__year=year)
    if collectivity is not None:
        cases = cases.filter(collectivity=collectivity)
    still_open = Q(answered_on__isnull=True, closed_on__isnull=True)
    answered = Q(answered_on__isnull=False)
    late = Q(answer_due__isnull=False, answered_on__gt=F("answer_due"))
    rows = (
        cases.annotate(answer_due=_answer_due())
        .values("procedure")
        .annotate(
            received=Count("pk"),
            answered_on_time=Count("pk", filter=answered & ~late),
            answered_late=Count("pk", filter=answered & late),
            open=Count("pk", filter=still_open),
            overdue=Count("pk", filter=still_open & Q(answer_due__lt=today)),
        )
        .order_by("procedure")
    )
    figures = {procedure: dict.fromkeys(FIGURES, 0) for procedure in Case.Procedure.values}
    for row in rows:
        figures[row["procedure"]] = {name: row[name] for name in FIGURES}
    return figures
