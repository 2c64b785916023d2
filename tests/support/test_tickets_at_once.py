"""Thirty tickets opened at the same instant by one focal point on PostgreSQL, through the form: the
``support_tickets`` limit holds exactly, the refused get 429 with Retry-After and the message in Arabic, and a
refused ticket leaves nothing: no ticket, message, attachment, stored file or notification."""

from django.core.files.uploadedfile import SimpleUploadedFile

from remacto.notifications.models import Notification
from remacto.participation import limits
from remacto.support.models import Ticket, TicketAttachment, TicketMessage

from ..conftest import media_files
from ..threads import AT_ONCE, ON_POSTGRESQL, assert_limit_held, post_at_once, signed_in
from .conftest import VALUES
from .test_pages import url

pytestmark = ON_POSTGRESQL


def form(n: int, commune) -> dict:
    note = SimpleUploadedFile(f"note-{n}.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return {**VALUES, "subject": f"{VALUES['subject']} {n}", "collectivity": commune.pk, "files": [note]}


def test_thirty_tickets_at_once_store_exactly_the_limit(today, commune, focal_point, network_admin):
    responses = post_at_once(signed_in([focal_point] * AT_ONCE), url("new"), lambda n: form(n, commune))
    most = min(n for n, _seconds in limits.setting("support_tickets"))
    assert_limit_held(responses, "support_tickets", most)
    assert Ticket.objects.filter(opened_by=focal_point).count() == most
    assert TicketMessage.objects.count() == most and TicketAttachment.objects.count() == most
    assert len(media_files()) == most
    assert Notification.objects.filter(recipient=network_admin).count() == most
