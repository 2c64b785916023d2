"""Reads of the support desk shared by pages, the API and the CSV export.

Who sees a ticket is decided here once (:func:`visible_tickets`): the staff of a collectivity see its tickets,
network admins see every ticket, nobody else sees any. Internal notes are for network admins only
(:func:`thread`). The FAQ is public (:func:`faq`).
"""

import datetime

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from remacto.accounts.rules import is_network_admin, role_keys
from remacto.core.text import normalise
from remacto.territories.models import Collectivity

from . import clock
from .models import Category, FaqEntry, Status, Ticket, TicketAttachment, TicketMessage
from .rules import STAFF_KINDS


def staff_collectivity_ids(user) -> set[int]:
    """The collectivities where ``user`` holds a staff role."""
    if not user.is_authenticated:
        return set()
    return {pk for pk, kind in role_keys(user) if kind in STAFF_KINDS and pk is not None}


def member_collectivities(user) -> QuerySet[Collectivity]:
    """The member collectivities ``user`` may open tickets for."""
    return Collectivity.objects.filter(pk__in=staff_collectivity_ids(user), membership__isnull=False).order_by("name")


def visible_tickets(user) -> QuerySet[Ticket]:
    """The one visibility rule: the tickets ``user`` may open."""
    qs = Ticket.objects.select_related("collectivity", "opened_by")
    if not user.is_authenticated:
        return qs.none()
    if not is_network_admin(user):
        qs = qs.filter(collectivity__in=staff_collectivity_ids(user))
    return qs


def ticket_for(user, pk: int) -> Ticket:
    """One ticket ``user`` may open; 404 otherwise (never saying it exists)."""
    return get_object_or_404(visible_tickets(user), pk=pk)


def desk(
    user, *, status: str = "", category: str = "", member: str = "", late: bool = False, today: datetime.date
) -> QuerySet[Ticket]:
    """The tickets ``user`` sees, filtered, oldest due first among the open ones."""
    qs = visible_tickets(user)
    if status in Status.values:
        qs = qs.filter(status=status)
    if category in Category.values:
        qs = qs.filter(category=category)
    if member:
        qs = qs.filter(collectivity__slug=member)
    if late:
        qs = qs.filter(clock.late_filter(today))
    return qs.order_by("-opened_at", "-id")


def with_clock(tickets, today: datetime.date) -> list[Ticket]:
    """``tickets`` as a list, each with ``is_late`` for lists."""
    found = list(tickets)
    for ticket in found:
        ticket.is_late = clock.is_late(ticket, today)
    return found


def thread(ticket: Ticket, user) -> list[TicketMessage]:
    """The ticket's messages in order with their attachments; internal notes for network admins only."""
    qs = ticket.messages.select_related("author").prefetch_related(
        Prefetch("attachments", queryset=TicketAttachment.objects.order_by("id"))
    )
    if not is_network_admin(user):
        qs = qs.filter(is_internal=False)
    return list(qs)


def attachment_for(user, pk: int) -> TicketAttachment:
    """An attachment of a ticket ``user`` sees (of an internal note: network admins only); 404 otherwise."""
    qs = TicketAttachment.objects.select_related("message").filter(message__ticket__in=visible_tickets(user))
    if not is_network_admin(user):
        qs = qs.filter(message__is_internal=False)
    return get_object_or_404(qs, pk=pk)


def last_answer(ticket: Ticket) -> TicketMessage | None:
    """The network team's latest reply (not a note): what a FAQ entry starts from."""
    return ticket.messages.filter(from_network=True, is_internal=False).order_by("-created_at", "-id").first()


def first_question(ticket: Ticket) -> TicketMessage | None:
    return ticket.messages.filter(from_network=False).order_by("created_at", "id").first()


def faq(*, q: str = "", category: str = "") -> QuerySet[FaqEntry]:
    """The public FAQ, newest first, in a category and holding every word of ``q`` (folded like the directory)."""
    qs = FaqEntry.objects.all()
    if category in Category.values:
        qs = qs.filter(category=category)
    for word in normalise(q or "").split():
        qs = qs.filter(search_text__contains=word)
    return qs.order_by("-published_at", "-id")


def faq_entry(pk: int) -> FaqEntry:
    return get_object_or_404(FaqEntry, pk=pk)
