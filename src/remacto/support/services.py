"""The support desk's writes: opening a ticket, replying (either side) or noting internally, moving its status,
keeping the response-time targets, and publishing a frequent answer as a FAQ entry.

Each function takes the acting user first, checks permission with ``core.permissions.require``, validates and
writes in one transaction; network admins' actions go to the audit log, replies are notified to the other side in
each recipient's language. Nothing is written when it raises.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from remacto.accounts.selectors import network_admins
from remacto.cases import calendar
from remacto.cocreation.uploads import check_upload, without_metadata
from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.text import has_control_characters
from remacto.core.validators import clean_fields, clean_text
from remacto.notifications.services import language_of, notify
from remacto.participation import limits

from . import clock
from .models import (
    BODY_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    Category,
    FaqEntry,
    ResponseTarget,
    Status,
    Ticket,
    TicketAttachment,
    TicketMessage,
)

OPEN = "support.open_ticket"
REPLY = "support.reply"
MEMBER_STATUS = "support.member_status"
ANSWER = "support.answer"
MANAGE = "support.manage"

MAX_ATTACHMENTS = 5
MAX_TARGET_DAYS = 60

TRANSITIONS = {
    Status.OPEN: {Status.WAITING, Status.ANSWERED, Status.CLOSED},
    Status.WAITING: {Status.OPEN, Status.ANSWERED, Status.CLOSED},
    Status.ANSWERED: {Status.OPEN, Status.WAITING, Status.CLOSED},
    Status.CLOSED: {Status.OPEN},
}
"""The status moves allowed; members may only close a ticket or reopen a closed one (:data:`MEMBER_MOVES`)."""
MEMBER_MOVES = {Status.CLOSED, Status.OPEN}
NETWORK_REPLY_STATUSES = (Status.ANSWERED, Status.WAITING)

CONTROL = gettext_noop("The text contains control characters (such as NUL) that no field accepts.")
NEW_TICKET = gettext_noop("New support ticket #%(number)s from %(member)s: %(subject)s")
NETWORK_REPLIED = gettext_noop("The network team replied to your support ticket #%(number)s: %(subject)s")
MEMBER_REPLIED = gettext_noop("%(member)s replied on support ticket #%(number)s: %(subject)s")


def _checked_files(files: Iterable) -> list[tuple[object, str]]:
    files = [f for f in files if f]
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationError(
            {
                "attachments": ngettext(
                    "At most %(count)d file per message.", "At most %(count)d files per message.", MAX_ATTACHMENTS
                )
                % {"count": MAX_ATTACHMENTS}
            }
        )
    checked = []
    for upload in files:
        if has_control_characters(getattr(upload, "name", "") or ""):
            raise ValidationError({"attachments": _(CONTROL)})
        checked.append((upload, check_upload(upload)))
    return checked


def _write(ticket: Ticket, author, body: str, files, *, from_network: bool, internal: bool = False) -> TicketMessage:
    message = TicketMessage.objects.create(
        ticket=ticket, author=author, body=body, from_network=from_network, is_internal=internal
    )
    for upload, kind in files:
        TicketAttachment.objects.create(
            message=message, file=without_metadata(upload, kind), name=str(upload.name)[-200:]
        )
    return message


def _tell(people, ticket: Ticket, message: str) -> None:
    """Notify each of ``people`` about ``ticket`` in their own language, with a link in that language."""
    for person in people:
        with translation.override(language_of(person)):
            url, member = ticket.get_absolute_url(), str(ticket.collectivity)
        notify(
            person,
            kind="support.ticket",
            message=message,
            params={"number": ticket.pk, "subject": ticket.subject, "member": member},
            url=url,
            collectivity=ticket.collectivity,
        )


@transaction.atomic
def open_ticket(actor, collectivity, *, category: str, subject: str, message: str, files: Iterable = ()) -> Ticket:
    """A ticket of ``collectivity`` to the network team; only its own staff may open one, for a member. Counted
    against the account's ``support_tickets`` limit."""
    require(actor, OPEN, collectivity)
    if not hasattr(collectivity, "membership"):
        raise ValidationError(_("Only member collectivities of the network open support tickets."))
    errors: dict = {}
    if category not in Category.values:
        errors["category"] = [_("Choose a category.")]
    values = clean_fields(
        (
            ("subject", subject, SUBJECT_MAX_LENGTH, gettext_noop("Give the ticket a subject.")),
            ("message", message, BODY_MAX_LENGTH, gettext_noop("Write your question.")),
        ),
        errors,
    )
    if errors:
        raise ValidationError(errors)
    checked = _checked_files(files)
    with limits.reserve(actor, "support_tickets"):
        ticket = Ticket.objects.create(
            collectivity=collectivity,
            opened_by=actor,
            category=category,
            subject=values["subject"],
            due=clock.due_date(category, calendar.today()),
        )
        _write(ticket, actor, values["message"], checked, from_network=False)
    _tell(network_admins(), ticket, NEW_TICKET)
    return ticket


def _refuse_closed(ticket: Ticket) -> None:
    if ticket.status == Status.CLOSED:
        raise ValidationError(_("This ticket is closed: reopen it to write again."))


@transaction.atomic
def reply(actor, ticket: Ticket, *, body: str, files: Iterable = (), status: str = "") -> TicketMessage:
    """A reply on ``ticket``. From the network team it answers (or asks the member, ``status="waiting"``) and the
    first answer is dated; from the member it reopens the ticket. The other side is notified."""
    require(actor, REPLY, ticket)
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    _refuse_closed(ticket)
    body = clean_text(body, "body", max_length=BODY_MAX_LENGTH, empty=gettext_noop("Write your reply."))
    from_network = actor.has_perm(ANSWER, ticket)
    if from_network:
        status = status or Status.ANSWERED
        if status not in NETWORK_REPLY_STATUSES:
            raise ValidationError({"status": _("Choose whether this answers the ticket or asks the member.")})
    else:
        status = Status.OPEN
    message = _write(ticket, actor, body, _checked_files(files), from_network=from_network)
    ticket.status = status
    fields = ["status", "updated_at"]
    if from_network and ticket.first_answered_on is None:
        ticket.first_answered_on = calendar.today()
        fields.append("first_answered_on")
    ticket.save(update_fields=fields)
    if from_network:
        audit.record(actor, "support.reply", ticket, collectivity=ticket.collectivity, status=status)
        _tell([ticket.opened_by] if ticket.opened_by else [], ticket, NETWORK_REPLIED)
    else:
        _tell(network_admins(), ticket, MEMBER_REPLIED)
    return message


@transaction.atomic
def add_note(actor, ticket: Ticket, *, body: str, files: Iterable = ()) -> TicketMessage:
    """An internal note on ``ticket``, read by the network team only; the status does not move."""
    require(actor, ANSWER, ticket)
    body = clean_text(body, "body", max_length=BODY_MAX_LENGTH, empty=gettext_noop("Write your reply."))
    return _write(ticket, actor, body, _checked_files(files), from_network=True, internal=True)


@transaction.atomic
def change_status(actor, ticket: Ticket, status: str) -> Ticket:
    """Move ``ticket`` to ``status`` along :data:`TRANSITIONS`; the member's staff only close or reopen."""
    require(actor, REPLY, ticket)
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    network = actor.has_perm(ANSWER, ticket)
    if not network:
        require(actor, MEMBER_STATUS, ticket)
    allowed = TRANSITIONS.get(ticket.status, set()) if network else TRANSITIONS[ticket.status] & MEMBER_MOVES
    if status not in allowed:
        raise ValidationError(
            {
                "status": _("A ticket cannot move from “%(from)s” to this status.")
                % {"from": ticket.get_status_display()}
            }
        )
    before, ticket.status = ticket.status, status
    ticket.save(update_fields=["status", "updated_at"])
    if network:
        audit.record(actor, "support.status", ticket, collectivity=ticket.collectivity, from_status=before, to=status)
    return ticket


@transaction.atomic
def set_target(actor, category: str, working_days) -> ResponseTarget:
    """The working days for a first answer to tickets of ``category``: tickets opened from now on, and the due dates
    of those still waiting for their first answer (:func:`clock.recompute_due_dates`)."""
    require(actor, MANAGE)
    if category not in Category.values:
        raise ValidationError({"category": _("Choose a category.")})
    try:
        days = int(working_days)
    except (TypeError, ValueError):
        days = -1
    if not 1 <= days <= MAX_TARGET_DAYS:
        raise ValidationError(
            {"working_days": _("Between 1 and %(max)d working days, please.") % {"max": MAX_TARGET_DAYS}}
        )
    target, _created = ResponseTarget.objects.update_or_create(
        category=category, defaults={"working_days": days, "updated_by": actor}
    )
    moved = clock.recompute_due_dates(categories=[category])
    audit.record(actor, "support.target", target, category=category, days=days, moved=moved)
    return target


def _identities(ticket: Ticket) -> list[str]:
    """Names that must not appear in a public FAQ entry drawn from ``ticket``."""
    member = ticket.collectivity
    names = [member.name, getattr(member, "name_fr", "") or "", member.slug]
    person = ticket.opened_by
    if person is not None:
        names += [person.email, getattr(person, "display_name", "") or ""]
    return [name for name in names if name and len(name) >= 3]


@transaction.atomic
def publish_faq(actor, *, category: str, question: str, answer: str, source: Ticket | None = None) -> FaqEntry:
    """A FAQ entry for everyone, drawn from ``source``'s answer when given: reworded, without the member's or the
    person's identity (refused when either appears)."""
    require(actor, MANAGE)
    errors: dict = {}
    if category not in Category.values:
        errors["category"] = [_("Choose a category.")]
    values = clean_fields(
        (
            ("question", question, QUESTION_MAX_LENGTH, gettext_noop("Write the question as anyone would ask it.")),
            ("answer", answer, BODY_MAX_LENGTH, gettext_noop("Write the answer.")),
        ),
        errors,
    )
    if source is not None:
        for field, text in values.items():
            if any(name.casefold() in text.casefold() for name in _identities(source)):
                errors[field] = [_("Leave out the member's name and the person who asked: the FAQ is public.")]
    if errors:
        raise ValidationError(errors)
    entry = FaqEntry.objects.create(
        category=category, published_by=actor, published_at=timezone.now(), source=source, **values
    )
    audit.record(actor, "support.faq", entry)
    return entry


@transaction.atomic
def remove_faq(actor, entry: FaqEntry) -> None:
    require(actor, MANAGE)
    audit.record(actor, "support.faq_remove", entry)
    entry.delete()
