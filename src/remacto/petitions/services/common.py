"""Helpers shared by the petition services: the legal date, text limits, status transitions and the grace period
for paper lists after the closing date."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remacto.cases import calendar
from remacto.core.validators import clean_text as text  # noqa: F401 - the services' text check

from ..defaults import GRACE_DAYS
from ..models import Petition

S = Petition.Status
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.COLLECTING},
    S.COLLECTING: {S.SUBMITTED, S.LAPSED},
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


def grace_days(petition: Petition) -> int:
    """Days after the closing date during which paper lists collected in time may still be typed: the rule of the
    threshold the petition started with (the model's default when that row is gone)."""
    threshold = petition.threshold
    return threshold.grace_days if threshold is not None else GRACE_DAYS


def paper_deadline(petition: Petition) -> datetime.date | None:
    """The last day (Moroccan date) a paper list may be typed, or None before the collection opens."""
    if petition.closes_on is None:
        return None
    return petition.closes_on + datetime.timedelta(days=grace_days(petition))
