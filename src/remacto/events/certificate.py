"""The attendance certificate of a participant marked present: one A4 page in Arabic and in French, rendered with
the fonts and the fetcher of the programme PDFs."""

from django.template.loader import render_to_string
from django.utils import timezone

from remacto.cocreation.pdf import fonts, write_pdf

from .models import Registration


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


def render(registration: Registration) -> bytes:
    return write_pdf(render_html(registration))
