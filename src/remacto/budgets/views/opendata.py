"""Open data of a campaign's results: the anonymous ballots as a pabulib file and the results as CSV.

Public once the results are published; before that, only the campaign's staff who may count (see
:func:`remacto.budgets.exports.exportable_count`).
"""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from remacto.core import media, outputs

from .. import exports, opendata_tasks
from .common import campaign_context


def _count(request, slug: str, pk: int, active: str):
    ctx = campaign_context(request, slug, pk, active)
    count = exports.exportable_count(ctx["campaign"], request.user)
    if count is None:
        raise Http404
    return ctx, count


def _private(response, ctx):
    """Results not yet published are for staff: no shared cache may keep them."""
    if ctx["campaign"].results_published_at is None:
        patch_cache_control(response, private=True)
    return response


@require_safe
def export_pb(request, slug: str, pk: int):
    """The pabulib file of the counted ballots: the file when it is ready, otherwise a page that waits for it."""
    ctx, count = _count(request, slug, pk, "results")
    campaign = ctx["campaign"]
    name = exports.storage_name(campaign, count)
    ready, failed = outputs.ready_or_started(
        name,
        failed=opendata_tasks.failed,
        start=lambda: opendata_tasks.start(campaign, count, name),
        polling=request.htmx,
    )
    if ready and not request.htmx:
        response = media.stored_file(
            name, filename=exports.filename(campaign), as_attachment=True, content_type="text/plain; charset=utf-8"
        )
        response["Cache-Control"] = "no-cache"
        return _private(response, ctx)
    template = "budgets/_export_status.html" if request.htmx else "budgets/export_status.html"
    context = {**ctx, "ready": ready, "failed": failed, "progress": opendata_tasks.progress(name)}
    response = render(request, template, context)
    # The page shows the file store and the worker's progress, which the anonymous page cache cannot see change.
    add_never_cache_headers(response)
    return response


def _in_language(language: str, chunks):
    """Stream ``chunks`` with ``language`` active: the response is written after the view has returned."""
    with translation.override(language):
        yield from chunks


@require_safe
def export_csv(request, slug: str, pk: int):
    """The projects with their cost, votes, score, whether they were selected and why, as CSV."""
    ctx, count = _count(request, slug, pk, "results")
    campaign = ctx["campaign"]
    chunks = _in_language(get_language(), exports.csv_lines(campaign, count))
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{campaign.collectivity.slug}-budget-{campaign.pk}.csv"'
    return _private(response, ctx)
