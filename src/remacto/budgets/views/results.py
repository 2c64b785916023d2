"""Counts and results: the public results page (staff who may count preview an unpublished count), the staff
page that starts a count, follows it and publishes it, the results PDF, and a selected project's follow-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from remacto.core import outputs
from remacto.core.forms import apply_service_errors

from .. import output_tasks, pdf, selectors
from .. import results as results_data
from ..forms import ImplementationForm
from ..models import Count, Proposal
from ..services import counting as service
from .common import campaign_context, require_flag

RECENT_COUNTS = 5


def _chosen_count(request, ctx: dict) -> tuple[Count | None, bool]:
    """The count to show: ``?count=`` for staff who may count (one of this campaign's finished counts), else the
    published one, or for those staff the latest finished count as a preview."""
    campaign = ctx["campaign"]
    wanted = request.GET.get("count")
    if wanted is not None and ctx["can_count"]:
        if not wanted.isdigit():
            raise BadRequest("count must be a number")
        count = get_object_or_404(Count, pk=int(wanted), campaign=campaign, status=Count.Status.DONE)
        return count, count.published_at is None
    return selectors.shown_count(campaign, ctx["can_count"])


@require_safe
def results(request, slug: str, pk: int):
    """The results: winners, a chart and every project's reason, the figures of the count and its rules."""
    ctx = campaign_context(request, slug, pk, "results")
    count, preview = _chosen_count(request, ctx)
    if count is None:
        if ctx["can_count"]:
            return redirect("budgets:count", slug=slug, pk=pk)
        raise Http404
    shown = results_data.build(ctx["campaign"], count, rtl=get_language_bidi())
    response = render(
        request,
        "budgets/results.html",
        {**ctx, "results": shown, "preview": preview, "pdf_languages": pdf.LANGUAGES},
    )
    if preview:
        add_never_cache_headers(response)
    return response


@login_required
def count(request, slug: str, pk: int):
    """Staff: start a count once voting has closed, follow it, and publish a finished count."""
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_count")
    campaign = ctx["campaign"]
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "start":
                service.request_count(request.user, campaign)
                messages.success(request, _("The count has started."))
            elif action == "publish":
                wanted = request.POST.get("count", "")
                if not wanted.isdigit():
                    raise BadRequest("count must be a number")
                chosen = get_object_or_404(Count, pk=int(wanted), campaign=campaign)
                service.publish_results(request.user, campaign, chosen)
                messages.success(request, _("The results are published."))
                return redirect("budgets:results", slug=slug, pk=pk)
            else:
                raise BadRequest("unknown action")
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("budgets:count", slug=slug, pk=pk)
    counts = list(campaign.counts.select_related("requested_by").order_by("-created_at", "-id")[:RECENT_COUNTS])
    response = render(
        request,
        "budgets/count.html",
        {
            **ctx,
            "counts": counts,
            "latest": counts[0] if counts else None,
            "voting_closed": timezone.now() >= campaign.voting_end,
            "tallies": selectors.campaign_counts(campaign),
        },
    )
    add_never_cache_headers(response)
    return response


@login_required
@require_safe
def count_status(request, slug: str, pk: int, count: int):
    """A count's progress: the progress block for htmx polling, JSON otherwise."""
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_count")
    job = get_object_or_404(Count, pk=count, campaign=ctx["campaign"])
    if request.htmx:
        response = render(request, "budgets/_count_progress.html", {**ctx, "job": job})
    else:
        response = JsonResponse(
            {
                "status": job.status,
                "progress": job.progress,
                "running": job.is_running,
                "stale": job.is_stale,
                "error": job.error if job.status == Count.Status.FAILED else "",
                "published": job.published_at is not None,
            }
        )
    add_never_cache_headers(response)
    return response


@require_safe
def results_pdf(request, slug: str, pk: int, lang: str):
    """The results PDF in ``lang``: the file when it is ready, otherwise a page that waits for it."""
    if lang not in pdf.LANGUAGES:
        raise Http404
    ctx = campaign_context(request, slug, pk, "results")
    campaign = ctx["campaign"]
    count, preview = _chosen_count(request, ctx)
    if count is None:
        raise Http404
    name = pdf.current_name(campaign, count, lang, preview=preview)
    return outputs.pdf_or_waiting_page(
        request,
        name,
        output=output_tasks.PDF,
        start=lambda: output_tasks.start(count, lang, name, preview=preview),
        filename=pdf.filename(campaign, lang),
        template="budgets/pdf_status.html",
        partial="budgets/_pdf_status.html",
        context={**ctx, "pdf_language": lang},
    )


@login_required
def implementation_edit(request, slug: str, pk: int, code: str):
    """Staff: where a selected project stands in its implementation."""
    ctx = campaign_context(request, slug, pk, "results")
    require_flag(ctx, "can_manage")
    proposal = get_object_or_404(Proposal, campaign=ctx["campaign"], code=code)
    initial = {
        "status": proposal.implementation_status,
        "progress": proposal.implementation_progress,
        "note": proposal.implementation_note,
    }
    form = ImplementationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service.update_implementation(request.user, proposal, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The implementation of the project is updated."))
            return redirect("budgets:results", slug=slug, pk=pk)
    return render(
        request,
        "budgets/form_page.html",
        {**ctx, "title": _("Implementation of the project"), "subject": proposal, "form": form},
    )
