"""Campaign pages: the lists, a campaign's page, the rules page with a worked example, and staff settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from remacto.advisory import selectors as advisory_selectors
from remacto.core.forms import apply_service_errors
from remacto.core.pagination import paginate
from remacto.territories.models import Collectivity

from .. import selectors, worked_example
from ..forms import CampaignForm, DistrictFormSet
from ..services import campaigns as service
from .common import campaign_context, require_flag


@require_safe
def all_campaigns(request):
    """Every member's campaigns, newest first."""
    page = paginate(request, selectors.campaigns())
    return render(request, "budgets/campaigns.html", {"page": page, "collectivity": None})


@require_safe
def campaign_list(request, slug: str):
    collectivity = get_object_or_404(Collectivity, slug=slug)
    page = paginate(request, selectors.campaigns(collectivity))
    can_manage = request.user.has_perm("budgets.manage_campaign", collectivity)
    return render(
        request, "budgets/campaigns.html", {"page": page, "collectivity": collectivity, "can_manage": can_manage}
    )


@require_safe
def campaign(request, slug: str, pk: int):
    """A campaign's page: where it stands, what a resident can do now, its budget, calendar and rules."""
    ctx = campaign_context(request, slug, pk, "campaign")
    campaign = ctx["campaign"]
    ctx["districts"] = list(campaign.districts.all())
    ctx["calendar"] = selectors.calendar(campaign)
    ctx["counts"] = selectors.campaign_counts(campaign)
    ctx["advisory"] = advisory_selectors.on_campaign(campaign)
    return render(request, "budgets/campaign.html", ctx)


@require_safe
def rules_page(request, slug: str, pk: int):
    """How votes are counted, in plain words, with a small example counted by the campaign's own rule."""
    ctx = campaign_context(request, slug, pk, "rules")
    ctx["example"] = worked_example.example(ctx["campaign"])
    return render(request, "budgets/rules.html", ctx)


@login_required
@require_safe
def manage(request, slug: str, pk: int):
    ctx = campaign_context(request, slug, pk, "manage")
    if not ctx["is_staff_here"]:
        raise PermissionDenied
    ctx["counts"] = selectors.campaign_counts(ctx["campaign"])
    return render(request, "budgets/manage.html", ctx)


@login_required
def campaign_create(request, slug: str):
    collectivity = get_object_or_404(Collectivity, slug=slug)
    if not request.user.has_perm("budgets.manage_campaign", collectivity):
        raise PermissionDenied
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = service.create_campaign(request.user, collectivity, form.values())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The campaign is created. Add its districts or categories if it has any."))
            return redirect("budgets:manage", slug=slug, pk=campaign.pk)
    return render(
        request,
        "budgets/form_page.html",
        {"title": _("New participatory budget"), "form": form, "subject": collectivity},
    )


@login_required
def campaign_edit(request, slug: str, pk: int):
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_manage")
    form = CampaignForm(request.POST or None, instance=ctx["campaign"])
    if request.method == "POST" and form.is_valid():
        try:
            service.update_campaign(request.user, ctx["campaign"], form.values())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The campaign's settings are saved."))
            return redirect("budgets:manage", slug=slug, pk=pk)
    return render(request, "budgets/form_page.html", {**ctx, "title": _("Campaign settings"), "form": form})


@login_required
def districts_edit(request, slug: str, pk: int):
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_manage")
    campaign = ctx["campaign"]
    initial = [{"kind": d.kind, "name": d.name, "budget": d.budget} for d in campaign.districts.all()]
    formset = DistrictFormSet(request.POST or None, initial=initial)
    if request.method == "POST" and formset.is_valid():
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        try:
            service.save_districts(request.user, campaign, rows)
        except ValidationError as exc:
            formset._non_form_errors = formset.error_class(exc.messages)
        else:
            messages.success(request, _("The districts and categories are saved."))
            return redirect("budgets:manage", slug=slug, pk=pk)
    return render(request, "budgets/districts.html", {**ctx, "formset": formset})


@login_required
@require_POST
def lock(request, slug: str, pk: int):
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_manage")
    try:
        service.lock_rules(request.user, ctx["campaign"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The rules are locked: they can no longer change."))
    return redirect("budgets:manage", slug=slug, pk=pk)
