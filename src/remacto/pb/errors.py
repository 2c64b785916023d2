"""Errors raised by the PB engine and warnings about ballots; every one names the file and line it is about."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class PBWarning:
    """A ballot that breaks the file's own rules but is counted as cast (refused under ``strict``).

    ``problem`` says what is broken (a limit of the META section, a project named twice); the
    platform's pabulib import shows these to staff, the command line prints them on standard error.
    """

    problem: str
    source: str
    line: int
    voter: str

    def __str__(self) -> str:
        return f"{self.source or '<input>'}:{self.line}: warning: voter {self.voter!r}: {self.problem}"
