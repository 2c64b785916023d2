"""The attendance certificate of a participant marked present: one A4 page in Arabic and in French, rendered with
the fonts and the fetcher of the programme PDFs.

Built in the background and stored like the other PDFs (:mod:`remacto.core.outputs`), under a name made of the
registration and a digest of the rendered HTML: a new name (and the older file gone) when the participant's name,
the event's title, place or dates, or the day of issue change. It holds a person's name: only that person gets it
(:func:`remacto.events.selectors.attended`), never the public media. When the person deletes their account, their
registrations go and so do the stored certificates (:func:`stored_naming`); with no registration, nothing can build
one again.
"""

from celery import shared_task
from django.template.loader import render_to_string
from django.utils import timezone

from remacto.cocreation.pdf import fonts, write_pdf
from remacto.core.outputs import BackgroundOutput, StoredPdf, build_pdf

from .models import Registration

PDF = BackgroundOutput("events:certificate")


def render_html(registration: Registration) -> str:
    return render_to_string(
        "events/certificate.html",
        {
            "registration": registration,
            "event": registration.event,
            "name": registration.user.display_name or registration.user.email,
            "issued_on": timezone.localdate(),
            "fonts": fonts(),
        },
    )


def stored(registration: Registration) -> StoredPdf:
    """Where the versions of the certificate of ``registration`` are stored."""
    return _stored(registration.pk, registration.event_id)


def _stored(pk: int, event_id: int) -> StoredPdf:
    return StoredPdf(f"events/certificates/{event_id}", f"certificate-{pk}-")


def stored_naming(user) -> list[StoredPdf]:
    """Where the certificates naming ``user`` are stored: one per registration of theirs (deleted with the
    account, see :func:`remacto.accounts.privacy.delete_account`)."""
    registrations = Registration.objects.filter(user=user).values_list("pk", "event_id")
    return [_stored(pk, event) for pk, event in registrations]


def current_name(registration: Registration) -> str:
    return stored(registration).name(render_html(registration))


def render(registration: Registration, html: str | None = None) -> str:
    """Store the certificate unless it exists (older versions go); return its storage name."""
    html = html if html is not None else render_html(registration)
    return stored(registration).store(html, write_pdf)


def filename(registration: Registration) -> str:
    """The name a participant's browser saves the certificate under."""
    return f"certificate-{registration.event_id}.pdf"


@shared_task(name="events.render_certificate")
def render_certificate(registration_id: int, name: str) -> str:
    """Render and store the certificate of ``registration_id``; return its storage name."""
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    return build_pdf(PDF, name, lambda: render_html(registration), lambda html: render(registration, html))


def start(registration: Registration, name: str) -> bool:
    """Start rendering unless it is already under way for ``name``; ``True`` when a task was started."""
    return PDF.start(name, lambda: render_certificate.delay(registration.pk, name))
