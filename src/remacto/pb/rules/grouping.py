"""Ballots grouped for the Method of Equal Shares.

Voters with identical ballots always hold identical budgets under MES, so they are merged into one
group with a weight (the number of such voters). Supporters are then listed per project (CSR by
project) as group indices, which is the access pattern MES needs, each with the score its ballot
gives the project: 1 on approval and choose-1 ballots, the points on cumulative and scoring
ballots, the positional points (see :func:`remacto.pb.tally.position_points`) on ordinal ballots.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from remacto.pb.model import POINTS_VOTE_TYPES, Election, FloatArray, IntArray
from remacto.pb.tally import position_points

APPROVAL_VOTE_TYPES = ("approval", "choose-1")


@dataclass(frozen=True)
class GroupedBallots:
    """``weights[g]`` voters share ballot ``g``; project ``c`` is supported by groups
    ``supporters[offsets[c]:offsets[c + 1]]`` (``support[c]`` voters in all) with the scores
    ``scores[offsets[c]:offsets[c + 1]]`` (``None`` for approval ballots: every score is 1)."""

    n_voters: int
    weights: IntArray
    offsets: IntArray
    supporters: IntArray
    support: IntArray
    scores: FloatArray | None

    def of(self, project: int) -> IntArray:
        return self.supporters[self.offsets[project] : self.offsets[project + 1]]

    def scores_of(self, project: int) -> FloatArray | None:
        return None if self.scores is None else self.scores[self.offsets[project] : self.offsets[project + 1]]


def group_ballots(election: Election) -> GroupedBallots:
    """Merge identical ballots and list each project's supporters (with their scores)."""
    if election.vote_type in APPROVAL_VOTE_TYPES:
        return _group_approvals(election)
    return _group_scored(election)


def _group_approvals(election: Election) -> GroupedBallots:
    ballots = election.ballots
    n, m = ballots.n_voters, len(election.projects)
    voter = ballots.voter_of_entry()
    project = ballots.projects.astype(np.int64)
    width = (m + 7) // 8
    keys = np.zeros(n * width, dtype=np.uint8)
    # Bits of one ballot never collide (a project is on a ballot at most once), so adding sets them.
    np.add.at(keys, voter * width + (project >> 3), (1 << (project & 7)).astype(np.uint8))
    rows = keys.view(np.dtype((np.void, width))) if width else np.zeros(n, dtype=np.int8)
    _, first, group, weights = np.unique(rows, return_index=True, return_inverse=True, return_counts=True)
    group = group.ravel()
    kept = first[group[voter]] == voter
    by_project = np.argsort(project[kept], kind="stable")
    offsets = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(project[kept], minlength=m), out=offsets[1:])
    return GroupedBallots(
        n_voters=n,
        weights=weights.astype(np.int64),
        offsets=offsets,
        supporters=group[voter[kept]][by_project].astype(np.int64),
        support=np.bincount(project, minlength=m).astype(np.int64),
        scores=None,
    )


def _group_scored(election: Election) -> GroupedBallots:
    """Ballots with scores: two ballots form one group when they give every project the same score."""
    ballots = election.ballots
    n, m = ballots.n_voters, len(election.projects)
    if election.vote_type in POINTS_VOTE_TYPES and ballots.points is not None:
        score = ballots.points
    else:
        score = position_points(election)[ballots.position_of_entry()]
    project = ballots.projects.astype(np.int64)
    offsets = ballots.offsets.tolist()
    groups: dict[tuple[tuple[int, ...], tuple[float, ...]], int] = {}
    group = np.empty(n, dtype=np.int64)
    for v in range(n):
        a, b = offsets[v], offsets[v + 1]
        order = np.argsort(project[a:b])
        key = (tuple(project[a:b][order].tolist()), tuple(score[a:b][order].tolist()))
        group[v] = groups.setdefault(key, len(groups))
    weights = np.bincount(group, minlength=len(groups)).astype(np.int64)
    first = np.full(len(groups), n, dtype=np.int64)
    np.minimum.at(first, group, np.arange(n, dtype=np.int64))
    voter = ballots.voter_of_entry()
    kept = (first[group[voter]] == voter) & (score > 0)
    by_project = np.argsort(project[kept], kind="stable")
    project_offsets = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(project[kept], minlength=m), out=project_offsets[1:])
    return GroupedBallots(
        n_voters=n,
        weights=weights,
        offsets=project_offsets,
        supporters=group[voter[kept]][by_project],
        support=np.bincount(project[score > 0], minlength=m).astype(np.int64),
        scores=score[kept][by_project].astype(np.float64),
    )
