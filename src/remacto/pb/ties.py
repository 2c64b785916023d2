"""Tie-breaking: an explicit, configurable order used whenever a rule faces equal candidates.

A tie-breaking is a sequence of keys applied in turn; the order of the projects in the file always
decides last, so the order is total and every computation is reproducible. The keys are recorded
with each outcome, together with every tie that actually had to be broken.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from remacto.pb.errors import require_known
from remacto.pb.model import Election, IntArray
from remacto.pb.tally import scores

TIE_KEYS = {
    "lower-cost": "cheaper project first",
    "higher-cost": "more expensive project first",
    "more-votes": "project with the higher score (votes or points) first",
    "fewer-votes": "project with the lower score first",
    "id": "project id in alphabetical order",
    "file-order": "order of the PROJECTS section",
}
DEFAULT_KEYS = ("lower-cost", "more-votes", "file-order")


@dataclass(frozen=True)
class TieBreaking:
    """Keys applied in order to rank tied projects (see ``TIE_KEYS``)."""

    keys: tuple[str, ...] = DEFAULT_KEYS

    @classmethod
    def parse(cls, text: str) -> TieBreaking:
        """A tie-breaking from a comma-separated list of keys, e.g. ``lower-cost,more-votes``."""
        keys = tuple(k.strip() for k in text.split(",") if k.strip())
        for key in keys:
            require_known("tie-breaking key", key, TIE_KEYS)
        return cls(keys if keys[-1:] == ("file-order",) else (*keys, "file-order"))

    def rank(self, election: Election) -> IntArray:
        """``rank[i]`` is project ``i``'s place in the tie-breaking order (0 wins every tie)."""
        score = scores(election)
        projects = election.projects

        def key(i: int) -> tuple[object, ...]:
            parts: dict[str, object] = {
                "lower-cost": projects[i].cost,
                "higher-cost": -projects[i].cost,
                "more-votes": -score[i],
                "fewer-votes": score[i],
                "id": projects[i].id,
                "file-order": i,
            }
            return tuple(parts[k] for k in self.keys)

        order = sorted(range(len(projects)), key=key)
        rank = np.empty(len(projects), dtype=np.int64)
        rank[order] = np.arange(len(projects))
        return rank


@dataclass(frozen=True)
class Tie:
    """A tie the rule had to break: at ``step``, ``candidates`` were equal and ``chosen`` won."""

    step: int
    candidates: tuple[str, ...]
    chosen: str
