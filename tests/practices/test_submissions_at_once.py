"""Thirty practices submitted at the same instant by one focal point on PostgreSQL, through the form: the
``practices`` limit holds exactly, the refused get 429 with Retry-After and the message in Arabic, and a refused
submission leaves nothing: no practice, axis, project, document, stored file, audit entry or notification."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from remacto.core.models import AuditLogEntry
from remacto.notifications.models import Notification
from remacto.participation import limits
from remacto.practices.models import Practice, PracticeAxis, PracticeDocument, PracticeProject

from ..conftest import media_files
from ..threads import AT_ONCE, ON_POSTGRESQL, assert_limit_held, post_at_once, signed_in
from .conftest import STRUCTURE_TEXT, VALUES

pytestmark = ON_POSTGRESQL


def form(n: int) -> dict:
    report = SimpleUploadedFile(f"report-{n}.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    return {
        **VALUES,
        "title": f"{VALUES['title']} {n}",
        "serves_digitalisation": "on",
        "structure": STRUCTURE_TEXT,
        "document": report,
        "document_title": "التقرير",
    }


def test_thirty_practices_at_once_store_exactly_the_limit(commune, focal_point, network_admin):
    with translation.override("ar"):
        url = reverse("practices:submit", args=[commune.slug])
    responses = post_at_once(signed_in([focal_point] * AT_ONCE), url, form)
    most = min(n for n, _seconds in limits.setting("practices"))
    assert_limit_held(responses, "practices", most)
    assert Practice.objects.filter(submitted_by=focal_point).count() == most
    assert PracticeAxis.objects.count() == 2 * most and PracticeProject.objects.count() == 3 * most
    assert PracticeDocument.objects.count() == most and len(media_files()) == most
    assert AuditLogEntry.objects.filter(action="practice.submit").count() == most
    assert Notification.objects.filter(recipient=network_admin).count() == most
