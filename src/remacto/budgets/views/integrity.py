"""Integrity review pages: the signals of a campaign, and one signal with its ballots and the decision."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from remacto.core.forms import apply_service_errors
from remacto.core.http import client_ip, too_many_requests
from remacto.core.pagination import paginate, querystring_without_page
from remacto.participation import limits

from .. import selectors
from ..models import IntegrityFlag
from ..review_forms import FlagDecisionForm
from ..services import integrity as service
from .common import campaign_context, require_flag


def _context(request, slug: str, pk: int) -> dict:
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_review_integrity")
    return ctx


@login_required
def integrity(request, slug: str, pk: int):
    """The campaign's signals, to review first, filtered by status."""
    return _signals_page(request, _context(request, slug, pk))


def _signals_page(request, ctx: dict):
    status = request.GET.get("status", IntegrityFlag.Status.OPEN)
    if status not in (*IntegrityFlag.Status.values, "all"):
        status = IntegrityFlag.Status.OPEN
    ctx["status"] = status
    counts = selectors.integrity_counts(ctx["campaign"])
    ctx["statuses"] = [(value, label, counts[value]) for value, label in IntegrityFlag.Status.choices]
    ctx["page"] = paginate(request, selectors.integrity_flags(ctx["campaign"], None if status == "all" else status))
    ctx["querystring"] = querystring_without_page(request)
    ctx["exclusions"] = selectors.exclusions(ctx["campaign"])
    return render(request, "budgets/integrity.html", ctx)


@login_required
@require_POST
def integrity_scan(request, slug: str, pk: int):
    ctx = _context(request, slug, pk)
    try:
        service.request_scan(request.user, ctx["campaign"], address=client_ip(request))
    except ValidationError as exc:  # run too often: the list, with the reason, as a 429
        messages.error(request, " ".join(exc.messages))
        return too_many_requests(_signals_page(request, ctx), limits.retry_after(exc))
    messages.success(request, _("The checks are running; new signals appear in the list when they finish."))
    return redirect("budgets:integrity", slug=slug, pk=pk)


@login_required
def integrity_flag(request, slug: str, pk: int, flag: int):
    """One signal: its ballots (cast times and choices, nothing personal) and the decision."""
    ctx = _context(request, slug, pk)
    flag = get_object_or_404(IntegrityFlag.objects.select_related("reviewed_by"), pk=flag, campaign=ctx["campaign"])
    flag.campaign = ctx["campaign"]
    form = FlagDecisionForm(request.POST or None, flag=flag)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == form.CLEAR:
                service.clear_flag(request.user, flag, data["reason"])
            elif data["decision"] == form.EXCLUDE:
                service.exclude_ballots(request.user, flag, data["ballots"], data["reason"])
            else:
                service.reinclude_ballots(request.user, flag, data["ballots"], data["reason"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("budgets:integrity_flag", slug=slug, pk=pk, flag=flag.pk)
    ballots = selectors.flag_ballots(flag)
    chosen = {str(pk) for pk in (form["ballots"].value() or [])}
    for ballot in ballots:
        ballot["checked"] = str(ballot["id"]) in chosen
    ctx.update({"flag": flag, "ballots": ballots, "form": form})
    return render(request, "budgets/integrity_flag.html", ctx, status=400 if form.errors else 200)
