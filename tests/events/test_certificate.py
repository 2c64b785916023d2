"""The attendance certificate on the shared PDF mechanism (``core.outputs``): only the participant marked present
gets it, through a waiting page and then the file, and a new file when what it shows changes."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from remacto.accounts import privacy
from remacto.events import certificate
from remacto.events.models import Registration

from ..conftest import PASSWORD, refuse_then_roll_back_deletion
from .conftest import register

pytestmark = pytest.mark.django_db


def url(event, language: str = "ar") -> str:
    with translation.override(language):
        return reverse("events:certificate", args=[event.pk])


@pytest.fixture
def present(training, citizen) -> Registration:
    registration = register(training, citizen)
    Registration.objects.filter(pk=registration.pk).update(attended_at=training.starts_at())
    return Registration.objects.select_related("event", "user").get(pk=registration.pk)


def test_only_the_participant_marked_present_gets_it(client, training, present, citizen, network_admin, quick_pdf):
    assert client.get(url(training)).status_code == 302  # sign in first
    client.force_login(network_admin)
    assert client.get(url(training)).status_code == 404  # staff have no certificate of their own
    client.force_login(citizen)
    response = client.get(url(training))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and response["Cache-Control"] == "private, no-cache"


def test_registered_but_not_present_gets_nothing(client, training, citizen, quick_pdf):
    register(training, citizen)
    client.force_login(citizen)
    assert client.get(url(training)).status_code == 404


def test_waiting_page_in_the_page_language_then_the_file(client, training, present, citizen, quick_pdf, monkeypatch):
    started = []
    monkeypatch.setattr(certificate.render_certificate, "delay", lambda *args: started.append(args))
    client.force_login(citizen)
    target = url(training, "fr")
    html = client.get(target).content.decode()
    name = certificate.current_name(present)
    assert started == [(present.pk, name)]
    assert '<html lang="fr"' in html and f'hx-get="{target}"' in html and "attestation de présence" in html
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert len(started) == 1 and fragment.lstrip().startswith('<div id="export-status"')
    certificate.render_certificate(*started[0])
    fragment = client.get(target, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in fragment and f'href="{target}"' in fragment
    assert client.get(target)["Content-Type"] == "application/pdf"


def test_a_new_name_gives_a_new_file_and_the_older_goes(client, training, present, citizen, quick_pdf):
    client.force_login(citizen)
    client.get(url(training))
    first = certificate.current_name(present)
    assert default_storage.exists(first)
    citizen.display_name = "Nouveau Nom"
    citizen.save()
    present.refresh_from_db()
    second = certificate.current_name(present)
    assert second != first
    client.get(url(training))
    assert default_storage.exists(second) and not default_storage.exists(first)


def _store(registration: Registration, version: str) -> str:
    name = certificate.stored(registration).name(version)
    default_storage.save(name, ContentFile(b"%PDF-"))
    return name


@pytest.fixture
def two_certificates(training, present, network_admin):
    """The citizen's certificate in two versions, and another participant's certificate of the same event."""
    other = register(training, network_admin)
    return [_store(present, "v1"), _store(present, "v2")], _store(other, "v1")


def test_deleting_the_account_deletes_their_certificates_only(
    training, present, citizen, two_certificates, django_capture_on_commit_callbacks
):
    theirs, others = two_certificates
    with django_capture_on_commit_callbacks(execute=True):
        privacy.delete_account(citizen, citizen, password=PASSWORD)
    assert not any(default_storage.exists(name) for name in theirs)
    assert default_storage.exists(others)
    with pytest.raises(Registration.DoesNotExist):
        certificate.render_certificate(present.pk, theirs[0])  # a task queued before the deletion stores nothing
    assert not any(default_storage.exists(name) for name in theirs)


def test_no_certificate_deleted_when_the_deletion_is_refused_or_rolled_back(
    citizen, two_certificates, django_capture_on_commit_callbacks
):
    theirs, others = two_certificates
    refuse_then_roll_back_deletion(citizen, django_capture_on_commit_callbacks)
    assert all(default_storage.exists(name) for name in [*theirs, others])
