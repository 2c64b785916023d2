"""What the information services share: typed-text checks, the member check, telling the requester."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.cases import services as cases
from remacto.core.text import has_control_characters
from remacto.core.validators import clean_text
from remacto.notifications.services import language_of, notify

from ..models import InformationRequest

CONTROL = gettext_noop("The text contains control characters (such as NUL) that no field accepts.")


def clean(value, field: str, *, max_length: int, empty: str = "") -> str:
    """``core.validators.clean_text``, refusing control characters (NUL…) first, for callers other than forms."""
    if value and has_control_characters(str(value)):
        raise ValidationError({field: _(CONTROL)})
    return clean_text(value, field, max_length=max_length, empty=empty)


def clean_fields(specs, errors: dict) -> dict:
    """Each ``(field, value, max_length, empty)`` of ``specs`` through :func:`clean`: the cleaned values, the
    refusals added to ``errors`` (so that every field's problem is said at once)."""
    cleaned = {}
    for field, value, max_length, empty in specs:
        try:
            cleaned[field] = clean(value, field, max_length=max_length, empty=empty)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    return cleaned


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
