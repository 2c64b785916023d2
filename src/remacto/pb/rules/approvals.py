"""Approval ballots grouped for the Method of Equal Shares.

Voters with identical ballots always hold identical budgets under MES, so they are merged into one
group with a weight (the number of such voters). Supporters are then listed per project (CSR by
project) as group indices, which is the access pattern MES needs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from remacto.pb.errors import PBError
from remacto.pb.model import Election, IntArray

APPROVAL_VOTE_TYPES = ("approval", "choose-1")


@dataclass(frozen=True)
class GroupedApprovals:
    """``weights[g]`` voters share ballot ``g``; project ``c`` is approved by groups
    ``supporters[offsets[c]:offsets[c + 1]]``, ``support[c]`` voters in all."""

    n_voters: int
    weights: IntArray
    offsets: IntArray
    supporters: IntArray
    support: IntArray

    def of(self, project: int) -> IntArray:
        return self.supporters[self.offsets[project] : self.offsets[project + 1]]


def group_approvals(election: Election) -> GroupedApprovals:
    """Merge identical ballots of an approval election and list each project's supporters."""
    if election.vote_type not in APPROVAL_VOTE_TYPES:
        raise PBError(
            f"the Method of Equal Shares is implemented for approval ballots, not {election.vote_type!r}",
            election.source,
            election.meta_lines.get("vote_type"),
        )
    ballots = election.ballots
    n, m = ballots.n_voters, len(election.projects)
    voter = ballots.voter_of_entry()
    project = ballots.projects.astype(np.int64)
    width = (m + 7) // 8
    keys = np.zeros(n * width, dtype=np.uint8)
    # Bits of one ballot never collide (no project twice on a ballot), so adding sets them.
    np.add.at(keys, voter * width + (project >> 3), (1 << (project & 7)).astype(np.uint8))
    rows = keys.view(np.dtype((np.void, width))) if width else np.zeros(n, dtype=np.int8)
    _, first, group, weights = np.unique(rows, return_index=True, return_inverse=True, return_counts=True)
    group = group.ravel()
    kept = first[group[voter]] == voter
    by_project = np.argsort(project[kept], kind="stable")
    support = np.bincount(project, minlength=m).astype(np.int64)
    offsets = np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(project[kept], minlength=m), out=offsets[1:])
    return GroupedApprovals(
        n_voters=n,
        weights=weights.astype(np.int64),
        offsets=offsets,
        supporters=group[voter[kept]][by_project].astype(np.int64),
        support=support,
    )
