"""A stored count as the results page and the results PDF show it, in the reader's language.

Nothing is recounted here: the rows come from :class:`~remacto.budgets.models.Count` (votes, scores, the engine's
reason as a code with its figures), the sentences from :mod:`remacto.budgets.explanations`. The proposals are read
once, for their links and their implementation follow-up.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from remacto.core.formatting import format_number
from remacto.pb.explain import Reason

from . import charts, selectors
from .explanations import sentence
from .models import BallotType, Campaign, Completion, Count, Proposal, Rule, TieBreaking


@dataclass
class ProjectRow:
    code: str
    title: str
    cost: Decimal
    votes: int
    score: float
    selected: bool
    reason: str
    district: str = ""
    proposal: Proposal | None = None


@dataclass
class DistrictRow:
    name: str
    kind: str
    budget: Decimal
    total_cost: Decimal
    voters: int
    share: str
    winners: list[ProjectRow] = field(default_factory=list)


@dataclass
class Results:
    count: Count
    rows: list[ProjectRow]
    """Every project, most voted first (the order of the chart and its table)."""
    winners: list[ProjectRow]
    """The selected projects in the order the rule took them."""
    districts: list[DistrictRow]
    exclusions: list[dict]
    rule: str
    completion: str
    tie_breaking: str
    share: str
    """The share of voters with at least one selected project, as a percentage in the reader's language."""
    used_share: str
    by_points: bool
    """Cumulative and ranked ballots rank projects by points, not by number of votes."""
    chart: Any = None


def _label(choices, value: str) -> str:
    return str(dict(choices).get(value, value))


def _percent(share: float) -> str:
    value = round(share * 100, 1)
    return format_number(value, 0 if float(value).is_integer() else 1)


def build(campaign: Campaign, count: Count, *, rtl: bool = False, chart: bool = True) -> Results:
    """Everything the results page and PDF show of ``count``, in a fixed number of queries."""
    proposals = {
        p.code: p for p in Proposal.objects.filter(campaign=campaign, code__in=[r["code"] for r in count.projects])
    }
    hidden = selectors.hidden_codes(campaign)
    names = {
        row["code"]: _("Hidden by moderation") if row["code"] in hidden else row["title"] for row in count.projects
    }
    district_names = {row["pk"]: row["name"] for row in count.districts}
    rows = [
        ProjectRow(
            code=row["code"],
            title=names[row["code"]],
            cost=Decimal(str(row["cost"])),
            votes=row["votes"],
            score=row["score"],
            selected=row["selected"],
            reason=sentence(Reason(row["reason"]["code"], row["reason"]["params"]), names),
            district=district_names.get(row["district"], ""),
            proposal=proposals.get(row["code"]),
        )
        for row in count.projects
    ]
    by_code = {row.code: row for row in rows}
    winners = [by_code[code] for code in count.selected if code in by_code]
    rows.sort(key=lambda row: (-row.score, -row.votes, row.code))
    districts = [
        DistrictRow(
            name=row["name"],
            kind=row["kind"],
            budget=Decimal(str(row["budget"])),
            total_cost=Decimal(str(row["total_cost"])),
            voters=row["voters"],
            share=_percent(row["voters_with_selected_share"]),
            winners=[by_code[code] for code in row["selected"] if code in by_code],
        )
        for row in count.districts
    ]
    by_points = campaign.ballot_type in (BallotType.CUMULATIVE, BallotType.RANKED)
    results = Results(
        count=count,
        rows=rows,
        winners=winners,
        districts=districts,
        exclusions=selectors.exclusions(campaign),
        rule=_label(Rule.choices, count.rule),
        completion=_label(Completion.choices, count.completion) if count.completion not in ("", "none") else "",
        tie_breaking=_label(TieBreaking.choices, count.tie_breaking),
        share=_percent(count.voters_with_selected_share),
        used_share=_percent(count.budget_share_used),
        by_points=by_points,
    )
    if chart:
        results.chart = votes_chart(results, rtl=rtl)
    return results


def votes_bars(results: Results) -> tuple[list[charts.Bar], str, str]:
    """The bars of votes (or points) per project, selected ones marked, with the chart's title and description."""
    bars = [
        charts.Bar(
            key=row.code,
            label=f"{row.code} · {row.title}",
            value=float(row.score),
            display=(
                _("%(n)s · selected") % {"n": format_number(row.score, 0 if float(row.score).is_integer() else 2)}
                if row.selected
                else format_number(row.score, 0 if float(row.score).is_integer() else 2)
            ),
            selected=row.selected,
        )
        for row in results.rows
    ]
    title = _("Points per project") if results.by_points else _("Votes per project")
    description = _(
        "%(projects)s projects, most voted first; the %(selected)s selected projects are marked. "
        "The same figures are in the table below."
    ) % {"projects": format_number(len(bars)), "selected": format_number(len(results.winners))}
    return bars, title, description


def votes_chart(results: Results, *, rtl: bool):
    """The chart of votes (or points) per project, selected ones marked, as an SVG drawing (the page's)."""
    bars, title, description = votes_bars(results)
    return charts.votes_chart(bars, title=title, description=description, rtl=rtl, element_id="results-chart")
