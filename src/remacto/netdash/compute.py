"""Computing the network dashboard's figures for every member, in a fixed number of queries, into
:class:`~remacto.netdash.models.MemberFigures` (replaced as a whole in one transaction: readers see the old
figures or the new ones, never a mix).

Each measure is defined in docs/netdash.md; in short, for each member's current programme (its latest cycle):

- ideas (not hidden by moderation) per 1,000 inhabitants of the member's legal population;
- share of those ideas that have a triage decision with a public reason;
- phase, adoption date (council session), last movement (latest phase change, else the programme's creation) and
  whether it is stalled (not moved for a year, neither closed nor in evaluation);
- execution rate: amounts paid over the budget of the followed projects (visible, not cancelled);
- legal cases (information requests, petitions, opinion requests) of the current and previous year answered on
  time, over those answered or overdue (:func:`remacto.cases.selectors.transparency_by_member`);
- women's share and the share of people under 30 among the attendance of public meetings (information meetings,
  co-creation and consultation workshops).
"""

import datetime
import time
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from remacto.cases import selectors as cases
from remacto.cocreation.models import Idea, Meeting, Phase, PhaseChange, Programme, Project
from remacto.monitoring.models import SpendingLine
from remacto.monitoring.selectors.money import rate
from remacto.territories.models import Collectivity

from .models import Computation, MemberFigures

STALLED_AFTER = datetime.timedelta(days=365)
NOT_STALLED = (Phase.EVALUATION, Phase.CLOSED)
PUBLIC_MEETINGS = (Meeting.Kind.INFORMATION, Meeting.Kind.WORKSHOP, Meeting.Kind.CONSULTATION_WORKSHOP)
STEPS = 7


def per_thousand(count: int, population: int | None) -> Decimal | None:
    """``count`` per 1,000 inhabitants (two decimals), or ``None`` when the population is unknown."""
    if not population:
        return None
    return (Decimal(count) * 1000 / Decimal(population)).quantize(Decimal("0.01"))


def _by_programme(rows, key: str = "programme") -> dict[int, dict]:
    return {row[key]: row for row in rows}


def _members() -> list[Collectivity]:
    return list(
        Collectivity.objects.filter(membership__isnull=False).select_related("region", "province", "membership")
    )


def _current_programmes(members: list[Collectivity]) -> dict[int, Programme]:
    """Each member's programme of its latest cycle, with its adoption (one query)."""
    found: dict[int, Programme] = {}
    programmes = Programme.objects.filter(collectivity__in=members).select_related("adoption")
    for programme in programmes.order_by("collectivity_id", "-cycle"):
        found.setdefault(programme.collectivity_id, programme)
    return found


def _ideas(ids: list[int]) -> dict[int, dict]:
    answered = Q(decision__isnull=False) & ~Q(decision__reason="")
    rows = (
        Idea.objects.visible()
        .filter(programme__in=ids)
        .values("programme")
        .annotate(total=Count("pk"), answered=Count("pk", filter=answered))
        .order_by()
    )
    return _by_programme(rows)


def _money(ids: list[int]) -> tuple[dict[int, Decimal], dict[int, Decimal]]:
    followed = Project.objects.visible().filter(programme__in=ids).exclude(status=Project.Status.CANCELLED)
    budgets = dict(followed.values_list("programme").annotate(total=Sum("budget")).order_by())
    paid = dict(
        SpendingLine.objects.filter(kind=SpendingLine.Kind.PAID, project__in=followed)
        .values_list("project__programme")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return budgets, paid


def _attendance(ids: list[int]) -> dict[int, dict]:
    rows = (
        Meeting.objects.filter(programme__in=ids, kind__in=PUBLIC_MEETINGS)
        .values("programme")
        .annotate(
            women=Sum("attendees_women"),
            men=Sum("attendees_men"),
            under_18=Sum("attendees_under_18"),
            young=Sum("attendees_18_29"),
            a30=Sum("attendees_30_44"),
            a45=Sum("attendees_45_59"),
            a60=Sum("attendees_60_plus"),
        )
        .order_by()
    )
    return _by_programme(rows)


def _last_moves(ids: list[int]) -> dict[int, datetime.datetime]:
    rows = PhaseChange.objects.filter(programme__in=ids).values_list("programme").annotate(last=Max("changed_at"))
    return dict(rows.order_by())


def _cases(today: datetime.date) -> dict[int, tuple[int, int]]:
    """Per member: (answered on time, answered or overdue) over the current and the previous year (two queries)."""
    found: dict[int, tuple[int, int]] = {}
    for year in (today.year - 1, today.year):
        for entry in cases.transparency_by_member(year=year, today=today):
            total = entry["total"]
            on_time, due = found.get(entry["collectivity"].pk, (0, 0))
            answered = total["answered_on_time"] + total["answered_late"]
            found[entry["collectivity"].pk] = (on_time + total["answered_on_time"], due + answered + total["overdue"])
    return found


def _figures(member: Collectivity, programme: Programme | None, data: dict, now) -> MemberFigures:
    population = member.legal_population
    row = MemberFigures(
        collectivity=member,
        region_id=member.region_id,
        province_id=member.province_id,
        kind=member.kind,
        cohort_year=member.membership.cohort_year,
        is_ogp_local=member.is_ogp_local,
        population=population,
        computed_at=now,
    )
    on_time, due = data["cases"].get(member.pk, (0, 0))
    row.cases_on_time, row.cases_due, row.on_time_share = on_time, due, rate(on_time, due)
    if programme is None:
        return row
    row.programme, row.cycle, row.phase = programme, programme.cycle, programme.phase
    row.phase_order = Phase.order(programme.phase)
    adoption = getattr(programme, "adoption", None)
    row.adoption_date = adoption.session_date if adoption else None
    moved = data["moves"].get(programme.pk) or programme.created_at
    row.last_moved_on = timezone.localdate(moved)
    row.is_stalled = programme.phase not in NOT_STALLED and now - moved > STALLED_AFTER
    ideas = data["ideas"].get(programme.pk, {})
    row.ideas, row.ideas_answered = ideas.get("total", 0), ideas.get("answered", 0)
    row.ideas_per_1000 = per_thousand(row.ideas, population)
    row.answered_share = rate(row.ideas_answered, row.ideas)
    row.budget = data["budgets"].get(programme.pk) or Decimal(0)
    row.paid = data["paid"].get(programme.pk) or Decimal(0)
    row.execution_rate = rate(row.paid, row.budget)
    seen = data["attendance"].get(programme.pk)
    if seen:
        row.attendees_women, row.attendees_men = seen["women"] or 0, seen["men"] or 0
        row.women_share = rate(row.attendees_women, row.attendees_women + row.attendees_men)
        row.attendees_under_30 = (seen["under_18"] or 0) + (seen["young"] or 0)
        row.attendees_aged = row.attendees_under_30 + sum(seen[k] or 0 for k in ("a30", "a45", "a60"))
        row.under_30_share = rate(row.attendees_under_30, row.attendees_aged)
    return row


def compute_figures(progress: Callable[[int], None] = lambda percent: None) -> Computation:
    """Compute every member's figures and replace the table with them; ``progress`` hears the percentage done."""
    started = time.perf_counter()
    now = timezone.now()
    members = _members()
    programmes = _current_programmes(members)
    ids = [p.pk for p in programmes.values()]
    progress(100 // STEPS)
    data: dict = {"ideas": _ideas(ids)}
    progress(200 // STEPS)
    data["budgets"], data["paid"] = _money(ids)
    progress(300 // STEPS)
    data["attendance"] = _attendance(ids)
    progress(400 // STEPS)
    data["moves"] = _last_moves(ids)
    progress(500 // STEPS)
    data["cases"] = _cases(timezone.localdate(now))
    progress(600 // STEPS)
    rows = [_figures(member, programmes.get(member.pk), data, now) for member in members]
    with transaction.atomic():
        MemberFigures.objects.all().delete()
        MemberFigures.objects.bulk_create(rows, batch_size=500)
        computation = Computation.objects.create(
            finished_at=timezone.now(), seconds=time.perf_counter() - started, members=len(rows)
        )
        Computation.objects.exclude(pk=computation.pk).filter(finished_at__lt=now - datetime.timedelta(days=7)).delete()
    progress(100)
    return computation
