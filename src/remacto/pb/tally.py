"""Per-project tallies of an election's ballots: vote counts and scores.

The score a greedy rule ranks by is the number of votes for approval and choose-1 ballots, the sum
of points for cumulative and scoring ballots, and positional points for ordinal ballots. Ordinal
points follow the file's ``scoring_fn`` META key: ``Borda`` (the default: with ``k`` positions,
``k`` points for the first, ``k - 1`` for the second, ..., where ``k`` is ``max_length`` or else the
longest ballot) or an explicit list of points per position such as ``3,2,1``.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from remacto.pb.errors import PBError
from remacto.pb.model import POINTS_VOTE_TYPES, Election, FloatArray, IntArray


def vote_counts(election: Election) -> IntArray:
    """Number of ballots naming each project."""
    return np.bincount(election.ballots.projects, minlength=len(election.projects)).astype(np.int64)


def scores(election: Election) -> FloatArray:
    """The score each project is ranked by (see the module docstring)."""
    ballots = election.ballots
    n = len(election.projects)
    if election.vote_type in POINTS_VOTE_TYPES and ballots.points is not None:
        return np.bincount(ballots.projects, weights=ballots.points, minlength=n).astype(np.float64)
    if election.vote_type == "ordinal":
        points = position_points(election)
        weights = points[ballots.position_of_entry()]
        return np.bincount(ballots.projects, weights=weights, minlength=n).astype(np.float64)
    return vote_counts(election).astype(np.float64)


def position_points(election: Election) -> FloatArray:
    """Points given to the project at each position of an ordinal ballot (index 0 = first choice)."""
    longest = int(election.ballots.lengths().max(initial=0))
    rule = election.meta.get("scoring_fn", "Borda").strip()
    line = election.meta_lines.get("scoring_fn")
    if rule.lower() == "borda":
        k = int(float(election.meta.get("max_length", "") or longest))
        points = np.arange(k, k - max(k, longest), -1, dtype=np.float64)
        return np.maximum(points, 0.0)
    try:
        given = [float(Fraction(x.strip())) for x in rule.split(",")]
    except (ValueError, ZeroDivisionError):
        problem = f"unknown scoring_fn {rule!r} (expected Borda or points per position)"
        raise PBError(problem, election.source, line) from None
    if len(given) < longest:
        problem = f"scoring_fn gives points for {len(given)} positions, ballots have {longest}"
        raise PBError(problem, election.source, line)
    return np.array(given, dtype=np.float64)


def score_threshold(election: Election, required: bool = False) -> Fraction | None:
    """The META ``min_project_score_threshold``: projects scoring less are never selected, whatever
    the rule. ``None`` when the file gives none (an error if ``required``, as for greedy-threshold)."""
    text = election.meta.get("min_project_score_threshold", "").strip()
    line = election.meta_lines.get("min_project_score_threshold", election.meta_lines.get("rule"))
    if not text or text.lower() == "none":
        if required:
            raise PBError("greedy-threshold needs META min_project_score_threshold", election.source, line)
        return None
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        problem = f"min_project_score_threshold {text!r} is not a number"
        raise PBError(problem, election.source, line) from None
