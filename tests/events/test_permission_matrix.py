"""Every event service against every role: who may (it succeeds) and who may not (PermissionDenied, nothing
written). Roles: anonymous, citizen, a registered participant, the focal point of the organising commune, a focal
point elsewhere, a network admin. Network events (national, regional) are the network admins'; a commune's event is
its focal points' (and the network admins')."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from remacto.core.models import AuditLogEntry
from remacto.events.models import AgendaItem, Category, Event, Output, Registration, Status
from remacto.events.services import events, registrations

from .conftest import NOW, event_values, register

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "participant", "focal_point", "other_focal_point", "network_admin"]


@pytest.fixture
def anonymous(db):
    return AnonymousUser()


def photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), "image/png")


def create_network_event(actor, event):
    events.create_event(actor, event_values(level="national"))


def create_local_event(actor, event):
    events.create_event(actor, event_values(), collectivity=event.collectivity or _commune())


def _commune():
    from remacto.territories.models import Collectivity

    return Collectivity.objects.get(slug="ben-guerir")


def update_event(actor, event):
    events.update_event(actor, event, event_values(title="عنوان جديد"))


def set_agenda(actor, event):
    events.set_agenda(actor, event, [{"starts_at": "09:30", "title": "افتتاح", "speakers": [{"name": "سلمى"}]}])


def add_output(actor, event):
    events.add_output(actor, event, Output.Type.PHOTO, "صورة جماعية", photo())


def mark_present(actor, event):
    registrations.mark_present(actor, Registration.objects.get(event=event, user__email="participant@example.ma"))


def register_self(actor, event):
    registrations.register(actor, event, {"category": Category.FOCAL_POINT}, now=NOW)


STAFF_SERVICES = [update_event, set_agenda, add_output, mark_present]


def allowed(service, role: str, event: Event) -> bool:
    if service is register_self:
        return role != "anonymous"
    if service is create_network_event:
        return role == "network_admin"
    if service is create_local_event or event.collectivity_id:
        return role in ("focal_point", "network_admin")
    return role == "network_admin"


def _count() -> tuple:
    return (
        Event.objects.count(),
        AgendaItem.objects.count(),
        Output.objects.count(),
        Registration.objects.filter(attended_at__isnull=False).count(),
        Registration.objects.count(),
        AuditLogEntry.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("which", ["regional", "local_event"])
@pytest.mark.parametrize(
    "service", [create_network_event, create_local_event, *STAFF_SERVICES, register_self], ids=lambda s: s.__name__
)
def test_matrix(request, role, which, service, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = request.getfixturevalue(which)
    event.capacity = None
    event.save()
    participant = request.getfixturevalue("participant")
    Registration.objects.filter(user=participant).update(event=event)
    actor = request.getfixturevalue(role)
    before = _count()
    if service is register_self and role == "participant":  # allowed, but registered already
        with pytest.raises(ValidationError, match="already registered"):
            service(actor, event)
        assert _count() == before
    elif allowed(service, role, event):
        service(actor, event)
        assert _count() != before or service is update_event
    else:
        with pytest.raises(PermissionDenied):
            service(actor, event)
        assert _count() == before


def test_participant_cancels_only_their_own(regional, participant, citizen, network_admin):
    other = register(regional, citizen)
    with pytest.raises(PermissionDenied):
        registrations.cancel(participant, other)
    assert Registration.objects.get(pk=other.pk).status == Status.CONFIRMED
    registrations.cancel(network_admin, other)
    assert Registration.objects.get(pk=other.pk).status == Status.CANCELLED
