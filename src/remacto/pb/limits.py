"""The ballot limits a pabulib file states in its META section, and the check of one ballot against them."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from remacto.pb.errors import PBError
from remacto.pb.model import FloatArray, IntArray

LIMIT_KEYS = (
    "min_length",
    "max_length",
    "min_sum_cost",
    "max_sum_cost",
    "min_points",
    "max_points",
    "min_sum_points",
    "max_sum_points",
)


@dataclass(frozen=True)
class VoteLimits:
    """Bounds on one ballot: its length, the total cost of its projects and its points."""

    min_length: float | None = None
    max_length: float | None = None
    min_sum_cost: float | None = None
    max_sum_cost: float | None = None
    min_points: float | None = None
    max_points: float | None = None
    min_sum_points: float | None = None
    max_sum_points: float | None = None

    @classmethod
    def from_meta(cls, meta: dict[str, str], vote_type: str, source: str, lines: dict[str, int]) -> VoteLimits:
        """The limits named in ``meta``; a choose-1 ballot always names exactly one project."""
        values: dict[str, float | None] = {}
        for key in LIMIT_KEYS:
            text = meta.get(key, "").strip()
            if not text or text.lower() == "none":
                values[key] = None
                continue
            try:
                values[key] = float(Fraction(text))
            except (ValueError, ZeroDivisionError):
                raise PBError(f"{key} {text!r} is not a number", source, lines.get(key)) from None
        if vote_type == "choose-1":
            values["min_length"] = values["max_length"] = 1.0
        return cls(**values)

    def check(self, length: int, sum_cost: float, points: list[float] | None) -> str | None:
        """What is wrong with a ballot of this length, total cost and points, or ``None``."""
        problem = _outside("projects on the ballot", length, self.min_length, self.max_length)
        problem = problem or _outside("total cost of the ballot", sum_cost, self.min_sum_cost, self.max_sum_cost)
        if points is not None and problem is None:
            for value in points:
                problem = problem or _outside("points for one project", value, self.min_points, self.max_points)
            problem = problem or _outside("total points", sum(points), self.min_sum_points, self.max_sum_points)
        return problem

    def any_broken(
        self, lengths: IntArray, sum_costs: FloatArray, points: FloatArray | None, sum_points: FloatArray
    ) -> bool:
        """Whether any of a batch of ballots breaks a limit (the vectorised twin of :meth:`check`)."""
        pairs = [(lengths, self.min_length, self.max_length), (sum_costs, self.min_sum_cost, self.max_sum_cost)]
        if points is not None:
            pairs += [
                (points, self.min_points, self.max_points),
                (sum_points, self.min_sum_points, self.max_sum_points),
            ]
        for values, low, high in pairs:
            if len(values) and ((low is not None and values.min() < low) or (high is not None and values.max() > high)):
                return True
        return False


def _outside(what: str, value: float, low: float | None, high: float | None) -> str | None:
    if low is not None and value < low:
        return f"{what} is {_show(value)}, below the file's minimum of {_show(low)}"
    if high is not None and value > high:
        return f"{what} is {_show(value)}, above the file's maximum of {_show(high)}"
    return None


def _show(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
