"""The results of a campaign as a PDF in Arabic and in French, rendered by WeasyPrint as the programme PDF is
(:mod:`remacto.cocreation.pdf`: the same embedded fonts, and nothing fetched but them).

It shows the chart of the results page (votes or points per project, selected ones marked, the same bars:
:func:`remacto.budgets.results.votes_bars`) drawn in HTML rather than SVG: WeasyPrint neither shapes nor orders
Arabic text inside an SVG drawing, but does in HTML, and HTML rows run on to the next page where a drawing would
be cut. The bars start on the right in Arabic; the same figures are in the table below.

The PDF is rendered from ``budgets/results_pdf.html`` and stored (:class:`remacto.core.outputs.StoredPdf`) under
a name made of the campaign, the language and a digest of the rendered HTML, which holds the count's figures, its
publication date or the preview mark, and the projects' titles as moderation leaves them: when anything it shows
changes (a newer count published, a project hidden or renamed), the name changes and older files of the language
are deleted once the new one is written.
"""

from django.template.loader import render_to_string
from django.utils import translation

from remacto.cocreation.pdf import bars, fonts, text_direction, write_pdf
from remacto.core.outputs import StoredPdf

from . import results
from .models import Campaign, Count

LANGUAGES = ("ar", "fr")


def _chart(shown: results.Results) -> dict:
    """The bars of the chart, the direction of each label read after the project's code."""
    chart_bars, title, description = results.votes_bars(shown)
    rows = bars(chart_bars, label_dir=lambda label: text_direction(label.split(" · ", 1)[-1]))
    return {"title": title, "description": description, "bars": rows}


def render_html(campaign: Campaign, count: Count, language: str, *, preview: bool = False) -> str:
    with translation.override(language):
        rtl = translation.get_language_bidi()
        shown = results.build(campaign, count, rtl=rtl, chart=False)
        for row in shown.rows:
            row.dir = text_direction(row.title)
        return render_to_string(
            "budgets/results_pdf.html",
            {
                "campaign": campaign,
                "results": shown,
                "chart": _chart(shown),
                "preview": preview,
                "fonts": fonts(),
                "LANGUAGE_CODE": language,
            },
        )


def stored(campaign: Campaign, language: str) -> StoredPdf:
    """Where the results PDFs of ``campaign`` in ``language`` are stored (those of any count: one at a time)."""
    return StoredPdf(f"budgets/{campaign.pk}", f"results-{campaign.collectivity.slug}-{campaign.pk}-{language}-")


def current_name(campaign: Campaign, count: Count, language: str, *, preview: bool = False) -> str:
    """Where the PDF of ``count`` as it is now is (or will be) stored."""
    return stored(campaign, language).name(render_html(campaign, count, language, preview=preview))


def render(campaign: Campaign, count: Count, language: str, *, preview: bool = False, html: str | None = None) -> str:
    """Render and store the PDF of ``count`` in ``language`` unless it exists; return its storage name."""
    html = html if html is not None else render_html(campaign, count, language, preview=preview)
    return stored(campaign, language).store(html, write_pdf)


def filename(campaign: Campaign, language: str) -> str:
    """The name a reader's browser saves the PDF under."""
    return f"results-{campaign.collectivity.slug}-{campaign.pk}-{language}.pdf"
