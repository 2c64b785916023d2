"""Proposal pages: the public list and proposal page with its photos, proposing, editing, withdrawing and
appealing (authors), the reviewers' queue and decision, and the promotion of a co-creation idea (staff)."""

import posixpath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from remacto.core import media
from remacto.core.forms import apply_service_errors
from remacto.core.http import next_url, too_many_requests
from remacto.core.pagination import paginate, querystring_without_page
from remacto.participation import limits

from .. import selectors
from ..models import Appeal, Proposal, ProposalPhoto
from ..proposal_forms import (
    AppealAnswerForm,
    AppealForm,
    IdeaSearchForm,
    ProposalFilterForm,
    ProposalForm,
    ReviewForm,
    organisations_of,
)
from ..services import proposals as service
from .common import campaign_context, require_flag

PER_PAGE = 20
REVIEW_PER_PAGE = 20


def _can_moderate(request, campaign) -> bool:
    user = request.user
    return user.is_authenticated and user.has_perm("participation.moderate", campaign.collectivity)


def _proposal(ctx: dict, code: str) -> Proposal:
    proposal = selectors.proposal(ctx["campaign"], code)
    proposal.campaign = ctx["campaign"]
    return proposal


def _in_campaign(proposals, campaign) -> list[Proposal]:
    """The proposals of a page, sharing the campaign already loaded (their links need its collectivity)."""
    proposals = list(proposals)
    for item in proposals:
        item.campaign = campaign
    return proposals


# Public list and proposal page ----------------------------------------------------------------------------------


@require_safe
def proposal_list(request, slug: str, pk: int):
    ctx = campaign_context(request, slug, pk, "proposals")
    campaign = ctx["campaign"]
    districts = list(campaign.districts.all())
    form = ProposalFilterForm(request.GET or None, districts=districts)
    filters = form.filters() if request.GET else {}
    page = paginate(request, selectors.proposal_list(campaign, filters), per_page=PER_PAGE)
    page.object_list = _in_campaign(page.object_list, campaign)
    return render(
        request,
        "budgets/proposals.html",
        {
            **ctx,
            "form": form,
            "page": page,
            "districts": districts,
            "querystring": querystring_without_page(request),
            "filtered": any(filters.get(key) for key in ("q", "status", "district")),
            "proposals_open": service.proposals_open(campaign),
        },
    )


@require_safe
def proposal(request, slug: str, pk: int, code: str):
    ctx = campaign_context(request, slug, pk, "proposals")
    proposal = _proposal(ctx, code)
    user = request.user
    can_moderate = _can_moderate(request, ctx["campaign"])
    appeal = selectors.appeal_of(proposal)
    return render(
        request,
        "budgets/proposal.html",
        {
            **ctx,
            "proposal": proposal,
            "photos": list(proposal.photos.all()),
            "appeal": appeal,
            "can_edit": service.can_edit(proposal, user),
            "can_withdraw": service.can_withdraw(proposal, user),
            "can_appeal": service.can_appeal(proposal, user, appeal),
            "can_moderate": can_moderate,
            "show_content": not proposal.is_hidden or can_moderate,
        },
    )


@require_safe
def proposal_photo(request, slug: str, pk: int, code: str, photo: int):
    """A proposal's photo, shown inline; a hidden proposal's photos are for moderators only."""
    ctx = campaign_context(request, slug, pk, "proposals")
    item = get_object_or_404(
        ProposalPhoto.objects.select_related("proposal"),
        pk=photo,
        proposal__campaign=ctx["campaign"],
        proposal__code=code,
    )
    if item.proposal.is_hidden and not _can_moderate(request, ctx["campaign"]):
        raise Http404
    name = posixpath.basename(item.image.name)
    content_type = "image/png" if name.lower().endswith(".png") else "image/jpeg"  # stored re-encoded as one of them
    return media.stored_file(item.image.name, filename=name, as_attachment=False, content_type=content_type)


# Authors --------------------------------------------------------------------------------------------------------


@login_required
def propose(request, slug: str, pk: int):
    ctx = campaign_context(request, slug, pk, "proposals")
    campaign = ctx["campaign"]
    if not service.proposals_open(campaign):
        if request.method == "POST":
            messages.error(request, _("Proposals are not open for this campaign; your proposal was not sent."))
        return render(request, "budgets/proposals_closed.html", ctx, status=403 if request.method == "POST" else 200)
    form = ProposalForm(
        request.POST or None,
        request.FILES or None,
        districts=list(campaign.districts.all()),
        organisations=organisations_of(request.user),
    )
    wait = None
    if request.method == "POST" and form.is_valid():
        try:
            proposal = service.submit_proposal(
                request.user, campaign, form.values(), files=request.FILES.getlist("photos")
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
        else:
            messages.success(
                request,
                _("Thank you: your proposal %(code)s is published. The collectivity will review its feasibility.")
                % {"code": proposal.code},
            )
            return redirect(proposal.get_absolute_url())
    response = render(
        request,
        "budgets/proposal_form.html",
        {
            **ctx,
            "form": form,
            "title": _("Propose a project"),
            "files_lost": request.method == "POST" and bool(request.FILES),
        },
    )
    return too_many_requests(response, wait)


@login_required
def proposal_edit(request, slug: str, pk: int, code: str):
    ctx = campaign_context(request, slug, pk, "proposals")
    proposal = _proposal(ctx, code)
    if proposal.author_id != request.user.pk:
        raise PermissionDenied
    if not service.can_edit(proposal, request.user):
        messages.error(request, _("This proposal can no longer be edited."))
        return redirect(proposal.get_absolute_url())
    initial = {name: getattr(proposal, name) for name in ("title", "description", "place", "estimated_cost")}
    initial["district"] = str(proposal.district_id or "")
    initial["organisation"] = str(proposal.organisation_id or "")
    form = ProposalForm(
        request.POST or None,
        initial=initial,
        districts=list(ctx["campaign"].districts.all()),
        organisations=organisations_of(request.user),
        with_photos=False,
    )
    if request.method == "POST" and form.is_valid():
        try:
            service.edit_proposal(request.user, proposal, form.values())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your proposal is updated."))
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "budgets/proposal_form.html",
        {**ctx, "form": form, "proposal": proposal, "title": _("Edit your proposal")},
    )


@login_required
def proposal_withdraw(request, slug: str, pk: int, code: str):
    """A confirmation page, then the withdrawal (POST)."""
    ctx = campaign_context(request, slug, pk, "proposals")
    proposal = _proposal(ctx, code)
    if proposal.author_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        try:
            service.withdraw_proposal(request.user, proposal)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Your proposal is withdrawn. It stays listed, marked withdrawn."))
        return redirect(proposal.get_absolute_url())
    if not service.can_withdraw(proposal, request.user):
        messages.error(request, _("This proposal can no longer be withdrawn."))
        return redirect(proposal.get_absolute_url())
    return render(request, "budgets/proposal_withdraw.html", {**ctx, "proposal": proposal})


@login_required
def appeal(request, slug: str, pk: int, code: str):
    ctx = campaign_context(request, slug, pk, "proposals")
    proposal = _proposal(ctx, code)
    if proposal.author_id != request.user.pk:
        raise PermissionDenied
    if not service.can_appeal(proposal, request.user, selectors.appeal_of(proposal)):
        messages.error(request, _("This decision cannot be appealed now."))
        return redirect(proposal.get_absolute_url())
    form = AppealForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service.submit_appeal(request.user, proposal, form.cleaned_data["text"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your appeal is sent. The reviewers will answer it publicly."))
            return redirect(proposal.get_absolute_url())
    return render(request, "budgets/appeal.html", {**ctx, "proposal": proposal, "form": form})


# Reviewers ------------------------------------------------------------------------------------------------------


def _appeal(proposal: Proposal) -> Appeal | None:
    try:
        return proposal.appeal
    except Appeal.DoesNotExist:
        return None


def _pending_appeal(proposal: Proposal, appeal: Appeal | None) -> bool:
    return appeal is not None and not appeal.is_answered and proposal.status == Proposal.Status.REJECTED


def _decision_form(proposal: Proposal, appeal: Appeal | None, data=None, **kwargs):
    """The form a reviewer fills for ``proposal``: the answer to its pending appeal, else the review."""
    if _pending_appeal(proposal, appeal):
        return AppealAnswerForm(data, **kwargs)
    initial = {}
    if proposal.status in (Proposal.Status.ACCEPTED, Proposal.Status.REJECTED):
        decision = service.Decision.ACCEPT if proposal.status == Proposal.Status.ACCEPTED else service.Decision.REJECT
        initial = {"decision": decision, "cost": proposal.cost, "reason": proposal.review_reason}
    return ReviewForm(data, initial=initial, **kwargs)


def _review_url(campaign) -> str:
    return reverse("budgets:review", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk})


@login_required
@require_safe
def review(request, slug: str, pk: int):
    """The reviewers' queue: a decision form per proposal (or per pending appeal), posted one at a time."""
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_review")
    campaign = ctx["campaign"]
    which = request.GET.get("status")
    if which not in selectors.REVIEW_FILTERS:
        which = "awaiting"
    page = paginate(request, selectors.review_queue(campaign, which), per_page=REVIEW_PER_PAGE)
    rows = []
    for item in _in_campaign(page.object_list, campaign):
        appeal = _appeal(item)
        rows.append(
            {
                "proposal": item,
                "appeal": appeal,
                "pending_appeal": _pending_appeal(item, appeal),
                "form": _decision_form(item, appeal, auto_id=f"id_p{item.pk}_%s"),
            }
        )
    page.object_list = rows
    return render(
        request,
        "budgets/review.html",
        {
            **ctx,
            "page": page,
            "status": which,
            "counts": selectors.review_counts(campaign),
            "filters": list(selectors.REVIEW_FILTERS),
            "querystring": querystring_without_page(request),
            "is_open": service.review_open(campaign),
            "next_url": request.get_full_path(),
        },
    )


@login_required
def review_one(request, slug: str, pk: int, code: str):
    """One proposal's decision (or the answer to its appeal): the page shows the form, a POST decides."""
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_review")
    campaign = ctx["campaign"]
    proposal = _proposal(ctx, code)
    appeal = selectors.appeal_of(proposal)
    pending = _pending_appeal(proposal, appeal)
    form = _decision_form(proposal, appeal, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if pending:
                service.answer_appeal(request.user, appeal, data["decision"], data["cost"], data["answer"])
            else:
                service.review_proposal(request.user, proposal, data["decision"], data["cost"], data["reason"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if pending:
                messages.success(request, _("The answer to the appeal is saved and sent to the author."))
            else:
                messages.success(request, _("The decision is saved and sent to the proposal's author."))
            return redirect(f"{next_url(request, _review_url(campaign))}#proposal-{proposal.pk}")
    return render(
        request,
        "budgets/review_one.html",
        {
            **ctx,
            "proposal": proposal,
            "row": {"proposal": proposal, "appeal": appeal, "pending_appeal": pending, "form": form},
            "is_open": service.review_open(campaign),
            "next_url": next_url(request, _review_url(campaign)),
        },
    )


@login_required
def promote_idea(request, slug: str, pk: int):
    """Choose an idea of the collectivity's programmes, then complete the proposal form prefilled from it."""
    from remacto.cocreation.models import Idea

    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_review")
    campaign = ctx["campaign"]
    chosen = request.POST.get("idea") or request.GET.get("idea")
    if not chosen:
        search = IdeaSearchForm(request.GET or None)
        text = search.cleaned_data.get("q", "") if search.is_valid() else ""
        page = paginate(request, selectors.promotable_ideas(campaign, text), per_page=PER_PAGE)
        return render(
            request,
            "budgets/promote_choose.html",
            {**ctx, "form": search, "page": page, "querystring": querystring_without_page(request)},
        )
    if not chosen.isdigit() or len(chosen) > 12:
        raise Http404
    idea = get_object_or_404(
        Idea.objects.visible().select_related("programme", "author"),
        pk=int(chosen),
        programme__collectivity=campaign.collectivity,
    )
    initial = {
        "title": idea.title[:200],
        "description": "\n\n".join(t for t in (idea.problem, idea.solution, idea.expected_impact) if t)[:5000],
        "place": idea.place,
    }
    form = ProposalForm(
        request.POST or None, initial=initial, districts=list(campaign.districts.all()), with_photos=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            proposal = service.promote_idea(request.user, campaign, idea, form.values())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, _("The idea is now the proposal %(code)s, awaiting review.") % {"code": proposal.code}
            )
            return redirect(proposal.get_absolute_url())
    return render(
        request,
        "budgets/proposal_form.html",
        {**ctx, "form": form, "idea": idea, "title": _("Promote an idea to a proposal")},
    )
