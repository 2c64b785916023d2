"""Open data of a counted campaign: its anonymous ballots as a pabulib file, its projects and results as CSV.

The pabulib file (``.pb``) is what anyone needs to recount the campaign with any pabulib tool, ``remacto-pb``
included: META (the ballot and rule through :mod:`.engine`, so ``remacto-pb --rule file`` counts it the same
way), PROJECTS (``project_id`` is the proposal's public code, with its cost, title, votes, score and whether it
was selected) and VOTES. Ballots are the ones the count took (excluded ballots are not in the file), numbered 1 to
n in a random order drawn from a seed kept on the server (the order ballots were stored in follows the order they
were cast, which could link a row to a time), with nothing else: no voter key, receipt, address or device hash,
account or channel. A campaign with districts gets a ``district`` column naming each project's (``category`` for
categories); recount it with ``remacto-pb --split-by district --group-budget NAME=AMOUNT``.

Building the file reads every choice of every ballot: it runs in the background (:mod:`.opendata_tasks`) and is
stored, named after the count it belongs to, so it is built once per count.

Who may export: everyone once the results are published (the published count); before that, the campaign's staff
who may count (the latest finished count).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from fractions import Fraction

import numpy as np
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from remacto.cocreation.exports import csv_rows
from remacto.pb import pabulib
from remacto.pb.explain import Reason
from remacto.pb.model import Ballots, Election, Project, TextColumn

from . import counting, engine, selectors
from .explanations import sentence
from .identity import keyed_hash
from .models import Campaign, Count, District

COUNT = "budgets.count"
CSV_COLUMNS = ["code", "title", "district", "cost", "votes", "score", "selected", "reason"]
COUNTRY = "Morocco"

Progress = Callable[[int], None]


def exportable_count(campaign: Campaign, user) -> Count | None:
    """The count ``user`` may export: the published one for everyone, the latest finished one for the campaign's
    staff before publication. ``PermissionDenied`` for anyone else before publication; ``None`` when there is
    nothing to export yet."""
    published = selectors.published_count(campaign)
    if published is not None:
        return published
    if not user.has_perm(COUNT, campaign.collectivity):
        raise PermissionDenied
    return selectors.latest_count(campaign, done=True)


# --- The pabulib file ---------------------------------------------------------------------------------------------


def storage_name(campaign: Campaign, count: Count) -> str:
    """Where the file of ``count`` is stored: one file per count, outside the publicly served folders."""
    return f"budgets/{campaign.pk}/{campaign.collectivity.slug}-{campaign.pk}-count{count.pk}.pb"


def filename(campaign: Campaign) -> str:
    """The name a reader's browser saves the file under."""
    return f"{campaign.collectivity.slug}-budget-{campaign.pk}.pb"


def voter_order(campaign: Campaign, count: Count, n: int) -> np.ndarray:
    """The order ballots are written in: a permutation seeded by a keyed hash of the count, so the same count
    always gives the same file and nobody without the site's key can undo the shuffle."""
    seed = int(keyed_hash("export.order", f"{campaign.pk}:{count.pk}")[:32], 16)
    return np.random.default_rng(seed).permutation(n)


def _shuffled(ballots: Ballots, order: np.ndarray) -> Ballots:
    """``ballots`` with voter ``order[j]`` written as voter ``j``, renumbered 1..n, other columns dropped."""
    lengths = np.diff(ballots.offsets)[order]
    offsets = np.zeros(len(order) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    starts = ballots.offsets[:-1][order]
    entries = np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1], dtype=np.int64)
    ids = [str(v) for v in range(1, len(order) + 1)]
    return Ballots(
        offsets=offsets,
        projects=ballots.projects[entries],
        points=ballots.points[entries] if ballots.points is not None else None,
        voter_ids=TextColumn.of(ids),
    )


def _date(value: datetime.datetime | None) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y") if value else ""


def _figure(value) -> str:
    """A tally as pabulib writes it: ``12`` rather than ``12.0``."""
    number = float(value or 0)
    return str(int(number)) if number.is_integer() else repr(number)


def election(campaign: Campaign, count: Count, progress: Progress | None = None) -> Election:
    """The anonymised election of ``count``: the counted ballots, shuffled and renumbered, with the results."""
    counted = counting.load(campaign)
    if progress is not None:
        progress(50)
    source = counted.election
    results = {row["code"]: row for row in count.projects}
    hidden = selectors.hidden_codes(campaign)
    district_names = {str(d.pk): d.name for d in counted.districts}
    columns = ["project_id", "cost", "votes", "score", "name", "selected"]
    group = "category" if counted.districts and counted.districts[0].kind == District.Kind.CATEGORY else "district"
    if counted.districts:
        columns.append(group)
    projects = []
    for project in source.projects:
        row = results.get(project.id, {})
        fields = {
            "project_id": project.id,
            "cost": project.fields["cost"],
            "votes": _figure(row.get("votes")),
            "score": _figure(row.get("score")),
            "name": "" if project.id in hidden else project.fields["name"],
            "selected": "1" if row.get("selected") else "0",
            group: district_names.get(project.fields.get("district", ""), ""),
        }
        projects.append(Project(project.id, Fraction(project.cost), {c: fields[c] for c in columns}))
    ballots = _shuffled(source.ballots, voter_order(campaign, count, source.ballots.n_voters))
    meta = {
        "description": campaign.title,
        "country": COUNTRY,
        "unit": campaign.collectivity.name_fr or campaign.collectivity.name,
        "instance": str(timezone.localtime(campaign.voting_end).year),
        "num_projects": str(len(projects)),
        "num_votes": str(ballots.n_voters),
        **engine.meta(campaign),
        "date_begin": _date(campaign.voting_start),
        "date_end": _date(campaign.voting_end),
    }
    return Election(
        meta=meta,
        project_columns=columns,
        projects=projects,
        vote_columns=["voter_id", "vote"] + (["points"] if ballots.points is not None else []),
        ballots=ballots,
        source=filename(campaign),
    )


def write_pb(campaign: Campaign, count: Count, progress: Progress | None = None) -> str:
    """Build and store the pabulib file of ``count`` unless it exists; return its storage name."""
    name = storage_name(campaign, count)
    if default_storage.exists(name):
        return name
    text = pabulib.dumps(election(campaign, count, progress))
    if progress is not None:
        progress(90)
    saved = default_storage.save(name, ContentFile(text.encode("utf-8")))
    if saved != name:  # another worker wrote the same file meanwhile: keep one copy
        default_storage.delete(saved)
    if progress is not None:
        progress(100)
    return name


# --- The CSV of projects and results ------------------------------------------------------------------------------


def result_records(campaign: Campaign, count: Count) -> Iterator[dict]:
    """One record per project of ``count``, in ballot order, with the reason in the reader's language."""
    hidden = selectors.hidden_codes(campaign)
    names = {row["code"]: "" if row["code"] in hidden else row["title"] for row in count.projects}
    districts = dict(District.objects.filter(campaign=campaign).values_list("pk", "name"))
    for row in count.projects:
        reason = row.get("reason") or {"code": "not-selected", "params": {}}
        yield {
            "code": row["code"],
            "title": "" if row["code"] in hidden else row["title"],
            "district": districts.get(row.get("district"), ""),
            "cost": row["cost"],
            "votes": row["votes"],
            "score": row["score"],
            "selected": bool(row["selected"]),
            "reason": sentence(Reason(reason["code"], reason.get("params", {})), names),
        }


def csv_lines(campaign: Campaign, count: Count) -> Iterator[str]:
    """The CSV of projects and results, UTF-8 with a byte-order mark for spreadsheets."""
    return csv_rows(CSV_COLUMNS, result_records(campaign, count))
