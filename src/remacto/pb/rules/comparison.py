"""The comparison step of equalshares.net: MES's outcome against the greedy one, by a vote of the voters.

After MES (and its completion), the tool of equalshares.net computes the greedy outcome and asks,
voter by voter, which of the two outcomes the voter prefers; the greedy outcome replaces MES's
when more voters prefer it than prefer MES's (voters who like both equally do not count). pabulib
names outcomes counted this way ``equalshares-comparison`` and ``equalshares/add1-comparison``.

How a voter's preference is measured (``satisfaction``, the tool's default): the voter prefers the
outcome with more of the projects on their ballot (for ballots with points, the larger sum of the
points they gave to its projects). ``exclusion`` (the tool's ``exclusionRatio``): the voter prefers
an outcome that has at least one of their projects over one that has none.
"""

from __future__ import annotations

import numpy as np

from remacto.pb.model import POINTS_VOTE_TYPES, Election, FloatArray
from remacto.pb.result import ComparisonResult

COMPARISONS = ("none", "satisfaction", "exclusion")


def compare(election: Election, mes_selected: list[str], greedy_selected: list[str], measure: str) -> ComparisonResult:
    """Count the voters who prefer each outcome under ``measure`` (see the module docstring)."""
    mes_value = _satisfaction(election, mes_selected)
    greedy_value = _satisfaction(election, greedy_selected)
    if measure == "exclusion":
        mes_value, greedy_value = (mes_value > 0).astype(np.float64), (greedy_value > 0).astype(np.float64)
    return ComparisonResult(measure, int((mes_value > greedy_value).sum()), int((greedy_value > mes_value).sum()))


def _satisfaction(election: Election, selected: list[str]) -> FloatArray:
    """Per voter, the number of selected projects on their ballot (or the sum of their points)."""
    ballots = election.ballots
    chosen = np.zeros(len(election.projects), dtype=bool)
    chosen[[election.index_of(pid) for pid in selected]] = True
    hit = chosen[ballots.projects]
    points = ballots.points if election.vote_type in POINTS_VOTE_TYPES and ballots.points is not None else None
    weights = hit.astype(np.float64) if points is None else np.where(hit, points, 0.0)
    return np.bincount(ballots.voter_of_entry(), weights=weights, minlength=ballots.n_voters).astype(np.float64)
