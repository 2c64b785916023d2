"""Helpers shared by the petition services: the legal date, text limits and status transitions."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remacto.cases import calendar
from remacto.core.validators import clean_text as text  # noqa: F401 - the services' text check

from ..models import Petition

S = Petition.Status
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.COLLECTING},
    S.COLLECTING: {S.SUBMITTED},
    S.SUBMITTED: {S.REVIEW, S.ACCEPTED, S.REJECTED},
    S.REVIEW: {S.ACCEPTED, S.REJECTED},
    S.ACCEPTED: {S.EXAMINED},
}


def limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def today():
    return calendar.today()


def check_transition(petition: Petition, to: str) -> None:
    """Refuse a move the lifecycle does not allow (with the current status in the message)."""
    if to not in TRANSITIONS.get(petition.status, set()):
        raise ValidationError(
            _("This petition is “%(status)s”: it cannot become “%(to)s”.")
            % {"status": petition.get_status_display(), "to": S(to).label}
        )


def collection_is_open(petition: Petition, on=None) -> bool:
    """Signatures are taken while the petition collects them, up to and including its closing date."""
    on = on or today()
    return (
        petition.status == S.COLLECTING
        and petition.closes_on is not None
        and (petition.collection_opened_on is None or petition.collection_opened_on <= on)
        and on <= petition.closes_on
    )
