"""The complaint to the national commission for the right of access to information (CDAI), prepared as a PDF in
Arabic and in French with the whole history of the request, rendered by WeasyPrint as the programme PDF is
(:mod:`remacto.cocreation.pdf`: the same embedded fonts, nothing fetched but them).

It holds the requester's name and the request's history as the requester sees it (public entries only), so it is
served only to those who may open the request. The file is stored (:class:`remacto.core.outputs.StoredPdf`) under
a name made of the request, the language and a digest of the rendered HTML: when the request moves on, the name
changes and the older file goes.

The complaint is the requester's to send. When a person who filed requests online deletes their account, the
stored complaints of those requests are deleted (:func:`stored_naming`) and none is prepared again
(:func:`window`), although the request keeps the name it was filed with for the collectivity's register.
"""

from django.template.loader import render_to_string
from django.utils import translation

from remacto.cocreation.pdf import fonts, text_direction, write_pdf
from remacto.core.outputs import StoredPdf

from . import clock, selectors
from .models import InformationRequest

LANGUAGES = ("ar", "fr")
TEXTS = ("subject", "details", "answer", "extension_reason", "urgency_reason")


def context(request: InformationRequest) -> dict:
    """Everything the complaint shows, in a bounded number of queries."""
    events = selectors.timeline(request, public_only=True)
    for event in events:
        event.dir = text_direction(event.note)
    complaint = clock.complaint_of(request)
    return {
        "item": request,
        "events": events,
        "complaint": complaint,
        "complaint_dirs": {"text": text_direction(complaint.text), "answer": text_direction(complaint.answer)}
        if complaint
        else {},
        "dirs": {name: text_direction(getattr(request, name)) for name in TEXTS},
        "due": clock.answer_due(request),
        "cdai_window": window(request),
        "fonts": fonts(),
    }


def window(request: InformationRequest):
    """The period for sending the complaint to the commission (:func:`clock.cdai_window`), or ``None`` when no
    complaint is to be prepared: that period is not open, or the request was filed online by an account since
    deleted."""
    if request.channel == InformationRequest.Channel.ONLINE and request.case.requester_id is None:
        return None
    return clock.cdai_window(request)


def stored_naming(user) -> list[StoredPdf]:
    """Where the complaints naming ``user`` are stored: those of the requests they filed, in every language."""
    requests = InformationRequest.objects.filter(case__requester=user).values_list("pk", "case__number")
    return [_stored(pk, number, language) for pk, number in requests for language in LANGUAGES]


def render_html(request: InformationRequest, language: str) -> str:
    with translation.override(language):
        rtl = translation.get_language_bidi()
        return render_to_string(
            "information/cdai_pdf.html", {**context(request), "LANGUAGE_CODE": language, "rtl": rtl}
        )


def stored(request: InformationRequest, language: str) -> StoredPdf:
    """Where the complaint's versions in ``language`` are stored."""
    return _stored(request.pk, request.case.number, language)


def _stored(pk: int, number: str, language: str) -> StoredPdf:
    return StoredPdf(f"information/cdai/{pk}", f"cdai-{number}-{language}-")


def current_name(request: InformationRequest, language: str) -> str:
    return stored(request, language).name(render_html(request, language))


def render(request: InformationRequest, language: str, html: str) -> str:
    """Store the PDF of ``html`` unless it exists (older versions go); return its storage name."""
    return stored(request, language).store(html, write_pdf)


def filename(request: InformationRequest, language: str) -> str:
    return f"cdai-{request.case.number}-{language}.pdf"
