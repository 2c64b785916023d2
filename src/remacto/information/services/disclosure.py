"""Proactive disclosure: the documents a member collectivity publishes of its own accord (budget, deliberations,
programmes…), each a file (PDF or picture, checked) or a link, published and removed by its information officers
and focal points."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.cases import calendar
from remacto.cocreation.uploads import check_upload, without_metadata
from remacto.core import audit
from remacto.core.permissions import require

from ..models import DisclosureDocument
from .common import clean, clean_fields, require_member

MANAGE = "information.manage_disclosure"
TITLE_MAX_LENGTH = DisclosureDocument._meta.get_field("title").max_length
DESCRIPTION_MAX_LENGTH = DisclosureDocument._meta.get_field("description").max_length
LINK_MAX_LENGTH = DisclosureDocument._meta.get_field("link").max_length
FILE_NAMES = {"pdf": "document.pdf", "png": "document.png", "jpeg": "document.jpg"}


def _link(link: str) -> str:
    link = clean(link, "link", max_length=LINK_MAX_LENGTH)
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError as exc:
            raise ValidationError({"link": _("Give a web address starting with https://.")}) from exc
    return link


@transaction.atomic
def publish_document(
    actor,
    collectivity,
    *,
    title: str,
    category: str,
    published_on,
    file=None,
    link: str = "",
    description: str = "",
) -> DisclosureDocument:
    """Publish a document of ``collectivity``: a file or a link (at least one), with its title, category, date."""
    require(actor, MANAGE, collectivity)
    require_member(collectivity)
    errors: dict[str, list] = {}
    values = clean_fields(
        (
            ("title", title, TITLE_MAX_LENGTH, gettext_noop("Give the document a title.")),
            ("description", description, DESCRIPTION_MAX_LENGTH, ""),
        ),
        errors,
    )
    try:
        values["link"] = _link(link)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if category not in DisclosureDocument.Category.values:
        errors["category"] = [_("Choose the category of the document.")]
    if not isinstance(published_on, datetime.date):
        errors["published_on"] = [_("Give the date of the document.")]
    elif published_on > calendar.today():
        errors["published_on"] = [_("The date cannot be in the future.")]
    kind = None
    if file:
        try:
            kind = check_upload(file)
        except ValidationError as exc:
            errors["file"] = exc.message_dict["attachments"]
    elif not values.get("link") and "link" not in errors:
        errors["file"] = [_("Attach the document or give its web address.")]
    if errors:
        raise ValidationError(errors)
    document = DisclosureDocument(
        collectivity=collectivity, category=category, published_on=published_on, published_by=actor, **values
    )
    if kind is not None:
        document.file.save(FILE_NAMES[kind], without_metadata(file, kind), save=False)
    document.save()
    audit.record(actor, "disclosure.publish", document, collectivity=collectivity, category=category)
    return document


@transaction.atomic
def remove_document(actor, document: DisclosureDocument) -> None:
    """Withdraw a published document (its file is deleted once the transaction commits)."""
    require(actor, MANAGE, document.collectivity)
    audit.record(actor, "disclosure.remove", document, collectivity=document.collectivity)
    name = document.file.name if document.file else ""
    document.delete()
    if name:
        storage = DisclosureDocument._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))
