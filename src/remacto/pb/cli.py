"""The ``remacto-pb`` command: compute, check and explain participatory-budgeting outcomes.

Every problem with an input file or option is reported as one line ``FILE:LINE: problem`` on
standard error with a non-zero exit status (2; ``check`` exits 1 when the outcome differs).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from fractions import Fraction

from remacto.pb import pabulib
from remacto.pb.errors import PBError
from remacto.pb.explain import explain, money
from remacto.pb.groups import compute_by_group
from remacto.pb.model import Election, parse_amount
from remacto.pb.result import ComparisonResult, Outcome
from remacto.pb.rules import RULES, RuleChoice, compute
from remacto.pb.rules.comparison import COMPARISONS
from remacto.pb.rules.mes import COMPLETIONS, UTILITIES
from remacto.pb.ties import TIE_KEYS, TieBreaking

SKIPPED, MISMATCH, FAILURE = -1, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        choice = RuleChoice(
            rule=args.rule,
            completion=args.completion,
            exact=args.exact,
            utilities=args.utilities,
            tie_breaking=TieBreaking.parse(args.tie_breaking) if args.tie_breaking else None,
            comparison=args.comparison,
        )
        choice.validate()
        budgets = _group_budgets(args.group_budget)
    except PBError as error:
        print(f"remacto-pb: {error.problem}", file=sys.stderr)
        return FAILURE
    command: Callable[[str, RuleChoice, argparse.Namespace, dict[str, Fraction]], int] = args.run
    status, done = 0, 0
    for path in args.files:
        try:
            result = command(path, choice, args, budgets)
            done += result != SKIPPED
            status = max(status, result)
        except PBError as error:
            print(error.located(path), file=sys.stderr)
            status = FAILURE
        except Exception as error:  # a bug must still give one line, not a traceback
            print(f"{path}: internal error: {error.__class__.__name__}: {error}", file=sys.stderr)
            status = FAILURE
    if done == 0 and status == 0:
        print("remacto-pb: no file could be checked", file=sys.stderr)
        return FAILURE
    return max(status, 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="remacto-pb", description="Participatory-budgeting rules on pabulib files.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    for name, run, help_text in (
        ("compute", _compute, "print one JSON line per file with the selected projects"),
        ("check", _check, "compare the computed winners with the file's 'selected' column"),
        ("explain", _explain, "explain why projects were or were not selected"),
    ):
        sub = commands.add_parser(name, help=help_text)
        sub.set_defaults(run=run)
        sub.add_argument("files", nargs=1 if name == "explain" else "+", metavar="FILE")
        sub.add_argument("--rule", default="file", help=f"one of {', '.join(RULES)} (default: the file's rule)")
        sub.add_argument("--completion", help=f"for mes: one of {', '.join(COMPLETIONS)}")
        sub.add_argument("--exact", action="store_true", help="compute with exact fractions")
        sub.add_argument(
            "--utilities",
            help=f"for mes: one of {', '.join(UTILITIES)} (default: cost on approval ballots, else points)",
        )
        sub.add_argument(
            "--comparison", help=f"for mes: one of {', '.join(COMPARISONS)} (default: as the file's rule says)"
        )
        sub.add_argument("--tie-breaking", help=f"comma-separated keys among {', '.join(TIE_KEYS)}")
        sub.add_argument("--split-by", help="PROJECTS column giving separate budgets (district, category)")
        sub.add_argument(
            "--group-budget", action="append", default=[], metavar="VALUE=AMOUNT", help="budget of one group"
        )
        sub.add_argument("--strict", action="store_true", help="refuse a file with ballots that break its own limits")
        if name == "explain":
            sub.add_argument("--project", help="only this project id")
            sub.add_argument("--json", action="store_true", help="print JSON instead of text")
    return parser


def _group_budgets(items: list[str]) -> dict[str, Fraction]:
    budgets = {}
    for item in items:
        value, sep, amount = item.rpartition("=")
        if not sep:
            raise PBError(f"--group-budget {item!r} is not VALUE=AMOUNT")
        budgets[value] = parse_amount(amount, f"budget of group {value!r}")
    return budgets


def _outcome(election: Election, choice: RuleChoice, args: argparse.Namespace, budgets: dict[str, Fraction]) -> Outcome:
    if args.split_by:
        return compute_by_group(election, args.split_by, budgets, choice)
    return compute(election, choice)


def _read(path: str, args: argparse.Namespace) -> Election:
    """Read ``path``; each ballot counted despite breaking the file's rules is one line on stderr."""
    election = pabulib.read(path, strict=args.strict)
    for warning in election.warnings:
        print(warning, file=sys.stderr)
    if election.warnings:
        count = len(election.warnings)
        print(
            f"{path}: {count} ballot{'s' * (count != 1)} break the file's own rules and "
            "were counted as cast (--strict refuses them)",
            file=sys.stderr,
        )
    return election


def _comparison(result: ComparisonResult | None) -> dict[str, object] | None:
    return None if result is None else {**vars(result), "switched": result.switched}


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def _compute(path: str, choice: RuleChoice, args: argparse.Namespace, budgets: dict[str, Fraction]) -> int:
    election = _read(path, args)
    started = time.perf_counter()
    outcome = _outcome(election, choice, args, budgets)
    seconds = time.perf_counter() - started
    line = {
        "file": path,
        "rule": outcome.rule,
        "completion": outcome.completion,
        "selected": outcome.selected,
        "total_cost": _number(outcome.total_cost),
        "budget": _number(outcome.budget),
        "comparison": _comparison(outcome.comparison),
        "seconds": round(seconds, 6),
    }
    print(json.dumps(line, ensure_ascii=False))
    return 0


def _check(path: str, choice: RuleChoice, args: argparse.Namespace, budgets: dict[str, Fraction]) -> int:
    election = _read(path, args)
    if "selected" not in election.project_columns:
        print(f"{path}: skipped (the PROJECTS section has no 'selected' column to check against)")
        return SKIPPED
    official = {p.id for p in election.projects if p.fields["selected"].strip() == "1"}
    outcome = _outcome(election, choice, args, budgets)
    computed = set(outcome.selected)
    name = f"{outcome.rule}" + (f"/{outcome.completion}" if outcome.completion != "none" else "")
    if outcome.comparison is not None:
        name += f", comparison by {outcome.comparison.measure}"
    if computed == official:
        warned = f"; {len(election.warnings)} ballots with warnings" if election.warnings else ""
        print(f"{path}: ok ({name}, {len(computed)} projects selected as in the file{warned})")
        return 0
    extra = ", ".join(sorted(computed - official)) or "none"
    missing = ", ".join(sorted(official - computed)) or "none"
    print(f"{path}: MISMATCH ({name}): computed but not in the file: {extra}; ", end="")
    print(f"in the file but not computed: {missing}")
    return MISMATCH


def _explain(path: str, choice: RuleChoice, args: argparse.Namespace, budgets: dict[str, Fraction]) -> int:
    election = _read(path, args)
    result = explain(election, choice)
    projects = result.projects
    if args.project is not None:
        election.index_of(args.project)
        projects = [p for p in projects if p.id == args.project]
    summary = result.summary
    if args.json:
        print(
            json.dumps(
                {
                    "file": path,
                    "rule": summary.rule,
                    "completion": summary.completion,
                    "budget": _number(summary.budget),
                    "total_cost": _number(summary.total_cost),
                    "budget_share_used": summary.budget_share_used,
                    "voters": summary.voters,
                    "voters_with_selected_share": summary.voters_with_selected_share,
                    "per_voter_budget": summary.per_voter_budget,
                    "comparison": _comparison(summary.comparison),
                    "projects": [
                        {
                            "id": p.id,
                            "name": p.name,
                            "cost": _number(p.cost),
                            "votes": p.votes,
                            "score": p.score,
                            "selected": p.selected,
                            "reason": p.reason,
                        }
                        for p in projects
                    ],
                },
                ensure_ascii=False,
            )
        )
        return 0
    rule = summary.rule + (f" with {summary.completion}" if summary.completion != "none" else "")
    print(f"{path}: {rule}; budget {money(summary.budget)}, used {money(summary.total_cost)}", end="")
    print(
        f" ({summary.budget_share_used:.1%}); {summary.voters_with_selected_share:.1%} of {summary.voters}",
        end="",
    )
    print(" voters have at least one selected project")
    if summary.per_voter_budget is not None:
        print(f"each voter's share of the money: {money(summary.per_voter_budget)}")
    if summary.comparison is not None:
        verdict = summary.comparison
        taken = "the greedy outcome was taken" if verdict.switched else "MES's outcome was kept"
        print(
            f"comparison step ({verdict.measure}): {verdict.prefer_greedy} voters prefer the greedy "
            f"outcome, {verdict.prefer_mes} MES's; {taken}"
        )
    for p in projects:
        label = f"{p.id} {p.name}".strip()
        print(f"- {label}: cost {money(p.cost)}, {p.votes} votes", end="")
        print(f", score {p.score:g}" if p.score != p.votes else "", end="")
        print(f"; {p.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
