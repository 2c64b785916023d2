"""What the information services share: typed-text checks, the member check, telling the requester."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from remacto.cases import services as cases
from remacto.core.validators import clean_fields  # noqa: F401 - the services' text checks
from remacto.core.validators import clean_text as clean  # noqa: F401
from remacto.notifications.services import language_of, notify

from ..models import InformationRequest


def move_with_deadline(request: InformationRequest, *, actor, status: str, note: str, **deadline):
    """Start (or replace) a deadline of the request's case and record the step in its history; the deadline."""
    started = cases.set_deadline(request.case, **deadline)
    cases.move(request.case, actor=actor, status=status, note=note)
    return started


def require_member(collectivity) -> None:
    """Requests and published documents are for member collectivities only."""
    if not hasattr(collectivity, "membership"):
        raise ValidationError(
            _("%(name)s is not a member of the network: it does not receive requests on this platform.")
            % {"name": collectivity}
        )


def tell(people, request: InformationRequest, *, kind: str, message: str, params: dict | None = None) -> None:
    """Notify each of ``people`` about ``request`` in their own language, with a link in that language."""
    for person in people:
        with translation.override(language_of(person)):
            url = request.get_absolute_url()
        notify(
            person,
            kind=f"information.{kind}",
            message=message,
            params={"number": request.case.number, **(params or {})},
            url=url,
            collectivity=request.case.collectivity,
        )


def tell_requester(request: InformationRequest, *, kind: str, message: str, params: dict | None = None) -> None:
    """Notify the requester (when they have an account)."""
    if request.case.requester is not None:
        tell([request.case.requester], request, kind=kind, message=message, params=params)
