"""Synthetic benchmark: the Method of Equal Shares with Add1 on 1,000,000 voters and 200 projects.

The election is random but shaped like a real city-wide vote: project popularity follows a Zipf-like
law, each voter approves 1 to 5 projects drawn by popularity, costs are log-normal (about 10,000 to
1,000,000) and the budget is a quarter of the total cost. The election is written to a ``.pb.gz``
file and read back (to measure streaming input), then MES with cost utilities and the Add1
completion is computed. Prints the wall and CPU seconds of each step (CPU time is what other work on
the machine does not inflate) and the process's peak memory (max RSS).

Usage: python benchmarks/pb_synthetic.py [--voters N] [--projects M] [--seed S]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

from remacto.pb import pabulib
from remacto.pb.model import Ballots, Election, Project, TextColumn
from remacto.pb.rules.mes import mes


def synthetic(voters: int, projects: int, seed: int) -> Election:
    """A random approval election (see the module docstring), built in chunks to bound memory."""
    rng = np.random.default_rng(seed)
    popularity = np.log(1.0 / np.arange(1, projects + 1) ** 0.8)
    lengths = rng.integers(1, 6, size=voters)
    chosen = []
    for start in range(0, voters, 10_000):
        rows = min(10_000, voters - start)
        keys = popularity + rng.gumbel(size=(rows, projects))  # Gumbel top-k: sampling without replacement
        top = np.argsort(-keys, axis=1)[:, :5]
        keep = np.arange(5) < lengths[start : start + rows, None]
        chosen.append(top[keep].astype(np.int32))
    offsets = np.zeros(voters + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    costs = np.round(np.exp(rng.normal(np.log(100_000), 0.8, size=projects)).clip(10_000, 1_000_000), -2)
    budget = int(costs.sum() // 4)
    project_list = [
        Project(f"p{i}", Fraction(int(c)), {"project_id": f"p{i}", "cost": str(int(c))}) for i, c in enumerate(costs)
    ]
    meta = {
        "description": "synthetic benchmark election",
        "num_projects": str(projects),
        "num_votes": str(voters),
        "budget": str(budget),
        "vote_type": "approval",
        "rule": "equalshares/add1",
    }
    ballots = Ballots(
        offsets=offsets,
        projects=np.concatenate(chosen),
        points=None,
        voter_ids=TextColumn.of([str(v) for v in range(voters)]),
    )
    return Election(meta, ["project_id", "cost"], project_list, ["voter_id", "vote"], ballots)


class Timer:
    """Wall and CPU seconds since it was started."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __str__(self) -> str:
        return f"{time.perf_counter() - self.wall:.2f} s wall, {time.process_time() - self.cpu:.2f} s CPU"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voters", type=int, default=1_000_000)
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()

    timer = Timer()
    generated = synthetic(args.voters, args.projects, args.seed)
    print(f"generate: {timer}, peak so far {peak_mb():.0f} MB")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.pb.gz"
        timer = Timer()
        pabulib.write(generated, path)
        print(f"write .pb.gz: {timer}, {path.stat().st_size / 1e6:.1f} MB on disk")
        del generated
        timer = Timer()
        election = pabulib.read(path)
        print(f"read .pb.gz: {timer}, peak so far {peak_mb():.0f} MB")
    for completion in ("none", "add1"):
        timer = Timer()
        outcome, _, _ = mes(election, completion)
        print(
            f"MES {completion}: {timer}, {len(outcome.selected)} projects, "
            f"{float(outcome.total_cost / outcome.budget):.1%} of the budget, "
            f"{outcome.add1_steps} Add1 steps, "
            f"peak so far {peak_mb():.0f} MB"
        )
    print(f"peak memory of the whole run (max RSS): {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
