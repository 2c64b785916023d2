"""In-memory model of one participatory-budgeting election (a pabulib file).

Ballots are stored column-wise in compressed-sparse-row form (``offsets`` into flat numpy arrays of
project indices and points) so that a million voters take a few tens of megabytes and every tally
is one vectorised numpy call. Every field of the file is kept as text next to its parsed value so
that writing the election back reproduces the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from remacto.pb.errors import PBError, PBWarning

IntArray = npt.NDArray[np.int64]
IndexArray = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
TextArray = npt.NDArray[Any]
"""A numpy array of ``StringDType`` (variable-length text, compact for short strings)."""

VOTE_TYPES = ("approval", "ordinal", "cumulative", "scoring", "choose-1")
POINTS_VOTE_TYPES = ("cumulative", "scoring")
TEXT_DTYPE = np.dtypes.StringDType()


def text_array(values: Sequence[str]) -> TextArray:
    """A compact numpy text array holding ``values``."""
    return np.array(values, dtype=TEXT_DTYPE)


class TextColumn:
    """The text values of one VOTES column (voter ids, age, ...), one per voter.

    While a file is read the values are collected as a few long strings (blocks of values joined
    by NUL, a character no parsed CSV field holds), which is compact and cheap; the first access
    turns them into one numpy text array. Most computations never look at these columns.
    """

    SEPARATOR = "\0"

    def __init__(self, blocks: list[str] | None = None, values: TextArray | None = None) -> None:
        self._blocks = blocks or []
        self._values = values

    @classmethod
    def of(cls, values: Sequence[str] | TextArray) -> TextColumn:
        return cls(values=np.asarray(values, dtype=TEXT_DTYPE))

    @property
    def values(self) -> TextArray:
        if self._values is None:
            parts = [text_array(block.split(self.SEPARATOR)) for block in self._blocks]
            self._values = np.concatenate(parts) if parts else text_array([])
            self._blocks = []
        return self._values

    def __getitem__(self, key: Any) -> Any:
        return self.values[key]

    def __len__(self) -> int:
        return len(self.values)

    def tolist(self) -> list[str]:
        return [str(value) for value in self.values]


@dataclass(frozen=True)
class Project:
    """One row of the PROJECTS section: its id, parsed cost and every column as written."""

    id: str
    cost: Fraction
    fields: dict[str, str]
    line: int = 0


@dataclass(frozen=True)
class Ballots:
    """All ballots of an election in CSR form.

    Voter ``v`` voted for ``projects[offsets[v]:offsets[v + 1]]`` (indices into the election's
    project list, in the order written on the ballot, which is the preference order for ordinal
    ballots) with ``points[offsets[v]:offsets[v + 1]]`` for cumulative and scoring ballots.
    ``columns`` holds the other VOTES columns (age, sex, ...) as text, one entry per voter.
    """

    offsets: IntArray
    projects: IndexArray
    points: FloatArray | None
    voter_ids: TextColumn
    columns: dict[str, TextColumn] = field(default_factory=dict)

    @property
    def n_voters(self) -> int:
        return len(self.offsets) - 1

    def lengths(self) -> IntArray:
        """Number of projects on each ballot."""
        return np.diff(self.offsets)

    def voter_of_entry(self) -> IntArray:
        """For each entry of ``projects``, the index of the voter whose ballot holds it."""
        return np.repeat(np.arange(self.n_voters, dtype=np.int64), self.lengths())

    def position_of_entry(self) -> IntArray:
        """For each entry of ``projects``, its 0-based position on its ballot."""
        starts = np.repeat(self.offsets[:-1], self.lengths())
        return np.arange(len(self.projects), dtype=np.int64) - starts


@dataclass(frozen=True)
class Layout:
    """How the file was written, so that writing it back gives the same bytes."""

    newline: str = "\n"
    trailing_newline: bool = True


@dataclass
class Election:
    """A parsed election: META, PROJECTS and VOTES with the parsed budget and vote type."""

    meta: dict[str, str]
    project_columns: list[str]
    projects: list[Project]
    vote_columns: list[str]
    ballots: Ballots
    source: str = ""
    meta_lines: dict[str, int] = field(default_factory=dict)
    layout: Layout = field(default_factory=Layout)
    warnings: list[PBWarning] = field(default_factory=list)
    """Ballots that break the file's own rules but were counted as cast (see :mod:`remacto.pb.pabulib`)."""

    @property
    def budget(self) -> Fraction:
        return parse_amount(self.meta["budget"], "budget", self.source, self.meta_lines.get("budget"))

    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval")

    @property
    def project_ids(self) -> list[str]:
        return [p.id for p in self.projects]

    def index_of(self, project_id: str) -> int:
        """Position of ``project_id`` in the project list, or a ``PBError`` naming it."""
        for i, project in enumerate(self.projects):
            if project.id == project_id:
                return i
        raise PBError(f"no project with id {project_id!r}", self.source)

    def costs(self) -> FloatArray:
        return np.array([float(p.cost) for p in self.projects], dtype=np.float64)

    @classmethod
    def build(
        cls,
        budget: int | str | Fraction,
        costs: Mapping[str, int | str | Fraction],
        ballots: Sequence[Sequence[str]],
        vote_type: str = "approval",
        points: Sequence[Sequence[float]] | None = None,
        meta: Mapping[str, str] | None = None,
    ) -> Election:
        """An election from plain Python data (used by tests and the synthetic benchmark)."""
        index = {pid: i for i, pid in enumerate(costs)}
        flat = [index[pid] for ballot in ballots for pid in ballot]
        offsets = np.zeros(len(ballots) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in ballots], out=offsets[1:])
        flat_points = None
        if points is not None:
            flat_points = np.array([x for row in points for x in row], dtype=np.float64)
        all_meta = {
            "description": "built in memory",
            "num_projects": str(len(costs)),
            "num_votes": str(len(ballots)),
            "budget": str(budget),
            "vote_type": vote_type,
            **(meta or {}),
        }
        projects = [Project(pid, Fraction(cost), {"project_id": pid, "cost": str(cost)}) for pid, cost in costs.items()]
        return cls(
            meta=all_meta,
            project_columns=["project_id", "cost"],
            projects=projects,
            vote_columns=["voter_id", "vote"] + (["points"] if points is not None else []),
            ballots=Ballots(
                offsets=offsets,
                projects=np.array(flat, dtype=np.int32),
                points=flat_points,
                voter_ids=TextColumn.of([str(v + 1) for v in range(len(ballots))]),
            ),
        )


def parse_amount(text: str, what: str, source: str = "", line: int | None = None) -> Fraction:
    """Parse a cost or budget written as a decimal number (``1607513.56``, ``100000.0``, ``1e6``)."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise PBError(f"{what} {text!r} is not a number", source, line) from None
    if value < 0:
        raise PBError(f"{what} {text!r} is negative", source, line)
    return value
