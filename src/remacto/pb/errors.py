"""Errors raised by the PB engine; every one names the file and line it is about."""

from __future__ import annotations


class PBError(Exception):
    """A problem with an election file or with the options given for it.

    ``str(error)`` is the one-line message shown to users: ``FILE:LINE: problem`` (the line is left
    out when the problem is not tied to one line, e.g. an option given on the command line).
    """

    def __init__(self, problem: str, source: str = "", line: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.source = source
        self.line = line

    def located(self, source: str) -> PBError:
        """The same error attributed to ``source`` if it has no file yet."""
        return self if self.source else PBError(self.problem, source, self.line)

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.problem}"


def require_known(what: str, value: str, known: tuple[str, ...] | dict[str, str]) -> None:
    """Raise a ``PBError`` unless ``value`` is one of the ``known`` names."""
    if value not in known:
        raise PBError(f"unknown {what} {value!r} (expected one of {', '.join(known)})")
