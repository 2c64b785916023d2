"""Greedy rules: take projects by decreasing score while the budget allows.

* ``greedy``: go down the ranking and take every project that still fits (skipping those that do not).
* ``greedy-no-skip``: stop at the first project that does not fit.
* ``greedy-threshold``: like ``greedy``, and the file must give the META key
  ``min_project_score_threshold``. Projects scoring below it are never taken, with every rule:
  files name the threshold with ``greedy`` or ``greedy-no-skip`` too.

The score is the vote count (approval, choose-1), the sum of points (cumulative, scoring) or the
positional points (ordinal), see :mod:`remacto.pb.tally`. Projects nobody voted for are never
taken. Equal scores are ordered by the tie-breaking. Budget arithmetic is exact.
"""

from __future__ import annotations

from remacto.pb.errors import PBError
from remacto.pb.model import Election
from remacto.pb.result import GreedyStep, Outcome
from remacto.pb.tally import score_threshold, scores
from remacto.pb.ties import Tie, TieBreaking

GREEDY_RULES = ("greedy", "greedy-no-skip", "greedy-threshold")


def greedy(election: Election, rule: str = "greedy", tie_breaking: TieBreaking | None = None) -> Outcome:
    """Run one of ``GREEDY_RULES`` on ``election``."""
    if rule not in GREEDY_RULES:
        raise PBError(f"unknown greedy rule {rule!r}", election.source)
    tie_breaking = tie_breaking or TieBreaking()
    score = scores(election).tolist()
    rank = tie_breaking.rank(election).tolist()
    threshold = score_threshold(election, required=rule == "greedy-threshold")
    order = sorted(range(len(election.projects)), key=lambda i: (-score[i], rank[i]))
    budget = election.budget
    left = budget
    selected: list[str] = []
    steps: dict[str, GreedyStep] = {}
    stopped = False
    for position, i in enumerate(order):
        project = election.projects[i]
        if stopped:
            status = "not-reached"
        elif score[i] <= 0:
            status = "no-votes"
        elif threshold is not None and score[i] < threshold:
            status = "below-threshold"
        elif project.cost <= left:
            status = "selected"
        else:
            status = "no-room"
            stopped = rule == "greedy-no-skip"
        steps[project.id] = GreedyStep(position, left, status)
        if status == "selected":
            left -= project.cost
            selected.append(project.id)
    return Outcome(
        rule=rule,
        completion="none",
        selected=selected,
        budget=budget,
        total_cost=budget - left,
        tie_breaking=tie_breaking,
        exact=True,
        ties=_score_ties(election, order, score),
        greedy_steps=steps,
    )


def _score_ties(election: Election, order: list[int], score: list[float]) -> list[Tie]:
    """Groups of consecutive projects with equal scores, in the order tie-breaking put them."""
    ties: list[Tie] = []
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or score[order[end]] != score[order[start]]:
            if end - start > 1 and score[order[start]] > 0:
                ids = tuple(election.projects[i].id for i in order[start:end])
                ties.append(Tie(start, ids, ids[0]))
            start = end
    return ties
