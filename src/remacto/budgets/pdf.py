"""The results of a campaign as a PDF in Arabic and in French, rendered by WeasyPrint as the programme PDF is
(:mod:`remacto.cocreation.pdf`: the same embedded fonts, and nothing fetched but them).

The PDF is rendered from ``budgets/results_pdf.html`` and stored under ``MEDIA_ROOT`` with a name made of the
campaign, the count, the language and a digest of the rendered HTML: when anything it shows changes (a newer
count published, an implementation update), the name changes and older files of the language are deleted once
the new one is written.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

from remacto.cocreation.pdf import fonts, text_direction, write_pdf
from remacto.core.outputs import delete_older

from . import results
from .models import Campaign, Count

LANGUAGES = ("ar", "fr")


def render_html(campaign: Campaign, count: Count, language: str, *, preview: bool = False) -> str:
    with translation.override(language):
        shown = results.build(campaign, count, rtl=translation.get_language_bidi(), chart=False)
        for row in shown.rows:
            row.dir = text_direction(row.title)
        return render_to_string(
            "budgets/results_pdf.html",
            {
                "campaign": campaign,
                "results": shown,
                "preview": preview,
                "fonts": fonts(),
                "LANGUAGE_CODE": language,
            },
        )


def _folder(campaign: Campaign) -> str:
    return f"budgets/{campaign.pk}"


def _prefix(campaign: Campaign, language: str) -> str:
    return f"results-{campaign.collectivity.slug}-{campaign.pk}-{language}-"


def storage_name(campaign: Campaign, count: Count, language: str, html: str) -> str:
    digest = hashlib.sha256(html.encode()).hexdigest()[:16]
    return f"{_folder(campaign)}/{_prefix(campaign, language)}{count.pk}-{digest}.pdf"


def current_name(campaign: Campaign, count: Count, language: str, *, preview: bool = False) -> str:
    """Where the PDF of ``count`` as it is now is (or will be) stored."""
    return storage_name(campaign, count, language, render_html(campaign, count, language, preview=preview))


def render(campaign: Campaign, count: Count, language: str, *, preview: bool = False) -> str:
    """Render and store the PDF of ``count`` in ``language`` unless it exists; return its storage name."""
    html = render_html(campaign, count, language, preview=preview)
    name = storage_name(campaign, count, language, html)
    if default_storage.exists(name):
        return name
    saved = default_storage.save(name, ContentFile(write_pdf(html)))
    if saved != name:  # another worker wrote the same PDF meanwhile: keep one copy
        default_storage.delete(saved)
    delete_older(_folder(campaign), _prefix(campaign, language), keep=name)
    return name


def filename(campaign: Campaign, language: str) -> str:
    """The name a reader's browser saves the PDF under."""
    return f"results-{campaign.collectivity.slug}-{campaign.pk}-{language}.pdf"
