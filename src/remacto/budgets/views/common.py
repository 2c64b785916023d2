"""What every campaign page needs: the campaign from the URL, its phase and the viewer's staff permissions."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import Campaign

PERMISSIONS = {
    "can_manage": "budgets.manage_campaign",
    "can_review": "budgets.review_proposals",
    "can_enter_paper": "budgets.enter_paper_ballots",
    "can_issue_codes": "budgets.issue_codes",
    "can_review_integrity": "budgets.review_integrity",
    "can_count": "budgets.count",
}


def campaign_context(request, slug: str, pk: int, active: str) -> dict:
    """``campaign``, ``phase``, ``active`` (the current tab) and the viewer's ``can_*`` permissions here."""
    campaign = get_object_or_404(Campaign.objects.select_related("collectivity"), pk=pk, collectivity__slug=slug)
    user = request.user
    ctx = {"campaign": campaign, "phase": campaign.phase, "active": active}
    ctx.update({flag: user.has_perm(perm, campaign.collectivity) for flag, perm in PERMISSIONS.items()})
    ctx["is_staff_here"] = any(ctx[flag] for flag in PERMISSIONS)
    return ctx


def require_flag(ctx: dict, flag: str) -> None:
    """Refuse the page (403) unless the context's permission ``flag`` (e.g. ``can_manage``) is true."""
    if not ctx[flag]:
        raise PermissionDenied
