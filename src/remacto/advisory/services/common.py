"""Checks the advisory services share: typed text, dates, the PDF documents."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from remacto.cocreation.uploads import check_upload, sniff
from remacto.core.validators import clean_text as text  # noqa: F401 - the services' text check


def limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def pdf(document, field: str = "document"):
    """``document`` when it is a PDF within the upload limits, None when there is none."""
    if not document:
        return None
    try:
        if sniff(document) != "pdf":
            raise ValidationError(_("“%(name)s” is not a PDF document.") % {"name": document.name})
        check_upload(document, allowed=("pdf",))
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    return document


def past_date(value, field: str, *, today: datetime.date, message: str) -> datetime.date:
    """A date that is not in the future; ``message`` (translated) when it is missing."""
    if not isinstance(value, datetime.date):
        raise ValidationError({field: message})
    if value > today:
        raise ValidationError({field: _("This date is in the future.")})
    return value
