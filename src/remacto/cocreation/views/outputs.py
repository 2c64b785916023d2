"""The programme's public outputs: its page with the timeline, the statistics with charts, the PDF, the exports.

Everything here is public: no sign-in, and hidden ideas and projects never appear.
"""

from django.core.exceptions import BadRequest
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import get_language, get_language_bidi
from django.views.decorators.http import require_safe

from remacto.advisory import selectors as advisory_selectors
from remacto.core import outputs
from remacto.practices import selectors as practices_selectors

from .. import charts, exports, output_tasks, pdf, selectors
from ..models import Adoption, Meeting, Phase, Project
from ..selectors import axes_with_totals
from ..statistics import programme_statistics
from .common import programme_context

RECENT_MEETINGS = 5


def _adoption(programme) -> Adoption | None:
    try:
        return programme.adoption
    except Adoption.DoesNotExist:
        return None


def _projects_by_status(programme) -> list[dict]:
    counts = selectors.projects_by_status(programme)
    return [
        {"status": value, "label": label, "count": counts[value]}
        for value, label in Project.Status.choices
        if counts.get(value)
    ]


@require_safe
def programme(request, slug: str, cycle: str):
    """The public page of a programme: where it stands, what a citizen can do now, and what it contains."""
    ctx = programme_context(request, slug, cycle, "programme")
    programme = ctx["programme"]
    timeline = selectors.timeline(programme)
    current = next(step for step in timeline if step["state"] == "current")
    phase_dates = {step["phase"]: step["dates"] for step in timeline}
    axes = list(axes_with_totals(programme))
    ideas_with_axis = sum(axis.idea_count for axis in axes)
    meetings = list(selectors.meetings(programme))
    now = timezone.now()
    upcoming = [m for m in meetings if m.starts_at and m.starts_at >= now]
    past = [m for m in meetings if m.starts_at and m.starts_at < now]
    by_status = _projects_by_status(programme)
    return render(
        request,
        "cocreation/programme.html",
        {
            **ctx,
            "timeline": timeline,
            "current": current,
            "ideas_dates": phase_dates.get(Phase.IDEAS),
            "phase_changes": list(programme.phase_changes.all()),
            "axes": axes,
            "ideas_with_axis": ideas_with_axis,
            "ideas_without_axis": selectors.visible_ideas(programme).count() - ideas_with_axis,
            "budget_total": sum((axis.budget_total or 0 for axis in axes), 0),
            "projects_by_status": by_status,
            "project_count": sum(row["count"] for row in by_status),
            "next_meetings": upcoming[:RECENT_MEETINGS],
            "next_public_meeting": next((m for m in upcoming if m.kind != Meeting.Kind.COMMITTEE), None),
            "past_meetings": past[-RECENT_MEETINGS:][::-1],
            "committee": list(programme.committee.all()),
            "committee_meetings": [m for m in past if m.kind == Meeting.Kind.COMMITTEE],
            "advisory": advisory_selectors.on_programme(programme),
            "can_request_opinion": request.user.has_perm("advisory.manage_bodies", programme.collectivity),
            "adoption": _adoption(programme),
            "pdf_languages": pdf.LANGUAGES,
            "practice_uses": list(practices_selectors.template_uses(programme)),
        },
    )


@require_safe
def statistics(request, slug: str, cycle: str):
    """Participation statistics with charts drawn on the server and the same numbers in tables."""
    ctx = programme_context(request, slug, cycle, "statistics")
    stats = programme_statistics(ctx["programme"])
    rtl = get_language_bidi()
    charts_ = [{"series": series, "svg": charts.bar_chart(series, rtl=rtl)} for series in stats.series]
    return render(request, "cocreation/statistics.html", {**ctx, "stats": stats, "charts": charts_})


@require_safe
def programme_pdf(request, slug: str, cycle: str, lang: str):
    """The programme's PDF in ``lang``: the file when it is ready, otherwise a page that waits for it."""
    if lang not in pdf.LANGUAGES:
        raise Http404
    ctx = programme_context(request, slug, cycle, "programme")
    programme = ctx["programme"]
    name = pdf.current_name(programme, lang)
    # The waiting page shows the file store and the worker's progress, which the anonymous page cache cannot see
    # change: it is never cached.
    return outputs.pdf_or_waiting_page(
        request,
        name,
        output=output_tasks.PDF,
        start=lambda: output_tasks.start(programme, lang, name),
        filename=pdf.filename(programme, lang),
        template="cocreation/export_status.html",
        partial="cocreation/_export_status.html",
        context={**ctx, "pdf_language": lang},
    )


def _what(request) -> str:
    what = request.GET.get("what", "ideas")
    if what not in exports.WHAT:
        raise BadRequest("what must be ideas or projects")
    return what


def _in_language(language: str, chunks):
    """Stream ``chunks`` with ``language`` active: the response is written after the view has returned."""
    with translation.override(language):
        yield from chunks


def _export(request, slug: str, cycle: str, fmt: str):
    what = _what(request)
    programme = selectors.programme(slug, cycle)
    columns, rows = exports.records(programme, what)
    if fmt == "csv":
        chunks, content_type = exports.csv_rows(columns, rows), "text/csv; charset=utf-8"
    else:
        chunks, content_type = exports.json_chunks(programme, what, rows), "application/json; charset=utf-8"
    response = StreamingHttpResponse(_in_language(get_language(), chunks), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{programme.collectivity.slug}-{cycle}-{what}.{fmt}"'
    return response


@require_safe
def export_csv(request, slug: str, cycle: str):
    """The programme's ideas or projects (``?what=``) as CSV, UTF-8 with a byte-order mark for spreadsheets."""
    return _export(request, slug, cycle, "csv")


@require_safe
def export_json(request, slug: str, cycle: str):
    """The programme's ideas or projects (``?what=``) as one JSON document."""
    return _export(request, slug, cycle, "json")
