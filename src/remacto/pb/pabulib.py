"""Read and write pabulib files (``.pb``, or gzipped ``.pb.gz``).

A pabulib file has three ``;``-separated CSV sections: ``META`` (key;value), ``PROJECTS`` (one row
per project, at least ``project_id`` and ``cost``) and ``VOTES`` (one row per voter, at least
``voter_id`` and ``vote``, plus ``points`` for cumulative and scoring ballots). Reading streams
the file row by row into compact numpy arrays; every problem found becomes a :class:`PBError`
naming the file and line. Writing reproduces the original bytes for files written the usual way
(minimal CSV quoting, one newline style).
"""

from __future__ import annotations

import contextlib
import csv
import gc
import gzip
import io
import itertools
import os
from array import array
from collections.abc import Callable, Iterator
from typing import IO, Any

import numpy as np

from remacto.pb.errors import PBError, PBWarning
from remacto.pb.limits import VoteLimits
from remacto.pb.model import (
    POINTS_VOTE_TYPES,
    VOTE_TYPES,
    Ballots,
    Election,
    IntArray,
    Layout,
    Project,
    TextColumn,
    parse_amount,
)

SECTIONS = ("meta", "projects", "votes")
_CHUNK = 65536
_BLOCK_CHARS = 1 << 18


def read(path: str | os.PathLike[str], strict: bool = False) -> Election:
    """Parse the pabulib file at ``path`` (gzip is detected from its first bytes).

    Ballots that break the file's own limits or name a project twice are counted (the project
    once) and listed in ``Election.warnings``; with ``strict`` they are refused instead.
    """
    source = os.fspath(path)
    lines: _LineSource | None = None
    compressed = False
    try:
        with open(source, "rb") as raw:
            compressed = raw.read(2) == b"\x1f\x8b"
        with gzip.GzipFile(source, "rb") if compressed else open(source, "rb") as binary:
            lines = _LineSource(io.TextIOWrapper(binary, encoding="utf-8-sig", newline=""))
            return parse(lines, source, strict)
    except UnicodeDecodeError:
        raise PBError("the file is not valid UTF-8", source, _first_bad_line(source, compressed)) from None
    except EOFError:
        raise PBError("the compressed file is truncated", source, (lines.count if lines else 0) + 1) from None
    except (gzip.BadGzipFile, OSError) as error:
        raise PBError(f"cannot read the file ({error.__class__.__name__}: {error})", source) from None


def _first_bad_line(source: str, compressed: bool) -> int | None:
    """The number of the first line that is not valid UTF-8 (decoding runs in blocks, so look again)."""
    with gzip.GzipFile(source, "rb") if compressed else open(source, "rb") as binary:
        for number, line in enumerate(binary, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


def loads(text: str, source: str = "<string>", strict: bool = False) -> Election:
    """Parse a pabulib file held in a string."""
    return parse(_LineSource(io.StringIO(text.removeprefix("\ufeff"), newline="")), source, strict)


class _LineSource:
    """Lines of a text stream (with their line ends), noting their count, newline style and whether
    the last one ends; lines come one at a time (for the CSV reader) or in batches (for VOTES)."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0
        self.newline: str | None = None
        self.last = ""

    def _note(self, line: str) -> None:
        if self.newline is None and line.endswith("\n"):
            self.newline = "\r\n" if line.endswith("\r\n") else "\n"

    def __iter__(self) -> Iterator[str]:
        for line in self.stream:
            self.count += 1
            self._note(line)
            self.last = line
            yield line

    def blocks(self) -> Iterator[str]:
        """The rest of the stream in blocks of whole lines (the last block may lack its line end)."""
        rest = ""
        while data := self.stream.read(_BLOCK_CHARS):
            data = rest + data
            cut = data.rfind("\n") + 1
            rest = data[cut:]
            if cut:
                yield self._noted(data[:cut])
        if rest:
            yield self._noted(rest)

    def _noted(self, block: str) -> str:
        if self.newline is None:
            end = block.find("\n")
            if end >= 0:
                self.newline = "\r\n" if block[end - 1 : end] == "\r" else "\n"
        self.count += block.count("\n") + (not block.endswith("\n"))
        self.last = block[-2:]
        return block

    def layout(self) -> Layout:
        return Layout(newline=self.newline or "\n", trailing_newline=self.last.endswith("\n"))


def parse(lines: _LineSource, source: str, strict: bool = False) -> Election:
    """Parse the lines of a pabulib file: META and PROJECTS row by row with the CSV reader, then
    VOTES in batches (rows without quotes are split directly, which is what makes reading fast)."""
    rows = csv.reader(lines, delimiter=";", quotechar='"', strict=True)
    builder = _Builder(source, strict)
    try:
        for row in rows:
            if _is_blank(row):
                continue
            name = row[0].strip().lower()
            if len(row) == 1 and name in SECTIONS:
                header = next(rows, None)
                if header is None:
                    raise PBError(f"section {name.upper()} has no header line (truncated file?)", source, rows.line_num)
                builder.start(name, [h.strip() for h in header], rows.line_num)
                if name == "votes":
                    with _collector_paused():
                        builder.add_votes(lines)
                    break
            else:
                builder.add(row, rows.line_num)
    except csv.Error as error:
        raise PBError(f"malformed CSV ({error})", source, lines.count) from None
    return builder.finish(lines.layout(), lines.count)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the ballots are read: they create many short-lived
    strings and no reference cycles, and collections triggered by them only cost time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _is_blank(row: list[str]) -> bool:
    return not row or (len(row) == 1 and not row[0].strip())


class _TextCollector:
    """Collects the values of one VOTES column as NUL-joined blocks (see :class:`TextColumn`)."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.pending: list[str] = []

    def append(self, value: str) -> None:
        self.pending.append(value)
        if len(self.pending) >= _CHUNK:
            self.flush()

    def extend(self, values: list[str]) -> None:
        self.flush()
        if values:
            self.blocks.append(TextColumn.SEPARATOR.join(values))

    def flush(self) -> None:
        if self.pending:
            self.blocks.append(TextColumn.SEPARATOR.join(self.pending))
            self.pending = []

    def finish(self) -> TextColumn:
        self.flush()
        return TextColumn(blocks=self.blocks)


class _Builder:
    """Accumulates sections as rows arrive, checking each row against what came before."""

    def __init__(self, source: str, strict: bool = False) -> None:
        self.source = source
        self.strict = strict
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
        self.cost_array = np.zeros(0)
        self.offsets = array("q", [0])
        self.entries = array("i")
        self.points = array("d")
        self.voter_ids = _TextCollector()
        self.voter_hashes = array("q")
        self.extra: dict[str, _TextCollector] = {}
        self.vote_positions: tuple[int, int, int | None] = (0, 0, None)
        self.vote_lines = array("i")
        self.warnings: list[PBWarning] = []

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
            self.extra = {c: _TextCollector() for i, c in enumerate(header) if i not in self.vote_positions}
            self.costs = [float(p.cost) for p in self.projects]
            self.cost_array = np.array(self.costs, dtype=np.float64)
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

    def add_votes(self, lines: _LineSource) -> None:
        """Read the VOTES rows a block of lines at a time. A block without quotes is split directly;
        if anything in it needs a closer look (blank or short rows, a ballot to warn about), it goes
        through the row-by-row path, which says what is wrong; quotes send the rest of the file to
        the CSV reader (a quoted field may span lines)."""
        blocks = lines.blocks()
        for block in blocks:
            first = lines.count - block.count("\n") + block.endswith("\n")
            if '"' in block:
                text = io.StringIO(block + "".join(blocks), newline="")
                reader = csv.reader(text, delimiter=";", quotechar='"', strict=True)
                for row in reader:
                    self.add_vote_row(row, first + reader.line_num - 1)
                return
            body = block.replace("\r\n", "\n") if "\r" in block else block
            plain = body[:-1].split("\n") if body.endswith("\n") else body.split("\n")
            if not self.add_plain_rows(plain, first):
                for number, line in enumerate(plain, start=first):
                    self.add_vote_row(line.split(";"), number)

    def add_vote_row(self, row: list[str], line: int) -> None:
        if _is_blank(row):
            return
        if len(row) == 1 and row[0].strip().lower() in SECTIONS:
            self.start(row[0].strip().lower(), [], line + 1)
        self.add_vote(row, line)

    def add_plain_rows(self, rows: list[str], first: int) -> bool:
        """Add unquoted VOTES lines at once; ``False`` (nothing added) if any needs a closer look."""
        width = len(self.vote_columns)
        n = len(rows)
        if set(map(str.count, rows, itertools.repeat(";"))) != {width - 1}:
            return False
        fields = ";".join(rows).split(";")
        id_at, vote_at, points_at = self.vote_positions
        votes = fields[vote_at::width]
        chosen, lengths = self.split_lists(votes, self.index.__getitem__, np.int32)
        if chosen is None:
            return False
        voter = np.repeat(np.arange(n, dtype=np.int64), lengths)
        keys = np.sort(voter * len(self.projects) + chosen)  # a project twice on a ballot: equal neighbours
        if (keys[1:] == keys[:-1]).any():
            return False
        points = None
        sum_points = np.zeros(0)
        if points_at is not None:
            points, point_lengths = self.split_lists(fields[points_at::width], float, np.float64)
            if points is None or not np.array_equal(point_lengths, lengths) or not np.isfinite(points).all():
                return False
            sum_points = np.bincount(voter, weights=points, minlength=n).astype(np.float64)
        sum_costs = np.bincount(voter, weights=self.cost_array[chosen], minlength=n).astype(np.float64)
        if self.limits.any_broken(lengths, sum_costs, points, sum_points):
            return False
        self.entries.frombytes(chosen.tobytes())
        if points is not None:
            self.points.frombytes(points.tobytes())
        self.offsets.frombytes((np.cumsum(lengths) + self.offsets[-1]).tobytes())
        ids = list(map(str.strip, fields[id_at::width]))
        self.voter_ids.extend(ids)
        self.voter_hashes.frombytes(np.fromiter(map(hash, ids), dtype=np.int64, count=n).tobytes())
        self.vote_lines.extend(range(first, first + n))
        for i, column in enumerate(self.vote_columns):
            if i not in self.vote_positions:
                self.extra[column].extend(fields[i::width])
        return True

    @staticmethod
    def split_lists(texts: list[str], convert: Callable[[str], Any], dtype: type) -> tuple[Any, IntArray]:
        """The comma-separated items of all ``texts`` converted at once, and how many each text
        has; ``None`` for the items if one does not convert (the row-by-row path then says which)."""
        n = len(texts)
        lengths = np.fromiter(map(str.count, texts, itertools.repeat(",")), dtype=np.int64, count=n) + 1
        if "" in texts:  # empty ballots
            lengths[~np.fromiter(map(bool, texts), dtype=bool, count=n)] = 0
            joined = ",".join(t for t in texts if t)
        else:
            joined = ",".join(texts)
        items = joined.split(",") if joined else []
        try:
            return np.fromiter(map(convert, items), dtype=dtype, count=len(items)), lengths
        except (KeyError, ValueError):
            return None, lengths

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
        points = None if points_at is None else self.parse_points(row[points_at], len(chosen), line)
        problems = []
        if len(set(chosen)) != len(chosen):
            twice = sorted({names[i] for i, c in enumerate(chosen) if chosen.index(c) != i})
            problems.append(f"{', '.join(map(repr, twice))} appears twice on the ballot (counted once)")
            keep = [i for i, c in enumerate(chosen) if chosen.index(c) == i]
            chosen = [chosen[i] for i in keep]
            points = None if points is None else [points[i] for i in keep]
        limit = self.limits.check(len(chosen), sum(self.costs[i] for i in chosen), points)
        if limit:
            problems.append(limit)
        if problems:
            problem = "; ".join(problems)
            if self.strict:
                raise self.error(f"voter {voter_id!r}: {problem}", line)
            self.warnings.append(PBWarning(problem, self.source, line, voter_id))
        self.entries.extend(chosen)
        if points is not None:
            self.points.extend(points)
        self.offsets.append(len(self.entries))
        self.voter_ids.append(voter_id)
        self.voter_hashes.append(hash(voter_id))
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
            warnings=self.warnings,
        )

    def check_unique_voters(self, voter_ids: TextColumn) -> None:
        """Voter ids are compared through their hashes; the texts only when two hashes are equal."""
        hashes = np.frombuffer(self.voter_hashes, dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        for at in np.flatnonzero(hashes[order][1:] == hashes[order][:-1]):
            first, second = int(order[at]), int(order[at + 1])
            if voter_ids[first] == voter_ids[second]:
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
