"""Read and write pabulib files (``.pb``, or gzipped ``.pb.gz``).

A pabulib file has three ``;``-separated CSV sections: ``META`` (key;value), ``PROJECTS`` (one row
per project, at least ``project_id`` and ``cost``) and ``VOTES`` (one row per voter, at least
``voter_id`` and ``vote``, plus ``points`` for cumulative and scoring ballots). Reading streams
the file row by row into compact numpy arrays; every problem found becomes a :class:`PBError`
naming the file and line. Writing reproduces the original bytes for files written the usual way
(minimal CSV quoting, one newline style).
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from array import array
from collections.abc import Iterable, Iterator
from typing import IO

import numpy as np

from remacto.pb.errors import PBError
from remacto.pb.limits import VoteLimits
from remacto.pb.model import (
    POINTS_VOTE_TYPES,
    VOTE_TYPES,
    Ballots,
    Election,
    Layout,
    Project,
    TextArray,
    parse_amount,
    text_array,
)

SECTIONS = ("meta", "projects", "votes")
_CHUNK = 65536


def read(path: str | os.PathLike[str]) -> Election:
    """Parse the pabulib file at ``path`` (gzip is detected from its first bytes)."""
    source = os.fspath(path)
    lines = _LineSource()
    try:
        with open(source, "rb") as raw:
            compressed = raw.read(2) == b"\x1f\x8b"
        with gzip.GzipFile(source, "rb") if compressed else open(source, "rb") as binary:
            return parse(lines.follow(_decode(binary)), source, lines)
    except UnicodeDecodeError:
        raise PBError("the file is not valid UTF-8", source, lines.count + 1) from None
    except EOFError:
        raise PBError("the compressed file is truncated", source, lines.count + 1) from None
    except (gzip.BadGzipFile, OSError) as error:
        raise PBError(f"cannot read the file ({error.__class__.__name__}: {error})", source) from None


def _decode(binary: Iterable[bytes]) -> Iterator[str]:
    """UTF-8 lines of a binary stream, line by line so a decoding error has a line number."""
    for number, line in enumerate(binary):
        text = line.decode("utf-8")
        yield text.removeprefix("\ufeff") if number == 0 else text


def loads(text: str, source: str = "<string>") -> Election:
    """Parse a pabulib file held in a string."""
    lines = _LineSource()
    return parse(lines.follow(io.StringIO(text, newline="")), source, lines)


class _LineSource:
    """Passes lines through while noting their count, newline style and whether the last one ends."""

    def __init__(self) -> None:
        self.count = 0
        self.newline: str | None = None
        self.last = ""

    def follow(self, stream: Iterable[str]) -> Iterator[str]:
        for line in stream:
            self.count += 1
            if self.newline is None and line.endswith("\n"):
                self.newline = "\r\n" if line.endswith("\r\n") else "\n"
            self.last = line
            yield line

    def layout(self) -> Layout:
        return Layout(newline=self.newline or "\n", trailing_newline=self.last.endswith("\n"))


def parse(lines: Iterable[str], source: str, tracker: _LineSource | None = None) -> Election:
    """Parse the lines of a pabulib file (each with its line ending, as ``open(newline='')`` gives)."""
    rows = csv.reader(lines, delimiter=";", quotechar='"', strict=True)
    builder = _Builder(source)
    try:
        for row in rows:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            name = row[0].strip().lower()
            if len(row) == 1 and name in SECTIONS:
                header = next(rows, None)
                if header is None:
                    raise PBError(f"section {name.upper()} has no header line (truncated file?)", source, rows.line_num)
                builder.start(name, [h.strip() for h in header], rows.line_num)
            else:
                builder.add(row, rows.line_num)
    except csv.Error as error:
        raise PBError(f"malformed CSV ({error})", source, rows.line_num) from None
    return builder.finish(tracker.layout() if tracker else Layout(), rows.line_num)


class _TextColumn:
    """Collects text values in chunks of numpy text arrays, so a million of them stay compact."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        self.chunks: list[TextArray] = []

    def append(self, value: str) -> None:
        self.pending.append(value)
        if len(self.pending) >= _CHUNK:
            self.chunks.append(text_array(self.pending))
            self.pending = []

    def finish(self) -> TextArray:
        self.chunks.append(text_array(self.pending))
        return np.concatenate(self.chunks) if len(self.chunks) > 1 else self.chunks[0]


class _Builder:
    """Accumulates sections as rows arrive, checking each row against what came before."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.section = ""
        self.meta: dict[str, str] = {}
        self.meta_lines: dict[str, int] = {}
        self.project_columns: list[str] = []
        self.projects: list[Project] = []
        self.index: dict[str, int] = {}
        self.vote_columns: list[str] = []
        self.vote_type = "approval"
        self.limits = VoteLimits()
        self.costs: list[float] = []
        self.offsets = array("q", [0])
        self.entries = array("i")
        self.points = array("d")
        self.voter_ids = _TextColumn()
        self.extra: dict[str, _TextColumn] = {}
        self.vote_positions: tuple[int, int, int | None] = (0, 0, None)
        self.vote_lines = array("i")

    def error(self, problem: str, line: int | None) -> PBError:
        return PBError(problem, self.source, line)

    def start(self, name: str, header: list[str], line: int) -> None:
        if self.section == "votes":
            raise self.error(f"section {name.upper()} after the VOTES section", line - 1)
        expected = SECTIONS[SECTIONS.index(self.section) + 1] if self.section else "meta"
        if name != expected:
            raise self.error(f"section {name.upper()} where {expected.upper()} was expected", line - 1)
        if len(set(header)) != len(header):
            raise self.error(f"repeated column name in the {name.upper()} header", line)
        if name == "projects":
            self.close_meta(line)
            self.require(header, ("project_id", "cost"), name, line)
            self.project_columns = header
        elif name == "votes":
            needed = ("voter_id", "vote", "points") if self.vote_type in POINTS_VOTE_TYPES else ("voter_id", "vote")
            self.require(header, needed, name, line)
            self.vote_columns = header
            points = header.index("points") if self.vote_type in POINTS_VOTE_TYPES else None
            self.vote_positions = (header.index("voter_id"), header.index("vote"), points)
            self.extra = {c: _TextColumn() for i, c in enumerate(header) if i not in self.vote_positions}
            self.costs = [float(p.cost) for p in self.projects]
        self.section = name

    def require(self, header: list[str], needed: tuple[str, ...], name: str, line: int) -> None:
        for column in needed:
            if column not in header:
                raise self.error(f"the {name.upper()} header has no {column!r} column", line)

    def close_meta(self, line: int) -> None:
        """Check the META section once it is complete: vote type, budget and ballot limits."""
        self.vote_type = self.meta.get("vote_type", "approval").strip()
        if self.vote_type not in VOTE_TYPES:
            raise self.error(
                f"unknown vote_type {self.vote_type!r} (expected one of {', '.join(VOTE_TYPES)})",
                self.meta_lines.get("vote_type"),
            )
        if "budget" not in self.meta:
            raise self.error("META has no 'budget'", line - 1)
        if parse_amount(self.meta["budget"], "budget", self.source, self.meta_lines["budget"]) == 0:
            raise self.error("budget is zero", self.meta_lines["budget"])
        self.limits = VoteLimits.from_meta(self.meta, self.vote_type, self.source, self.meta_lines)

    def add(self, row: list[str], line: int) -> None:
        if self.section == "meta":
            self.add_meta(row, line)
        elif self.section == "projects":
            self.add_project(row, line)
        elif self.section == "votes":
            self.add_vote(row, line)
        else:
            raise self.error("data before the META section", line)

    def add_meta(self, row: list[str], line: int) -> None:
        if len(row) != 2:
            raise self.error(f"a META row needs 2 fields (key;value), found {len(row)}", line)
        key = row[0].strip()
        if key in self.meta:
            raise self.error(f"META key {key!r} given twice", line)
        self.meta[key] = row[1]
        self.meta_lines[key] = line

    def check_width(self, row: list[str], header: list[str], name: str, line: int) -> None:
        if len(row) != len(header):
            raise self.error(f"a {name} row needs {len(header)} fields, found {len(row)}", line)

    def add_project(self, row: list[str], line: int) -> None:
        self.check_width(row, self.project_columns, "PROJECTS", line)
        fields = dict(zip(self.project_columns, row, strict=True))
        project_id = fields["project_id"].strip()
        if not project_id:
            raise self.error("empty project_id", line)
        if project_id in self.index:
            raise self.error(f"duplicate project id {project_id!r}", line)
        cost = parse_amount(fields["cost"], f"cost of project {project_id!r}", self.source, line)
        self.index[project_id] = len(self.projects)
        self.projects.append(Project(project_id, cost, fields, line))

    def add_vote(self, row: list[str], line: int) -> None:
        self.check_width(row, self.vote_columns, "VOTES", line)
        id_at, vote_at, points_at = self.vote_positions
        voter_id = row[id_at].strip()
        vote = row[vote_at].strip()
        names = [name.strip() for name in vote.split(",")] if vote else []
        try:
            chosen = [self.index[name] for name in names]
        except KeyError as missing:
            raise self.error(f"vote for unknown project {missing.args[0]!r}", line) from None
        if len(set(chosen)) != len(chosen):
            raise self.error("the same project appears twice on one ballot", line)
        points = None if points_at is None else self.parse_points(row[points_at], len(chosen), line)
        problem = self.limits.check(len(chosen), sum(self.costs[i] for i in chosen), points)
        if problem:
            raise self.error(f"voter {voter_id!r}: {problem}", line)
        self.entries.extend(chosen)
        if points is not None:
            self.points.extend(points)
        self.offsets.append(len(self.entries))
        self.voter_ids.append(voter_id)
        self.vote_lines.append(line)
        for i, column in enumerate(self.vote_columns):
            if i not in self.vote_positions:
                self.extra[column].append(row[i])

    def parse_points(self, text: str, expected: int, line: int) -> list[float]:
        try:
            points = [float(x) for x in text.split(",")] if text.strip() else []
        except ValueError:
            raise self.error(f"points {text!r} are not numbers", line) from None
        if len(points) != expected:
            raise self.error(f"{len(points)} points for {expected} projects", line)
        if any(not np.isfinite(x) for x in points):
            raise self.error(f"points {text!r} are not finite numbers", line)
        return points

    def finish(self, layout: Layout, last_line: int) -> Election:
        missing = SECTIONS[SECTIONS.index(self.section) + 1 :] if self.section else list(SECTIONS)
        if missing:
            raise self.error(f"missing section {missing[0].upper()} (truncated file?)", last_line or None)
        n_voters = len(self.offsets) - 1
        self.check_count("num_projects", len(self.projects), last_line)
        self.check_count("num_votes", n_voters, last_line)
        voter_ids = self.voter_ids.finish()
        self.check_unique_voters(voter_ids)
        ballots = Ballots(
            offsets=np.frombuffer(self.offsets, dtype=np.int64).copy(),
            projects=np.frombuffer(self.entries, dtype=np.int32).copy(),
            points=None if self.vote_positions[2] is None else np.frombuffer(self.points, dtype=np.float64).copy(),
            voter_ids=voter_ids,
            columns={name: column.finish() for name, column in self.extra.items()},
        )
        return Election(
            meta=self.meta,
            project_columns=self.project_columns,
            projects=self.projects,
            vote_columns=self.vote_columns,
            ballots=ballots,
            source=self.source,
            meta_lines=self.meta_lines,
            layout=layout,
        )

    def check_unique_voters(self, voter_ids: TextArray) -> None:
        order = np.argsort(voter_ids, kind="stable")
        repeated = np.flatnonzero(voter_ids[order][1:] == voter_ids[order][:-1])
        if len(repeated):
            second = int(order[repeated[0] + 1])
            raise self.error(f"duplicate voter id {voter_ids[second]!r}", self.vote_lines[second])

    def check_count(self, key: str, found: int, last_line: int) -> None:
        """META counts must match the sections; a shortfall usually means a truncated file."""
        text = self.meta.get(key, "").strip()
        if text and text != str(found):
            raise self.error(f"META {key} is {text} but the file has {found} (truncated file?)", last_line)


def write(election: Election, path: str | os.PathLike[str]) -> None:
    """Write ``election`` as a pabulib file; gzipped when ``path`` ends in ``.gz``."""
    target = os.fspath(path)
    binary = gzip.GzipFile(target, "wb") if target.endswith(".gz") else open(target, "wb")  # noqa: SIM115
    with io.TextIOWrapper(binary, encoding="utf-8", newline="") as text:
        dump(election, text)


def dumps(election: Election) -> str:
    """The pabulib text of ``election``."""
    buffer = io.StringIO(newline="")
    dump(election, buffer)
    return buffer.getvalue()


def dump(election: Election, stream: IO[str]) -> None:
    """Write ``election`` to a text stream opened with ``newline=''``."""
    layout = election.layout
    held = _HoldLastNewline(stream, layout.newline, layout.trailing_newline)
    writer = csv.writer(held, delimiter=";", quotechar='"', lineterminator=layout.newline)
    writer.writerows(_rows(election))
    held.close()


class _HoldLastNewline:
    """A write-through stream that drops the final newline when the original file had none."""

    def __init__(self, stream: IO[str], newline: str, keep_last: bool) -> None:
        self.stream = stream
        self.newline = newline
        self.keep_last = keep_last
        self.pending = ""

    def write(self, text: str) -> int:
        self.stream.write(self.pending)
        self.pending = text
        return len(text)

    def close(self) -> None:
        last = self.pending
        if not self.keep_last and last.endswith(self.newline):
            last = last[: -len(self.newline)]
        self.stream.write(last)


def _rows(election: Election) -> Iterator[list[str]]:
    yield ["META"]
    yield ["key", "value"]
    yield from ([key, value] for key, value in election.meta.items())
    yield ["PROJECTS"]
    yield election.project_columns
    yield from ([p.fields[c] for c in election.project_columns] for p in election.projects)
    yield ["VOTES"]
    yield election.vote_columns
    yield from _vote_rows(election)


def _vote_rows(election: Election) -> Iterator[list[str]]:
    ballots = election.ballots
    ids = election.project_ids
    offsets = ballots.offsets.tolist()
    entries = ballots.projects.tolist()
    points = ballots.points.tolist() if ballots.points is not None else None
    columns = [ballots.columns.get(c) for c in election.vote_columns]
    for v in range(ballots.n_voters):
        start, end = offsets[v], offsets[v + 1]
        row = []
        for name, column in zip(election.vote_columns, columns, strict=True):
            if name == "voter_id":
                row.append(str(ballots.voter_ids[v]))
            elif name == "vote":
                row.append(",".join(ids[i] for i in entries[start:end]))
            elif name == "points" and points is not None:
                row.append(",".join(_number(x) for x in points[start:end]))
            else:
                assert column is not None
                row.append(str(column[v]))
        yield row


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else repr(value)
