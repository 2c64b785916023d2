"""Choosing and running a rule: by name, or the one a pabulib file names in its META ``rule`` key."""

from __future__ import annotations

from dataclasses import dataclass

from remacto.pb.errors import PBError, require_known
from remacto.pb.model import Election
from remacto.pb.result import Outcome
from remacto.pb.rules.greedy import GREEDY_RULES, greedy
from remacto.pb.rules.mes import COMPLETIONS, UTILITIES, mes
from remacto.pb.ties import TieBreaking

RULES = ("file", *GREEDY_RULES, "mes")

FILE_RULES = {
    "greedy": ("greedy", "none"),
    "greedy-threshold": ("greedy-threshold", "none"),
    "greedy-no-skip": ("greedy-no-skip", "none"),
    "equalshares": ("mes", "none"),
    "equalshares/add1": ("mes", "add1"),
    "equalshares/add1-continue": ("mes", "add1-continue"),
    "equalshares/add1u": ("mes", "add1u"),
}
"""pabulib ``rule`` values this engine reproduces, as (rule, completion)."""


@dataclass(frozen=True)
class RuleChoice:
    """A rule with its options; ``completion`` only applies to ``mes``."""

    rule: str = "file"
    completion: str | None = None
    exact: bool = False
    utilities: str = "cost"
    tie_breaking: TieBreaking | None = None

    def validate(self) -> None:
        """Reject unknown names before any file is read."""
        require_known("rule", self.rule, RULES)
        if self.completion is not None:
            require_known("completion", self.completion, COMPLETIONS)
        require_known("utilities", self.utilities, UTILITIES)


def resolve(election: Election, choice: RuleChoice) -> tuple[str, str]:
    """The concrete (rule, completion) for ``election``, reading its META when the rule is ``file``."""
    choice.validate()
    rule, completion = choice.rule, choice.completion
    if rule == "file":
        named = election.meta.get("rule", "").strip()
        if named not in FILE_RULES:
            raise PBError(
                f"unknown rule {named!r} in the file (known: {', '.join(FILE_RULES)}); pick one with --rule",
                election.source,
                election.meta_lines.get("rule"),
            )
        rule, from_file = FILE_RULES[named]
        completion = completion or from_file
    completion = completion or "none"
    if rule != "mes" and completion != "none":
        raise PBError(f"completion {completion!r} applies to mes only, not to {rule}")
    return rule, completion


def compute(election: Election, choice: RuleChoice | None = None) -> Outcome:
    """Run the chosen rule on ``election``."""
    choice = choice or RuleChoice()
    rule, completion = resolve(election, choice)
    if rule == "mes":
        outcome, _, _ = mes(election, completion, choice.utilities, choice.exact, choice.tie_breaking)
        return outcome
    return greedy(election, rule, choice.tie_breaking)
