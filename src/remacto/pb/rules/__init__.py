"""Choosing and running a rule: by name, or the one a pabulib file names in its META ``rule`` key."""

from __future__ import annotations

from dataclasses import dataclass, replace

from remacto.pb.errors import PBError, require_known
from remacto.pb.model import Election
from remacto.pb.result import Outcome
from remacto.pb.rules.comparison import COMPARISONS, compare
from remacto.pb.rules.greedy import GREEDY_RULES, greedy
from remacto.pb.rules.mes import COMPLETIONS, UTILITIES, mes
from remacto.pb.ties import TieBreaking

RULES = ("file", *GREEDY_RULES, "mes")

FILE_RULES = {
    "greedy": ("greedy", "none", "none"),
    "greedy-threshold": ("greedy-threshold", "none", "none"),
    "greedy-no-skip": ("greedy-no-skip", "none", "none"),
    "equalshares": ("mes", "none", "none"),
    "equalshares-comparison": ("mes", "none", "satisfaction"),
    "equalshares/add1": ("mes", "add1", "none"),
    "equalshares/add1-comparison": ("mes", "add1", "satisfaction"),
    "equalshares/add1-continue": ("mes", "add1-continue", "none"),
    "equalshares/add1u": ("mes", "add1u", "none"),
}
"""pabulib ``rule`` values this engine reproduces, as (rule, completion, comparison step)."""

UNSTATED_RULES = {
    "greedy-exclusive": "greedy with exclusions between conflicting projects, which the file does not list",
    "greedy-custom": "a local variant of greedy, described only in words in the file's comment",
}
"""pabulib ``rule`` values naming a rule the file itself does not define, so it cannot be recounted."""


@dataclass(frozen=True)
class RuleChoice:
    """A rule with its options; ``completion`` only applies to ``mes``."""

    rule: str = "file"
    completion: str | None = None
    exact: bool = False
    utilities: str | None = None
    """MES utilities; by default cost utilities on approval ballots, the points on others."""
    tie_breaking: TieBreaking | None = None
    comparison: str | None = None
    """The comparison step after MES (see :mod:`remacto.pb.rules.comparison`); by default the file's."""

    def validate(self) -> None:
        """Reject unknown names before any file is read."""
        require_known("rule", self.rule, RULES)
        if self.completion is not None:
            require_known("completion", self.completion, COMPLETIONS)
        if self.utilities is not None:
            require_known("utilities", self.utilities, UTILITIES)
        if self.comparison is not None:
            require_known("comparison", self.comparison, COMPARISONS)


def resolve(election: Election, choice: RuleChoice) -> tuple[str, str, str]:
    """The concrete (rule, completion, comparison) for ``election``, reading its META when the
    rule is ``file``."""
    choice.validate()
    rule, completion, comparison = choice.rule, choice.completion, choice.comparison
    if rule == "file":
        named = election.meta.get("rule", "").strip()
        line = election.meta_lines.get("rule")
        if named in UNSTATED_RULES:
            problem = f"the file's rule {named!r} is {UNSTATED_RULES[named]}; pick a rule with --rule"
            raise PBError(problem, election.source, line)
        if named not in FILE_RULES:
            raise PBError(
                f"unknown rule {named!r} in the file (known: {', '.join(FILE_RULES)}); pick one with --rule",
                election.source,
                line,
            )
        rule, from_file, compared = FILE_RULES[named]
        completion = completion or from_file
        comparison = comparison or compared
    completion = completion or "none"
    comparison = comparison or "none"
    if rule != "mes" and (completion != "none" or comparison != "none"):
        step = f"completion {completion!r}" if completion != "none" else f"comparison {comparison!r}"
        raise PBError(f"{step} applies to mes only, not to {rule}")
    return rule, completion, comparison


def compute(election: Election, choice: RuleChoice | None = None) -> Outcome:
    """Run the chosen rule on ``election``."""
    choice = choice or RuleChoice()
    rule, completion, comparison = resolve(election, choice)
    if rule == "mes":
        outcome, _, _ = mes(election, completion, choice.utilities, choice.exact, choice.tie_breaking)
        return compare_with_greedy(election, outcome, comparison, choice.tie_breaking)
    return greedy(election, rule, choice.tie_breaking)


def compare_with_greedy(
    election: Election, outcome: Outcome, comparison: str, tie_breaking: TieBreaking | None = None
) -> Outcome:
    """The comparison step: ``outcome``, or the greedy outcome if more voters prefer it."""
    if comparison == "none":
        return outcome
    alternative = greedy(election, "greedy", tie_breaking)
    result = compare(election, outcome.selected, alternative.selected, comparison)
    chosen = alternative if result.switched else outcome
    return replace(chosen, rule=outcome.rule, completion=outcome.completion, comparison=result)
