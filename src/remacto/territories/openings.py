"""What is open now across the network: the home page's "open now" list and the directory's filter.

Each app through which people take part registers a source in its ``AppConfig.ready()``. Co-creation registers
programmes collecting ideas or in consultation; participatory-budget votes and petitions will register theirs the
same way, and the home page and directory need no change. A source answers with two queries of its own selectors:
what is open (a list of :class:`Opening`) and which collectivities have something open (a queryset of ids, used as
a subquery).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet


@dataclass(frozen=True)
class Opening:
    """One thing open for participation: where, what (``obj`` has a translated ``title``; ``what`` says what people
    can do), for which period (a cycle, a year), until when."""

    collectivity: Any
    obj: Any
    what: str
    period: str
    url: str
    closes_on: datetime.date | None


@dataclass(frozen=True)
class Source:
    openings: Callable[[int], list[Opening]]
    collectivity_ids: Callable[[], QuerySet]


_SOURCES: list[Source] = []


def register(source: Source) -> None:
    _SOURCES.append(source)


def open_now(limit: int = 12) -> list[Opening]:
    """At most ``limit`` openings of every source, the soonest to close first (no closing date last)."""
    found = [opening for source in _SOURCES for opening in source.openings(limit)]
    found.sort(key=lambda o: (o.closes_on is None, o.closes_on or datetime.date.max, o.url))
    return found[:limit]


def with_something_open() -> Q:
    """A filter on collectivities keeping those where some source has something open."""
    condition = Q(pk__in=[])
    for source in _SOURCES:
        condition |= Q(pk__in=source.collectivity_ids())
    return condition
