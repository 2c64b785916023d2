"""Benchmark: remacto.pb against pabutools 1.2.3 on Łódź 2022 (90,494 voters, 160 projects).

Runs the Method of Equal Shares with cost utilities, alone and with the Add1 completion, in both
libraries in one process, asserts that they select the same projects and prints the times and
speed ratios. pabutools comes from the optional ``bench`` extra (``pip install -e '.[bench]'``).
remacto.pb times are the best of several runs and include grouping the ballots; neither side's
time includes parsing the file.

Usage: python benchmarks/pb_vs_pabutools.py [FILE] [--skip-add1]
"""

from __future__ import annotations

import argparse
import gzip
import time
from collections.abc import Callable
from pathlib import Path

from pabutools.election import Cost_Sat
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import method_of_equal_shares

from remacto.pb import pabulib
from remacto.pb.rules.mes import mes

LODZ = Path(__file__).resolve().parent.parent / "tests" / "data" / "pabulib" / "Poland_Lodz_2022.pb.gz"


def timed(run: Callable[[], set[str]], repeat: int = 1) -> tuple[float, set[str]]:
    """Best wall-clock time of ``repeat`` runs, and the winners of the last."""
    best = float("inf")
    winners: set[str] = set()
    for _ in range(repeat):
        started = time.perf_counter()
        winners = run()
        best = min(best, time.perf_counter() - started)
    return best, winners


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(LODZ))
    parser.add_argument("--skip-add1", action="store_true", help="only plain MES (pabutools Add1 takes minutes)")
    args = parser.parse_args()

    started = time.perf_counter()
    election = pabulib.read(args.file)
    print(f"remacto.pb read: {time.perf_counter() - started:.2f} s")
    started = time.perf_counter()
    raw = Path(args.file).read_bytes()
    text = (gzip.decompress(raw) if args.file.endswith(".gz") else raw).decode("utf-8")
    instance, profile = parse_pabulib_from_string(text)
    print(f"pabutools read: {time.perf_counter() - started:.2f} s")

    for completion in ("none",) if args.skip_add1 else ("none", "add1"):
        increment = None if completion == "none" else 1

        def ours(completion: str = completion) -> set[str]:
            return set(mes(election, completion)[0].selected)

        def theirs(increment: int | None = increment) -> set[str]:
            outcome = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=increment)
            return {p.name for p in outcome}

        our_time, our_winners = timed(ours, repeat=5)
        their_time, their_winners = timed(theirs)
        assert our_winners == their_winners, (sorted(our_winners ^ their_winners), completion)
        label = "MES" if completion == "none" else "MES+Add1"
        print(
            f"{label}: {len(our_winners)} identical winners; pabutools {their_time:.2f} s, "
            f"remacto.pb {our_time:.3f} s, ratio {their_time / our_time:.0f}x"
        )


if __name__ == "__main__":
    main()
