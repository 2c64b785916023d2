"""Benchmark: the whole ``remacto-pb`` process against a whole pabutools 1.2.3 process, same file.

Each tool runs in its own subprocess, as a user meets it: start Python, import the library, read
the pabulib file (gunzipping it when needed), compute the Method of Equal Shares with cost
utilities (with the Add1 completion unless ``--completion none``) and print the winners. The wall
time of each process is measured from outside, the two sets of winners are asserted identical, and
the ratio is printed, for wall time and for CPU time (user + system, which other work on the
machine does not inflate). pabutools comes from the optional ``bench`` extra (``pip install -e
'.[bench]'``); its MES with Add1 on Łódź 2022 takes minutes, so it runs once, remacto-pb
``--repeat`` times (best time kept).

Usage: python benchmarks/pb_vs_pabutools.py [FILE] [--completion add1|none] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LODZ = Path(__file__).resolve().parent.parent / "tests" / "data" / "pabulib" / "Poland_Lodz_2022.pb.gz"

PABUTOOLS = """
import gzip, json, sys
from pabutools.election import Cost_Sat
from pabutools.election.pabulib import parse_pabulib_from_string
from pabutools.rules import method_of_equal_shares

path, increment = sys.argv[1], (int(sys.argv[2]) or None)
with open(path, "rb") as raw:
    data = raw.read()
text = (gzip.decompress(data) if data[:2] == b"\\x1f\\x8b" else data).decode("utf-8")
instance, profile = parse_pabulib_from_string(text)
outcome = method_of_equal_shares(instance, profile, sat_class=Cost_Sat, voter_budget_increment=increment)
print(json.dumps(sorted(p.name for p in outcome)))
"""


@dataclass(frozen=True)
class Run:
    """One process: its wall time, its CPU time (user + system), the winners it printed, its output."""

    wall: float
    cpu: float
    winners: set[str]
    line: str


def run(command: list[str]) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    line = done.stdout.strip().splitlines()[-1]
    data = json.loads(line)
    return Run(wall, cpu, set(data["selected"] if isinstance(data, dict) else data), line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(LODZ))
    parser.add_argument("--completion", choices=("add1", "none"), default="add1")
    parser.add_argument("--repeat", type=int, default=5, help="runs of remacto-pb (the best is kept)")
    args = parser.parse_args()

    ours = [sys.executable, "-c", "import sys; from remacto.pb.cli import main; sys.exit(main())"]
    ours += ["compute", "--rule", "mes", "--completion", args.completion, "--utilities", "cost", args.file]
    increment = "1" if args.completion == "add1" else "0"
    theirs = run([sys.executable, "-c", PABUTOOLS, args.file, increment])
    results = [run(ours) for _ in range(args.repeat)]
    best = min(results, key=lambda r: r.wall)
    assert all(r.winners == theirs.winners for r in results), sorted(best.winners ^ theirs.winners)
    label = "MES + Add1" if args.completion == "add1" else "MES"
    counted = json.loads(best.line)["seconds"]
    print(f"{Path(args.file).name}, {label}: {len(best.winners)} identical winners")
    print(f"  pabutools 1.2.3 whole process: wall {theirs.wall:.2f} s, CPU {theirs.cpu:.2f} s")
    print(f"  remacto-pb whole process:      wall {best.wall:.3f} s, CPU {best.cpu:.3f} s", end="")
    print(f" (best of {args.repeat}; the count alone {counted:.3f} s)")
    print(f"  ratio: {theirs.wall / best.wall:.0f}x wall time, {theirs.cpu / best.cpu:.0f}x CPU time")


if __name__ == "__main__":
    main()
