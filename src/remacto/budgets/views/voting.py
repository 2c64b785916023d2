"""Voting pages: the eligibility and verification steps, the ballot, the confirmation with its receipt, the public
receipt check, and the staff pages that issue one-time desk codes.

The ballot is a plain form that works without JavaScript; ``budget-ballot.js`` adds a live budget bar to
knapsack ballots. CIN numbers, phone numbers and codes are marked sensitive: error reports never show them.
"""

import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from remacto.core.formatting import format_number
from remacto.core.forms import apply_service_errors
from remacto.core.http import client_ip, too_many_requests
from remacto.participation import limits

from .. import identity, selectors
from ..models import BallotType, CampaignPhase, Verification
from ..services import eligibility, voting
from ..voting_forms import CodeForm, DeskCodesForm, ReceiptForm, VerifyForm, parse_ballot, posted_district
from .common import campaign_context, require_flag

DEVICE_COOKIE = "remacto_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 60 * 60


def _closed(request, ctx):
    return render(request, "budgets/vote_closed.html", ctx)


# Eligibility and verification --------------------------------------------------------------------------------------


@sensitive_post_parameters("cin", "phone", "desk_code")
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request, slug: str, pk: int):
    """Who may vote, and the steps to prove it: declarations and the campaign's identity check."""
    ctx = campaign_context(request, slug, pk, "vote")
    campaign = ctx["campaign"]
    if ctx["phase"] != CampaignPhase.VOTING:
        return _closed(request, ctx)
    check = eligibility.check_of(request.user, campaign)
    if eligibility.is_complete(check, campaign):
        return redirect("budgets:vote", slug=slug, pk=pk)
    form = VerifyForm(campaign, request.POST or None)
    wait = None
    if request.method == "POST" and form.is_valid():
        try:
            done = eligibility.declare(request.user, campaign, form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
        else:
            if done.code_sent:
                messages.success(request, _("We sent you a code by SMS. Type it below."))
                return redirect("budgets:verify_code", slug=slug, pk=pk)
            messages.success(request, _("You may vote in this campaign."))
            return redirect("budgets:vote", slug=slug, pk=pk)
    ctx.update(
        {
            "form": form,
            "email_check": campaign.verification == Verification.EMAIL,
            "code_sent": check is not None
            and campaign.verification == Verification.PHONE
            and check.phone_codes.filter(used_at=None).exists(),
        }
    )
    return too_many_requests(render(request, "budgets/verify.html", ctx), wait)


@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify_code(request, slug: str, pk: int):
    """The code received by SMS."""
    ctx = campaign_context(request, slug, pk, "vote")
    campaign = ctx["campaign"]
    if ctx["phase"] != CampaignPhase.VOTING:
        return _closed(request, ctx)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            eligibility.confirm_phone_code(request.user, campaign, form.cleaned_data["code"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your phone number is confirmed. You may vote."))
            return redirect("budgets:vote", slug=slug, pk=pk)
    return render(request, "budgets/verify_code.html", {**ctx, "form": form})


# The ballot ----------------------------------------------------------------------------------------------------


def _groups(campaign, proposals, district, marks: dict) -> list[dict]:
    """The ballot's projects in groups with the budget each must fit: the voter's district, each category, or the
    whole campaign; ``marks`` maps a proposal's pk (str) to its ticked state, points or rank."""
    groups: dict = {}
    for proposal in proposals:
        key = district if district is not None else proposal.district
        group = groups.setdefault(key, {"district": key, "rows": []})
        group["rows"].append({"proposal": proposal, "mark": marks.get(str(proposal.pk), "")})
    for key, group in groups.items():
        group["budget"] = key.budget if key is not None else campaign.budget
    return sorted(groups.values(), key=lambda g: (g["district"] is not None, getattr(g["district"], "position", 0)))


def _marks(campaign, ballot, data) -> dict:
    """What the form shows as chosen: the voter's submission after a refusal, else their current ballot."""
    if data is not None:
        if campaign.ballot_type in (BallotType.APPROVAL, BallotType.KNAPSACK):
            return {value: True for value in data.getlist("choice")}
        prefix = "points-" if campaign.ballot_type == BallotType.CUMULATIVE else "rank-"
        return {k.removeprefix(prefix): v for k, v in data.items() if k.startswith(prefix)}
    if ballot is None:
        return {}
    choices = list(ballot.choices.all())
    if campaign.ballot_type == BallotType.CUMULATIVE:
        return {str(c.proposal_id): str(c.points) for c in choices}
    if campaign.ballot_type == BallotType.RANKED:
        return {str(c.proposal_id): str(c.rank) for c in choices}
    return {str(c.proposal_id): True for c in choices}


def _budget_bar_texts() -> dict:
    """What the budget bar script writes, in the page's language (it fills in the amounts)."""
    sample = format_number(1000.5, 1)
    return {
        "money_template": _("%(amount)s MAD"),
        "group_mark": sample[1],
        "decimal_mark": sample[-2],
        "text_ok": _("Spent: %(spent)s. Left: %(left)s."),
        "text_over": _("Over budget by %(over)s: untick a project to fit in %(budget)s."),
    }


def _device(request) -> tuple[str, bool]:
    """The browser's long-lived random id, and whether it is new (to be set as a cookie)."""
    value = request.COOKIES.get(DEVICE_COOKIE, "")
    if 16 <= len(value) <= 64 and value.isascii():
        return value, False
    return secrets.token_urlsafe(24), True


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def vote(request, slug: str, pk: int):
    """The ballot: a plain form (checkboxes, points or ranks), preselected with the voter's ballot if any.

    A ballot that is accepted only costs the campaign, the check and the ballot's projects (the page's navigation
    and permissions are read only when a page is shown)."""
    device, new_device = _device(request)
    errors, wait = [], None
    if request.method == "POST":
        campaign = selectors.campaign_taking_ballots(pk, slug)
        if campaign.phase == CampaignPhase.VOTING:
            try:
                entries = parse_ballot(campaign, request.POST)
                shown = posted_district(campaign, request.POST)
                voting.cast_ballot(
                    request.user, campaign, entries, district=shown, address=client_ip(request), device=device
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) == "not_eligible":
                    messages.error(request, exc.messages[0])
                    return redirect("budgets:verify", slug=slug, pk=pk)
                errors = exc.messages
                wait = limits.retry_after(exc)
            else:
                return _with_device(redirect("budgets:voted", slug=slug, pk=pk), device, new_device)
    ctx = campaign_context(request, slug, pk, "vote")
    campaign = ctx["campaign"]
    if ctx["phase"] != CampaignPhase.VOTING:
        return _closed(request, ctx)
    check = eligibility.check_of(request.user, campaign)
    if not eligibility.is_complete(check, campaign):
        return redirect("budgets:verify", slug=slug, pk=pk)
    district = check.district
    ballot = voting.ballot_of(request.user, campaign)
    proposals = selectors.ballot_proposals(campaign, district)
    marks = _marks(campaign, ballot, request.POST if request.method == "POST" else None)
    ctx.update(
        {
            "district": district,
            "groups": _groups(campaign, proposals, district, marks),
            "ballot": ballot,
            "errors": errors,
            "rank_choices": range(1, min(len(proposals), campaign.max_choices or len(proposals)) + 1),
            "is_knapsack": campaign.ballot_type == BallotType.KNAPSACK,
            **_budget_bar_texts(),
        }
    )
    return _with_device(too_many_requests(render(request, "budgets/vote.html", ctx), wait), device, new_device)


def _with_device(response, device: str, new: bool):
    """``response``, setting the browser's long-lived id when it is new."""
    if new:
        response.set_cookie(
            DEVICE_COOKIE,
            device,
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@never_cache
@login_required
@require_safe
def voted(request, slug: str, pk: int):
    """The voter's confirmation: their receipt code, shown big, to check later that the ballot was counted."""
    ctx = campaign_context(request, slug, pk, "vote")
    ballot = voting.ballot_of(request.user, ctx["campaign"])
    if ballot is None:
        return redirect("budgets:vote", slug=slug, pk=pk)
    ctx.update({"ballot": ballot, "receipt_code": identity.format_receipt(ballot.receipt)})
    return render(request, "budgets/voted.html", ctx)


@require_safe
def receipt(request, slug: str, pk: int):
    """Public: whether a receipt code's ballot was recorded, counted or excluded (never what it chose)."""
    ctx = campaign_context(request, slug, pk, "receipt")
    form = ReceiptForm(request.GET or None)
    status = wait = None
    if form.is_valid():
        try:
            status = voting.check_receipt(
                request.user, ctx["campaign"], form.cleaned_data["code"], address=client_ip(request)
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
    response = render(request, "budgets/receipt.html", {**ctx, "form": form, "status": status})
    if form.is_bound:
        add_never_cache_headers(response)  # every check reaches the limit, none is answered from the page cache
    return too_many_requests(response, wait)


# Desk codes ---------------------------------------------------------------------------------------------------


@login_required
@require_safe
def codes(request, slug: str, pk: int):
    """Staff: the batches of desk codes issued so far, and the form to print a new batch."""
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_issue_codes")
    ctx.update({"form": DeskCodesForm(), "batches": eligibility.desk_code_batches(ctx["campaign"])})
    return render(request, "budgets/codes.html", ctx)


@never_cache
@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def codes_print(request, slug: str, pk: int):
    """Staff: generate a batch and show its codes once, on a printable sheet (they are never shown again)."""
    ctx = campaign_context(request, slug, pk, "manage")
    require_flag(ctx, "can_issue_codes")
    if request.method != "POST":
        messages.info(request, _("Codes are shown only once, when they are generated. Generate a new batch to print."))
        return redirect("budgets:codes", slug=slug, pk=pk)
    form = DeskCodesForm(request.POST)
    if form.is_valid():
        try:
            issued = eligibility.issue_desk_codes(
                request.user, ctx["campaign"], form.cleaned_data["count"], form.cleaned_data["batch"]
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            ctx.update({"codes": [identity.format_receipt(c) for c in issued], "batch": form.cleaned_data["batch"]})
            return render(request, "budgets/codes_print.html", ctx)
    ctx.update({"form": form, "batches": eligibility.desk_code_batches(ctx["campaign"])})
    return render(request, "budgets/codes.html", ctx)
