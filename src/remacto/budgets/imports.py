"""Importing a past participatory budget from a pabulib file (``.pb`` or ``.pb.gz``) as one finished campaign.

The file is read by :func:`remacto.pb.pabulib.read` and its rule by the engine exactly as ``remacto-pb --rule file``
reads it (:func:`remacto.pb.rules.resolve`), so the campaign is counted the way the file says it was. Everything
the import refuses is a :class:`~remacto.pb.errors.PBError` naming the file and line, like the engine's own
errors, and is found before anything is written.

Projects become accepted proposals whose ``code`` is the file's ``project_id``. Voters become anonymous ballots
of the ``imported`` channel: they were not cast here, so they carry no account, address or device hash and are
kept apart from the online and paper ballots that integrity reviews and turnout figures speak of. Their
``voter_key`` is a keyed hash of ``import:<voter_id>`` (pabulib voter ids are public, the key is not), so two
rows with one voter id cannot both be stored. Everything is written in batches, never row by row (``bulk_create``;
on PostgreSQL ``COPY``), in one transaction with the count and the publication: a failure halfway leaves nothing
behind.
"""

from __future__ import annotations

import datetime
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from remacto.core import audit
from remacto.pb import pabulib
from remacto.pb.errors import PBError, PBWarning
from remacto.pb.model import Election
from remacto.pb.rules import RuleChoice, resolve
from remacto.pb.tally import score_threshold

from .identity import RECEIPT_ALPHABET, RECEIPT_LENGTH, keyed_hash
from .models import Ballot, BallotChoice, BallotType, Campaign, Comparison, Count, Proposal, Rule
from .services import counting

BATCH = 10_000
"""Rows per ``INSERT`` of ballots and of their choices."""
TITLE_LENGTH = 200
CENT = Fraction(1, 100)

RULES = {"greedy": Rule.GREEDY, "greedy-threshold": Rule.GREEDY_THRESHOLD, "mes": Rule.MES}
"""The engine's rules a campaign can hold (``greedy-no-skip`` is not offered to campaigns)."""
COMPARISONS = {"none": Comparison.NONE, "satisfaction": Comparison.SATISFACTION}
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y")

Progress = Callable[[int], None]


@dataclass
class Imported:
    """An imported campaign and the ballots that break the file's own rules (counted as cast, as the city did)."""

    campaign: Campaign
    warnings: list[PBWarning] = field(default_factory=list)
    proposals: int = 0
    ballots: int = 0
    count: Any = None
    """The published count (a :class:`~remacto.budgets.models.Count`) once :func:`import_file` has counted it."""


def read(path: str | os.PathLike[str], strict: bool = False) -> Election:
    """The election in ``path``; with ``strict``, ballots breaking the file's own limits are refused."""
    return pabulib.read(path, strict=strict)


def campaign_values(election: Election, now: datetime.datetime | None = None) -> dict:
    """The campaign's fields for ``election``: title, budget, dates, ballot and rule as the file states them.

    Raises :class:`PBError` for what a campaign cannot hold: a rule the file does not define or a campaign does
    not offer, scoring ballots, a scoring function other than Borda, amounts in fractions of a cent.
    """
    meta, source = election.meta, election.source
    rule, completion, comparison = resolve(election, RuleChoice(rule="file"))
    if rule not in RULES:
        raise PBError(
            f"the file's rule {meta.get('rule', '').strip()!r} is not offered to campaigns",
            source,
            _line(election, "rule"),
        )
    if comparison not in COMPARISONS:
        raise PBError(
            f"the comparison step {comparison!r} is not offered to campaigns", source, _line(election, "rule")
        )
    threshold = score_threshold(election, required=rule == "greedy-threshold")
    if threshold is not None and rule == "greedy":
        rule = "greedy-threshold"  # the engine applies a file's threshold whatever greedy rule it names
    lengths = election.ballots.lengths()
    longest = int(lengths.max(initial=0))
    values = {
        "title": _title(election),
        "description": meta.get("comment", "").strip()[:10000],
        "budget": _amount(election.budget, "budget", election, _line(election, "budget")),
        **_dates(election, now or timezone.now()),
        **_ballot(election, longest),
        "rule": RULES[rule],
        "completion": completion,
        "comparison": COMPARISONS[comparison],
        "threshold": _amount(
            threshold, "min_project_score_threshold", election, _line(election, "min_project_score_threshold")
        )
        if threshold is not None
        else None,
        "source": os.path.basename(source)[:300],
    }
    return values


def _line(election: Election, key: str) -> int | None:
    return election.meta_lines.get(key)


def _title(election: Election) -> str:
    """``description``, with ``instance`` (the year) when it does not already say it; else unit and instance."""
    meta = election.meta
    description, unit, instance = (meta.get(key, "").strip() for key in ("description", "unit", "instance"))
    title = description or unit
    if instance and instance not in title:
        title = f"{title} {instance}".strip()
    return _cut(title or os.path.basename(election.source), TITLE_LENGTH)


def _cut(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _amount(value: Fraction, what: str, election: Election, line: int | None) -> Decimal:
    """``value`` as MAD with cents; an amount finer than a cent is refused rather than rounded."""
    if value % CENT:
        raise PBError(f"{what} {float(value):g} has fractions of a cent", election.source, line)
    return Decimal(value.numerator) / Decimal(value.denominator)


def _parse_date(text: str, election: Election, key: str) -> datetime.date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise PBError(f"{key} {text!r} is not a date (expected DD.MM.YYYY)", election.source, _line(election, key))


def _dates(election: Election, now: datetime.datetime) -> dict:
    """Voting from the start of ``date_begin`` to the end of ``date_end`` (a bare year covers the whole year); a
    file without dates gets a voting day that ended when it was imported."""
    meta = election.meta
    begin_text, end_text = meta.get("date_begin", ""), meta.get("date_end", "")
    begin = _parse_date(begin_text, election, "date_begin")
    end = _parse_date(end_text, election, "date_end")
    if end is not None and re.fullmatch(r"\s*\d{4}\s*", end_text):
        end = end.replace(month=12, day=31)
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(begin, datetime.time.min, tzinfo=zone) if begin else None
    finish = datetime.datetime.combine(end, datetime.time(23, 59, 59), tzinfo=zone) if end else None
    if finish is None:
        finish = now if start is None or start < now else start + datetime.timedelta(days=1)
    if start is None or start >= finish:
        start = finish - datetime.timedelta(days=1)
    return {"voting_start": start, "voting_end": finish}


def _int_meta(election: Election, key: str) -> int | None:
    text = election.meta.get(key, "").strip()
    if not text or text.lower() == "none":
        return None
    try:
        return int(Fraction(text))
    except (ValueError, ZeroDivisionError):
        raise PBError(f"{key} {text!r} is not a number", election.source, _line(election, key)) from None


def _ballot(election: Election, longest: int) -> dict:
    """Ballot type and limits: approval (knapsack when the file caps the ballot's total cost), cumulative, ranked."""
    vote_type = election.vote_type.strip()
    source = election.source
    n_projects = len(election.projects)
    min_length = _int_meta(election, "min_length")
    max_length = _int_meta(election, "max_length")
    values: dict = {"min_choices": max(min_length or 1, 1), "max_choices": None, "max_points": None}
    if vote_type == "approval" and election.meta.get("max_sum_cost", "").strip():
        values.update(ballot_type=BallotType.KNAPSACK, max_choices=max_length)
    elif vote_type == "approval":
        values.update(ballot_type=BallotType.APPROVAL, max_choices=max_length or max(n_projects, 1))
    elif vote_type == "choose-1":
        values.update(ballot_type=BallotType.APPROVAL, min_choices=1, max_choices=1)
    elif vote_type == "ordinal":
        scoring = election.meta.get("scoring_fn", "Borda").strip()
        if scoring.lower() != "borda":
            raise PBError(
                f"scoring_fn {scoring!r} is not offered to campaigns (ranked ballots are scored by Borda)",
                source,
                _line(election, "scoring_fn"),
            )
        # Borda gives max_length points to a first choice: without it the engine uses the longest ballot.
        values.update(ballot_type=BallotType.RANKED, max_choices=max_length or max(longest, 1))
    elif vote_type == "cumulative":
        points = election.ballots.points
        if points is not None and len(points) and ((points < 0).any() or (points != np.floor(points)).any()):
            raise PBError("points that are not whole numbers are not offered to campaigns", source)
        most = _int_meta(election, "max_sum_points")
        if most is None:
            sums = np.add.reduceat(points, election.ballots.offsets[:-1]) if points is not None and len(points) else []
            most = int(max(sums, default=1))
        values.update(ballot_type=BallotType.CUMULATIVE, max_points=max(most, 1), max_choices=max_length)
    else:
        raise PBError(f"vote_type {vote_type!r} is not offered to campaigns", source, _line(election, "vote_type"))
    if values["max_choices"] is not None and values["max_choices"] < values["min_choices"]:
        values["max_choices"] = values["min_choices"]
    return values


def proposal_rows(election: Election, campaign: Campaign | None = None) -> list[Proposal]:
    """One accepted proposal per project, in the file's order; the title is the project's ``name`` or its id."""
    code_field = Proposal._meta.get_field("code")
    proposals = []
    for position, project in enumerate(election.projects, start=1):
        if len(project.id) > code_field.max_length:
            raise PBError(
                f"project id {project.id!r} is longer than {code_field.max_length} characters",
                election.source,
                project.line or None,
            )
        cost = _amount(project.cost, f"cost of project {project.id!r}", election, project.line or None)
        name = project.fields.get("name", "").strip() or project.id
        proposals.append(
            Proposal(
                campaign=campaign,
                code=project.id,
                title=_cut(name, TITLE_LENGTH),
                description=project.fields.get("description", "").strip()[:5000],
                estimated_cost=cost,
                cost=cost,
                status=Proposal.Status.ACCEPTED,
                position=position,
            )
        )
    return proposals


def receipts(count: int) -> list[str]:
    """``count`` distinct random receipt codes, drawn in one go (unbiased: bytes past the last whole multiple of
    the alphabet's size are thrown away)."""
    size = len(RECEIPT_ALPHABET)
    cutoff = 256 - 256 % size
    alphabet = np.array(list(RECEIPT_ALPHABET))
    codes: set[str] = set()
    while len(codes) < count:
        need = (count - len(codes)) * RECEIPT_LENGTH
        raw = np.frombuffer(secrets.token_bytes(need + need // 4 + 64), dtype=np.uint8)
        usable = raw[raw < cutoff] % size
        usable = usable[: len(usable) - len(usable) % RECEIPT_LENGTH].reshape(-1, RECEIPT_LENGTH)
        codes.update("".join(row) for row in alphabet[usable])
    return list(codes)[:count]


def _fresh_receipts(count: int) -> list[str]:
    """Receipts no stored ballot has (a clash is about one in a billion, but it would abort the whole import)."""
    codes = set(receipts(count))
    while taken := set(Ballot.objects.filter(receipt__in=list(codes)).values_list("receipt", flat=True)):
        codes -= taken
        while len(codes) < count:
            codes.update(receipts(count - len(codes)))
    return list(codes)


def voter_key(campaign: Campaign, voter_id: str) -> str:
    """The ballot's key: a keyed hash of the file's voter id within the campaign."""
    return keyed_hash("voter.import", f"{campaign.pk}:import:{voter_id}")


def _voter_keys(campaign: Campaign, voter_ids: list[str]) -> list[str]:
    """:func:`voter_key` of every id, the HMAC key derived once rather than once per voter."""
    keyer = salted_hmac("remacto.budgets.voter.import", "", algorithm="sha256")
    prefix = f"{campaign.pk}:import:"
    keys = []
    for voter_id in voter_ids:
        mac = keyer.copy()
        mac.update(f"{prefix}{voter_id}".encode())
        keys.append(mac.hexdigest())
    return keys


def _save_ballots(election: Election, campaign: Campaign, proposals: list[Proposal], progress: Progress | None) -> int:
    """Every voter's ballot and choices, :data:`BATCH` ballots at a time (one batch of rows per table and query)."""
    ballots = election.ballots
    n = ballots.n_voters
    offsets = ballots.offsets
    chosen = np.array([p.pk for p in proposals], dtype=np.int64)[ballots.projects]
    points = np.ones(len(chosen), dtype=np.int64) if ballots.points is None else ballots.points.astype(np.int64)
    ranks = ballots.position_of_entry() + 1 if campaign.ballot_type == BallotType.RANKED else None
    owners = ballots.voter_of_entry()
    keys = _voter_keys(campaign, ballots.voter_ids.tolist())
    write = _copy_batch if connection.vendor == "postgresql" else _bulk_batch
    for start in range(0, n, BATCH):
        stop = min(start + BATCH, n)
        first, last = int(offsets[start]), int(offsets[stop])
        batch = _Batch(
            keys=keys[start:stop],
            receipts=_fresh_receipts(stop - start),
            owners=owners[first:last] - start,
            proposals=chosen[first:last],
            points=points[first:last],
            ranks=ranks[first:last] if ranks is not None else None,
        )
        write(campaign, batch)
        if progress is not None:
            progress(stop * 100 // max(n, 1))
    return n


@dataclass
class _Batch:
    """Ballots ``keys``/``receipts`` and their choices: ``owners`` (the ballot's index in the batch), ``proposals``
    (primary keys), ``points`` and ``ranks`` (``None`` unless ranked), one entry per choice."""

    keys: list[str]
    receipts: list[str]
    owners: np.ndarray
    proposals: np.ndarray
    points: np.ndarray
    ranks: np.ndarray | None


def _bulk_batch(campaign: Campaign, batch: _Batch) -> None:
    """The batch through ``bulk_create`` (any database)."""
    rows = [
        Ballot(
            campaign=campaign,
            voter_key=key,
            channel=Ballot.Channel.IMPORTED,
            receipt=receipt,
            cast_at=campaign.voting_end,
        )
        for key, receipt in zip(batch.keys, batch.receipts, strict=True)
    ]
    Ballot.objects.bulk_create(rows, batch_size=BATCH)
    ids = [ballot.pk for ballot in rows]
    ranks = batch.ranks.tolist() if batch.ranks is not None else [None] * len(batch.owners)
    choices = [
        BallotChoice(ballot_id=ids[owner], proposal_id=proposal, points=points, rank=rank)
        for owner, proposal, points, rank in zip(
            batch.owners.tolist(), batch.proposals.tolist(), batch.points.tolist(), ranks, strict=True
        )
    ]
    BallotChoice.objects.bulk_create(choices, batch_size=BATCH)


def _copy_value(value) -> str:
    """``value`` as a field of PostgreSQL's ``COPY`` text format."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _copy_columns(model, given: dict, per_row: tuple[str, ...]) -> tuple[list[str], str]:
    """The columns of ``model`` to copy: ``per_row`` first, then every other one with its value in ``given`` or
    the field's default (so a field added later with a default needs no change here), as one text suffix."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key or f.attname in per_row]
    rest = [f for f in fields if f.attname not in per_row]
    values = [
        _copy_value(f.get_db_prep_save(given[f.attname] if f.attname in given else f.get_default(), connection))
        for f in rest
    ]
    return [*per_row, *(f.column for f in rest)], "\t".join(values)


def _copy_batch(campaign: Campaign, batch: _Batch) -> None:
    """The batch through PostgreSQL's ``COPY``, its bulk-loading path (the count reads ballots with it too):
    primary keys are drawn from the table's sequence first, so the choices can name their ballots."""
    ballot_table, choice_table = Ballot._meta.db_table, BallotChoice._meta.db_table
    fixed = {"campaign_id": campaign.pk, "channel": Ballot.Channel.IMPORTED.value, "cast_at": campaign.voting_end}
    ballot_columns, ballot_rest = _copy_columns(Ballot, fixed, ("id", "voter_key", "receipt"))
    choice_columns, choice_rest = _copy_columns(BallotChoice, {}, ("ballot_id", "proposal_id", "points", "rank"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [ballot_table, len(batch.keys)],
        )
        ids = np.array([row[0] for row in cursor.fetchall()], dtype=np.int64)
        tail = f"\t{ballot_rest}\n" if ballot_rest else "\n"
        ballots = "".join(
            f"{pk}\t{key}\t{receipt}{tail}"
            for pk, key, receipt in zip(ids.tolist(), batch.keys, batch.receipts, strict=True)
        )
        with cursor.cursor.copy(f"COPY {ballot_table} ({', '.join(ballot_columns)}) FROM STDIN") as copy:
            copy.write(ballots)
        ranks = batch.ranks.tolist() if batch.ranks is not None else ["\\N"] * len(batch.owners)
        tail = f"\t{choice_rest}\n" if choice_rest else "\n"
        choices = "".join(
            f"{ballot}\t{proposal}\t{points}\t{rank}{tail}"
            for ballot, proposal, points, rank in zip(
                ids[batch.owners].tolist(), batch.proposals.tolist(), batch.points.tolist(), ranks, strict=True
            )
        )
        with cursor.cursor.copy(f"COPY {choice_table} ({', '.join(choice_columns)}) FROM STDIN") as copy:
            copy.write(choices)


def import_election(
    election: Election, collectivity, actor=None, progress: Progress | None = None, now: datetime.datetime | None = None
) -> Imported:
    """Create one finished campaign of ``collectivity`` holding ``election``: its projects on the ballot and its
    voters' ballots, rules locked. Counting and publishing are left to the caller (see :func:`import_file`)."""
    now = now or timezone.now()
    values = campaign_values(election, now)
    proposals = proposal_rows(election)  # refusals (ids too long, cents) come before anything is written
    with transaction.atomic():
        campaign = Campaign(collectivity=collectivity, rules_locked_at=now, **values)
        campaign.save()
        for proposal in proposals:
            proposal.campaign = campaign
        Proposal.objects.bulk_create(proposals, batch_size=BATCH)
        ballots = _save_ballots(election, campaign, proposals, progress)
        audit.record(
            actor,
            "campaign.import",
            campaign,
            collectivity=collectivity,
            source=campaign.source,
            proposals=len(proposals),
            ballots=ballots,
            warnings=len(election.warnings),
        )
    return Imported(campaign, list(election.warnings), len(proposals), ballots)


def import_file(
    path: str | os.PathLike[str], collectivity, *, strict: bool = False, actor=None, progress: Progress | None = None
) -> Imported:
    """Import the pabulib file at ``path`` as a campaign of ``collectivity``, count it and publish its results.

    All or nothing: a file the engine refuses, or a count that fails, leaves no campaign behind.
    """
    election = read(path, strict=strict)
    with transaction.atomic():
        imported = import_election(election, collectivity, actor, progress=progress)
        count = counting.count_campaign(imported.campaign)
        if count.status != Count.Status.DONE:
            raise PBError(f"the count failed: {count.error}", election.source)
        counting.publish(imported.campaign, count, actor=actor)
    imported.count = count
    return imported
