"""What the case core knows of each procedure: who is responsible for a case, where its page is, its name.

Each procedure app calls :func:`register` in its ``AppConfig.ready()``; the reminders and the transparency pages
ask :func:`get`. A procedure nobody registered is still counted in the figures; its reminders go nowhere.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise

from .models import Case

Responsible = Callable[[Case], Iterable]
Url = Callable[[Case], str]


@dataclass(frozen=True)
class ProcedureInfo:
    procedure: str
    responsible: Responsible
    url: Url
    label: str | Promise
    public_url: Url | None = None
    register_url: Callable[[object | None], str] | None = None
    """The public register of the procedure for a collectivity (or the network when None), linked from the
    transparency pages."""


_REGISTRY: dict[str, ProcedureInfo] = {}


def register(
    procedure: str,
    *,
    responsible: Responsible,
    url: Url,
    label: str | Promise,
    public_url: Url | None = None,
    register_url: Callable[[object | None], str] | None = None,
) -> ProcedureInfo:
    """Declare ``procedure`` (a ``Case.Procedure`` value); registering it again replaces the earlier entry."""
    if procedure not in Case.Procedure.values:
        raise ValueError(f"unknown procedure {procedure!r}")
    info = ProcedureInfo(procedure, responsible, url, label, public_url, register_url)
    _REGISTRY[procedure] = info
    return info


def get(procedure: str) -> ProcedureInfo:
    """The registered procedure; ``KeyError`` when its app did not register it."""
    return _REGISTRY[procedure]


def registered() -> dict[str, ProcedureInfo]:
    return dict(_REGISTRY)


def unregister(procedure: str) -> None:
    """Forget ``procedure`` (for tests)."""
    _REGISTRY.pop(procedure, None)
