"""The programme as a PDF in each of the site's languages (Arabic right to left, shaped by WeasyPrint).

Arabic is set in Noto Naskh Arabic, shipped in ``data/fonts``: it draws each letter as one glyph, so the PDF's
text layer maps back to the right letters (copy, search, screen readers, ``pdftotext``). The site's Noto Sans
Arabic builds letters such as ن from a dotless glyph plus dot marks, and its text layer came out as other
letters («برفامج» for «برنامج»). Tifinagh uses the site's Noto Sans Tifinagh.

The PDF is rendered from ``cocreation/programme_pdf.html`` and stored (:class:`remacto.core.outputs.StoredPdf`)
under a name made of the programme, the language and a digest of the rendered HTML: when anything shown in the
PDF changes, the name changes, and an older file of the same language is deleted once the new one is written.

WeasyPrint fetches nothing but the font files named here (a URL fetcher refuses every other address), so text
typed by users can never make the server read a local file or call another server.
"""

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import translation

from remacto.advisory import selectors as advisory_selectors
from remacto.core.outputs import StoredPdf

from . import selectors
from .models import Adoption, Idea, Programme
from .selectors import axes_with_totals

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
_FONT_FOLDER = Path(__file__).resolve().parent / "data" / "fonts"


@dataclass(frozen=True)
class Font:
    family: str
    weight: int
    path: Path
    format: str

    @property
    def url(self) -> str:
        return self.path.as_uri()


def fonts() -> list[Font]:
    """The font files the PDF embeds, for the template's ``@font-face`` rules (the ones found on disk)."""
    tifinagh = finders.find("remacto/fonts/noto-sans-tifinagh-tifinagh-400-normal.woff2")
    candidates = [
        Font("REMACTO Arabic", 400, _FONT_FOLDER / "NotoNaskhArabic-Regular.ttf", "truetype"),
        Font("REMACTO Arabic", 700, _FONT_FOLDER / "NotoNaskhArabic-Bold.ttf", "truetype"),
    ]
    if tifinagh:
        candidates.append(Font("REMACTO Tifinagh", 400, Path(tifinagh).resolve(), "woff2"))
    return [font for font in candidates if font.path.is_file()]


def _url_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {font.url: font for font in fonts()}

    class FontsOnly(URLFetcher):
        """Serves the font files from disk and refuses every other URL."""

        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(f"not fetched while rendering a programme PDF: {url[:80]}")
            font = allowed[url]
            return URLFetcherResponse(url, font.path.read_bytes(), {"Content-Type": f"font/{font.format}"})

    return FontsOnly()


def text_direction(text: str) -> str:
    """``rtl`` or ``ltr`` after the first strong character of ``text`` (``auto`` when it has none).

    WeasyPrint does not read ``dir="auto"``: text typed by people (Arabic content in the French PDF, French in
    the Arabic one) gets its direction from here.
    """
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


def bars(rows, *, label_dir=text_direction) -> list[dict]:
    """A chart's rows as the PDFs draw them, in HTML (``templates/_pdf_bars.html``): WeasyPrint shapes and orders
    Arabic in HTML text but not in SVG text. Each row (``key``, ``label``, ``value``, ``display``, and ``selected``
    where some are) gets its length in percent of the longest value and its label's direction; rows that may be
    selected and are not are drawn grey."""
    longest = max((float(row.value) for row in rows), default=0) or 1
    return [
        {
            "key": row.key,
            "label": row.label,
            "display": row.display,
            "width": f"{max(float(row.value), 0) / longest * 100:.2f}",
            "dir": label_dir(row.label),
            "selected": getattr(row, "selected", False),
            "muted": getattr(row, "selected", True) is False,
        }
        for row in rows
    ]


def _set_directions(projects) -> None:
    for project in projects:
        project.dirs = {
            name: text_direction(getattr(project, name))
            for name in ("problem", "solution", "funding_source", "responsible_unit")
        }
        for activity in project.activities.all():
            activity.dirs = {name: text_direction(getattr(activity, name)) for name in ("title", "target_groups")}
        for indicator in project.indicators.all():
            indicator.dir = text_direction(indicator.name)


def context(programme: Programme) -> dict:
    """Everything the PDF shows, in a bounded number of queries."""
    projects = list(
        selectors.projects(programme).prefetch_related(
            "indicators", Prefetch("source_ideas", queryset=Idea.objects.visible())
        )
    )
    _set_directions(projects)
    axes = list(axes_with_totals(programme))
    for axis in axes:
        axis.project_list = [p for p in projects if p.axis_id == axis.pk]
    try:
        adoption = programme.adoption
    except Adoption.DoesNotExist:
        adoption = None
    return {
        "programme": programme,
        "axes": axes,
        "projects": projects,
        "budget_total": sum((axis.budget_total or 0 for axis in axes), 0),
        "project_total": sum(axis.project_count for axis in axes),
        "adoption": adoption,
        "opinions": advisory_selectors.on_programme(programme)["opinions"],
        "timeline": selectors.timeline(programme),
        "fonts": fonts(),
    }


def render_html(programme: Programme, language: str) -> str:
    with translation.override(language):
        return render_to_string("cocreation/programme_pdf.html", {**context(programme), "LANGUAGE_CODE": language})


def stored(programme: Programme, language: str) -> StoredPdf:
    """Where the programme's PDFs in ``language`` are stored."""
    return StoredPdf(f"programmes/{programme.pk}", f"{programme.collectivity.slug}-{programme.cycle}-{language}-")


def current_name(programme: Programme, language: str) -> str:
    """Where the PDF of the programme as it is now is (or will be) stored."""
    return stored(programme, language).name(render_html(programme, language))


def write_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_url_fetcher(), base_url=None).write_pdf()


def render(programme: Programme, language: str, html: str | None = None) -> str:
    """Render and store the PDF of ``programme`` in ``language`` unless it exists; return its storage name."""
    html = html if html is not None else render_html(programme, language)
    return stored(programme, language).store(html, write_pdf)


def filename(programme: Programme, language: str) -> str:
    """The name a reader's browser saves the PDF under."""
    return f"programme-{programme.collectivity.slug}-{programme.cycle}-{language}.pdf"
