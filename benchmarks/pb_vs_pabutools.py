"""Benchmark: the whole ``remacto-pb`` process against a whole pabutools 1.2.3 process, same file.

Each tool runs in its own subprocess, as a user meets it: start Python, import the library, read
the pabulib file (gunzipping it when needed), compute the Method of Equal Shares with cost
utilities (with the Add1 completion unless ``--completion none``) and print the winners. The wall
time of each process is measured from outside, the two sets of winners are asserted identical, and
the ratio is printed. pabutools comes from the optional ``bench`` extra (``pip install -e
'.[bench]'``); its MES with Add1 on Łódź 2022 takes minutes, so it runs once, remacto-pb
``--repeat`` times (best time kept).

Usage: python benchmarks/pb_vs_pabutools.py [FILE] [--completion add1|none] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
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


def run(command: list[str]) -> tuple[float, set[str], str]:
    """Wall time of one process, the winners it printed and its whole output line."""
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - started
    line = done.stdout.strip().splitlines()[-1]
    data = json.loads(line)
    return seconds, set(data["selected"] if isinstance(data, dict) else data), line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(LODZ))
    parser.add_argument("--completion", choices=("add1", "none"), default="add1")
    parser.add_argument("--repeat", type=int, default=5, help="runs of remacto-pb (the best is kept)")
    args = parser.parse_args()

    ours = [sys.executable, "-c", "import sys; from remacto.pb.cli import main; sys.exit(main())"]
    ours += ["compute", "--rule", "mes", "--completion", args.completion, "--utilities", "cost", args.file]
    results = [run(ours) for _ in range(args.repeat)]
    our_time = min(seconds for seconds, _, _ in results)
    our_winners = results[0][1]
    counted = json.loads(results[0][2])["seconds"]
    increment = "1" if args.completion == "add1" else "0"
    their_time, their_winners, _ = run([sys.executable, "-c", PABUTOOLS, args.file, increment])
    assert our_winners == their_winners, sorted(our_winners ^ their_winners)
    label = "MES + Add1" if args.completion == "add1" else "MES"
    print(f"{Path(args.file).name}, {label}: {len(our_winners)} identical winners")
    print(f"  pabutools 1.2.3 whole process: {their_time:.2f} s")
    print(f"  remacto-pb whole process:      {our_time:.3f} s (best of {args.repeat}; the count alone {counted:.3f} s)")
    print(f"  ratio: {their_time / our_time:.0f}x")


if __name__ == "__main__":
    main()
