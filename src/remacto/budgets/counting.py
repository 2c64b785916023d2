"""Counting a campaign: its stored ballots as a :class:`remacto.pb.model.Election`, and the engine's outcome as
plain data ready to be stored.

The ballots are read straight into the engine's column arrays: one query of ``(ballot, proposal, points, rank)``
tuples in ballot order (no model instances), turned into numpy CSR arrays. 100,000 ballots of five choices take
well under a second to read.

Districts and categories: each gets its own budget and the projects placed in it; the rule runs on each alone,
with the voters who chose at least one of its projects (:func:`remacto.pb.groups.split`). A district's ballots
only hold its own projects, so its voters are exactly its ballots; a category's voters are those who chose at
least one project of the category. Projects without a district, in a campaign that has some, share what the
districts' budgets leave of the campaign's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
from django.db import connection
from django.db.models import BigIntegerField, F
from django.db.models.functions import Cast, Coalesce

from remacto.pb.explain import explain
from remacto.pb.groups import split
from remacto.pb.model import Ballots, Election, Project, TextColumn

from . import engine
from .models import BallotChoice, BallotType, Campaign, District, Proposal
from .selectors import counted_ballots

Progress = Callable[[int], None]
NO_DISTRICT = ""
"""The group key of projects without a district in a campaign that has districts."""


@dataclass
class CampaignElection:
    """A campaign's counted ballots as an election, with what the count needs to name its projects and groups."""

    election: Election
    proposals: list[dict[str, Any]]
    """Per project, in ballot order: ``pk``, ``code``, ``title``, ``district`` (its pk or ``None``)."""
    districts: list[District] = field(default_factory=list)
    budgets: dict[str, Fraction] = field(default_factory=dict)
    """Budget of each group key (a district's pk as text, or :data:`NO_DISTRICT`); empty without districts."""


def ballot_projects(campaign: Campaign) -> list[dict[str, Any]]:
    """The projects counted: every proposal accepted on the ballot, in ballot order."""
    rows = (
        Proposal.objects.filter(campaign=campaign, status=Proposal.Status.ACCEPTED)
        .order_by("position", "id")
        .values("pk", "code", "title", "cost", "district")
    )
    return list(rows)


COLUMNS = ("ballot", "proposal", "points", "rank")
BINARY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"


def _fields(campaign: Campaign) -> dict[str, Any]:
    """The columns a count of ``campaign`` needs: points only on cumulative ballots, rank only on ranked ones
    (the others read as 1 point and rank 0)."""
    fields: dict[str, Any] = {"ballot": F("ballot_id"), "proposal": F("proposal_id")}
    if campaign.ballot_type == BallotType.CUMULATIVE:
        fields["points"] = F("points")
    if campaign.ballot_type == BallotType.RANKED:
        fields["rank"] = Coalesce("rank", 0)
    return fields


def _choices_queryset(campaign: Campaign, fields: dict[str, Any]):
    # Only ranked ballots need an order within the ballot (the voter's preference).
    order = ("ballot_id", "rank", "id") if "rank" in fields else ("ballot_id",)
    return (
        BallotChoice.objects.filter(ballot__in=counted_ballots(campaign).values("pk"))
        .order_by(*order)
        .values_list(*(Cast(field, BigIntegerField()) for field in fields.values()))
    )


def choice_rows(campaign: Campaign) -> np.ndarray:
    """``(ballot, proposal, points, rank)`` of every choice of every counted ballot, grouped by ballot (in the
    voter's order on ranked ballots), as an ``n × 4`` int64 array.

    On PostgreSQL the rows come as one binary ``COPY`` read straight into numpy (no Python object per value);
    elsewhere through a plain cursor.
    """
    fields = _fields(campaign)
    sql, params = _choices_queryset(campaign, fields).query.sql_with_params()
    if connection.vendor == "postgresql":
        read = _copy_rows(connection.ops.compose_sql(sql, params), len(fields))
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            read = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, len(fields))
    rows = np.zeros((len(read), len(COLUMNS)), dtype=np.int64)
    rows[:, 2] = 1
    for position, name in enumerate(fields):
        rows[:, COLUMNS.index(name)] = read[:, position]
    return rows


def _copy_rows(query: str, width: int) -> np.ndarray:
    """The ``bigint`` columns of ``query`` as an ``n × width`` array, read through a binary ``COPY``."""
    row = np.dtype(
        [("fields", ">i2")] + [part for i in range(width) for part in ((f"size{i}", ">i4"), (f"v{i}", ">i8"))]
    )
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({query}) TO STDOUT (FORMAT BINARY)") as copy:
        data = b"".join(bytes(block) for block in copy)
    if not data.startswith(BINARY_SIGNATURE):
        raise ValueError("unexpected COPY output")
    extension = int.from_bytes(data[15:19], "big")
    body = data[19 + extension : -2]  # the trailer is a field count of -1
    rows = np.frombuffer(body, dtype=row)
    if (rows["fields"] != width).any():
        raise ValueError("unexpected COPY row")
    return np.stack([rows[f"v{i}"] for i in range(width)], axis=1).astype(np.int64).reshape(-1, width)


def load(campaign: Campaign, rows: np.ndarray | None = None) -> CampaignElection:
    """The campaign's counted ballots (``rows`` from :func:`choice_rows`, read when not given) as an election."""
    proposals = ballot_projects(campaign)
    # Every counted ballot is a voter, even one left without a choice (an imported empty vote, or one whose only
    # projects were withdrawn): the Method of Equal Shares gives each voter a share. Ids first, then the choices:
    # a ballot stored in between (a paper sheet) is left out whole rather than counted without its choices.
    ballot_ids = np.fromiter(
        counted_ballots(campaign).order_by("pk").values_list("pk", flat=True).iterator(chunk_size=20_000),
        dtype=np.int64,
    )
    rows = choice_rows(campaign) if rows is None else rows
    rows = rows[np.isin(rows[:, 0], ballot_ids)]
    pks = np.array([p["pk"] for p in proposals], dtype=np.int64)
    order = np.argsort(pks)
    # A choice of a proposal no longer on the ballot (withdrawn after voting) counts for nothing.
    where = np.searchsorted(pks[order], rows[:, 1]) if len(pks) else np.zeros(len(rows), dtype=np.int64)
    where = np.minimum(where, max(len(pks) - 1, 0))
    known = (pks[order][where] == rows[:, 1]) if len(pks) else np.zeros(len(rows), dtype=bool)
    project = order[where][known].astype(np.int32)
    ballot_of = np.searchsorted(ballot_ids, rows[known, 0])
    offsets = np.zeros(len(ballot_ids) + 1, dtype=np.int64)
    np.cumsum(np.bincount(ballot_of, minlength=len(ballot_ids)), out=offsets[1:])
    points = rows[known, 2].astype(np.float64) if campaign.ballot_type == BallotType.CUMULATIVE else None

    districts = list(District.objects.filter(campaign=campaign).order_by("position", "id"))
    budgets: dict[str, Fraction] = {}
    if districts:
        budgets = {str(d.pk): Fraction(d.budget) for d in districts}
        if any(p["district"] is None for p in proposals):
            budgets[NO_DISTRICT] = max(Fraction(campaign.budget) - sum(budgets.values(), Fraction(0)), Fraction(0))

    projects = [
        Project(
            p["code"],
            Fraction(p["cost"]),
            {
                "project_id": p["code"],
                "cost": engine.amount_text(p["cost"]),
                "name": p["title"],
                "district": str(p["district"]) if p["district"] is not None else NO_DISTRICT,
            },
        )
        for p in proposals
    ]
    meta = {
        "description": campaign.title,
        "num_projects": str(len(projects)),
        "num_votes": str(len(ballot_ids)),
        **engine.meta(campaign),
    }
    election = Election(
        meta=meta,
        project_columns=["project_id", "cost", "name", "district"],
        projects=projects,
        vote_columns=["voter_id", "vote"] + (["points"] if points is not None else []),
        ballots=Ballots(
            offsets=offsets,
            projects=project,
            points=points,
            voter_ids=TextColumn(blocks=[TextColumn.SEPARATOR.join(map(str, ballot_ids.tolist()))])
            if len(ballot_ids)
            else TextColumn.of([]),
        ),
        source=f"campaign {campaign.pk}",
    )
    return CampaignElection(election, proposals, districts, budgets)


@dataclass
class Result:
    """A count's outcome as stored on :class:`~remacto.budgets.models.Count` (JSON-ready values)."""

    rule: str
    completion: str
    tie_breaking: str
    budget: Fraction
    total_cost: Fraction
    selected: list[str]
    voters: int
    voters_with_selected_share: float
    projects: list[dict[str, Any]]
    districts: list[dict[str, Any]]


def parts(counted: CampaignElection) -> dict[str, Election]:
    """The elections the rule runs on: one per district or category, or the whole campaign."""
    if not counted.budgets:
        return {NO_DISTRICT: counted.election}
    return split(counted.election, "district", counted.budgets)


def tally(campaign: Campaign, counted: CampaignElection, progress: Progress | None = None) -> Result:
    """Run the campaign's rule on ``counted`` (each district within its budget) and explain every project."""
    choice = engine.rule_choice(campaign)
    elections = parts(counted)
    by_code: dict[str, dict[str, Any]] = {}
    groups: dict[str, dict[str, Any]] = {}
    for number, (key, election) in enumerate(elections.items(), start=1):
        explained = explain(election, choice)
        summary = explained.summary
        groups[key] = {
            "selected": [p.id for p in explained.projects if p.selected],
            "total_cost": summary.total_cost,
            "voters": summary.voters,
            "voters_with_selected_share": summary.voters_with_selected_share,
            "rule": summary.rule,
            "completion": summary.completion,
        }
        for project in explained.projects:
            by_code[project.id] = {
                "votes": project.votes,
                "score": _plain(project.score),
                "selected": project.selected,
                "reason": {"code": project.why.code, "params": _params(project.why.params)},
            }
        if progress is not None:
            progress(number * 100 // len(elections))
    first = next(iter(groups.values()), {"rule": campaign.rule, "completion": "none"})
    # Selected codes in the order the rule took them, group after group.
    selected = [code for group in groups.values() for code in _taken_order(group, by_code)]
    chosen = np.zeros(len(counted.proposals), dtype=bool)
    code_index = {p["code"]: i for i, p in enumerate(counted.proposals)}
    chosen[[code_index[code] for code in selected]] = True
    ballots = counted.election.ballots
    hits = np.bincount(ballots.voter_of_entry()[chosen[ballots.projects]], minlength=ballots.n_voters)
    voters = ballots.n_voters
    projects = []
    for p in counted.proposals:
        row = by_code.get(p["code"]) or {
            "votes": 0,
            "score": 0,
            "selected": False,
            "reason": {"code": "no-votes", "params": {}},
        }
        projects.append(
            {
                "code": p["code"],
                "title": p["title"],
                "cost": _plain(Fraction(p["cost"])),
                "district": p["district"],
                **row,
            }
        )
    districts = []
    for district in counted.districts:
        group = groups.get(str(district.pk))
        districts.append(
            {
                "pk": district.pk,
                "name": district.name,
                "kind": district.kind,
                "budget": _plain(Fraction(district.budget)),
                "total_cost": _plain(group["total_cost"]) if group else 0,
                "selected": _taken_order(group, by_code) if group else [],
                "voters": group["voters"] if group else 0,
                "voters_with_selected_share": group["voters_with_selected_share"] if group else 0.0,
            }
        )
    return Result(
        rule=first["rule"],
        completion=first["completion"],
        tie_breaking=campaign.tie_breaking,
        budget=Fraction(campaign.budget),
        total_cost=sum((g["total_cost"] for g in groups.values()), Fraction(0)),
        selected=selected,
        voters=voters,
        voters_with_selected_share=float((hits > 0).sum() / voters) if voters else 0.0,
        projects=projects,
        districts=districts,
    )


def _taken_order(group: dict[str, Any], by_code: dict[str, dict[str, Any]]) -> list[str]:
    """A group's selected codes in the order the rule took them: greedy by rank, MES by round (completion last)."""

    def key(code: str) -> tuple[float, float]:
        params = by_code[code]["reason"]["params"]
        if "round" in params:
            return (0, params["round"])
        if "rank" in params:
            return (0, params["rank"])
        return (1, 0)

    return sorted(group["selected"], key=key)


def _plain(value: Any) -> Any:
    """A JSON-ready number: ints stay ints, fractions and numpy numbers become int or float."""
    if isinstance(value, Fraction):
        return int(value) if value.denominator == 1 else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def _params(params: dict[str, Any]) -> dict[str, Any]:
    return {key: _plain(value) for key, value in params.items()}


def count(campaign: Campaign, progress: Progress | None = None) -> Result:
    """Read and count the campaign's ballots; ``progress`` gets percentages as the work goes."""
    counted = load(campaign)
    if progress is not None:
        progress(40)

    def step(percent: int) -> None:
        if progress is not None:
            progress(40 + percent * 50 // 100)

    return tally(campaign, counted, step)
