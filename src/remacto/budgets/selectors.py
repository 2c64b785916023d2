"""Reads shared by pages, the API, exports and counts. Visibility lives here, once:

- a campaign is public once created (staff prepare it in the open, like a programme);
- a proposal is public unless hidden by moderation (``Proposal.objects.visible()``); withdrawn ones stay
  visible with their status, so the record is complete;
- the ballot holds the accepted, visible proposals, of the voter's district when there are districts.
"""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from remacto.territories.openings import Opening

from .models import Ballot, Campaign, CampaignPhase, District, Proposal
from .models import Count as CampaignCount


def campaigns(collectivity=None) -> QuerySet[Campaign]:
    """Every campaign, newest first, of ``collectivity`` when given."""
    queryset = Campaign.objects.select_related("collectivity")
    return queryset.filter(collectivity=collectivity) if collectivity is not None else queryset


def visible_proposals(campaign: Campaign) -> QuerySet[Proposal]:
    """The campaign's proposals the public may see, in ballot order."""
    return Proposal.objects.visible().filter(campaign=campaign).select_related("district")


def ballot_proposals(campaign: Campaign, district: District | None = None) -> list[Proposal]:
    """The proposals on the ballot (of ``district`` when given), in ballot order."""
    queryset = visible_proposals(campaign).filter(status=Proposal.Status.ACCEPTED)
    if district is not None:
        queryset = queryset.filter(district=district)
    return list(queryset)


def counted_ballots(campaign: Campaign) -> QuerySet[Ballot]:
    """The ballots a count takes: every ballot not excluded after review."""
    return Ballot.objects.filter(campaign=campaign, excluded_at__isnull=True)


PHASE_ORDER = {
    CampaignPhase.UPCOMING: 0,
    CampaignPhase.PROPOSALS: 1,
    CampaignPhase.REVIEW: 2,
    CampaignPhase.BALLOT: 2.5,
    CampaignPhase.VOTING: 3,
    CampaignPhase.COUNTING: 3.5,
    CampaignPhase.RESULTS: 4,
}
"""Where each phase falls on the calendar's steps (the ballot and counting fall between two steps)."""


def calendar(campaign: Campaign) -> list[dict]:
    """The campaign's steps in order with their dates and ``state`` (past, current or future), for its page."""
    current = campaign.phase
    steps = [
        (CampaignPhase.PROPOSALS, campaign.proposals_start, campaign.proposals_end),
        (CampaignPhase.REVIEW, campaign.proposals_end, campaign.appeals_end or campaign.review_end),
        (CampaignPhase.VOTING, campaign.voting_start, campaign.voting_end),
        (CampaignPhase.RESULTS, campaign.results_published_at, None),
    ]
    position = PHASE_ORDER[current]
    rows = []
    for phase, start, end in steps:
        if phase != CampaignPhase.RESULTS and start is None and end is None:
            continue
        where = PHASE_ORDER[phase]
        state = "current" if where == position else "past" if where < position else "future"
        rows.append({"phase": phase, "label": CampaignPhase(phase).label, "start": start, "end": end, "state": state})
    return rows


def campaign_counts(campaign: Campaign) -> dict:
    """Proposals by status and ballots by channel (excluded ballots apart, imported ones in the total), for the
    campaign and staff pages."""
    proposals = dict(
        Proposal.objects.visible().filter(campaign=campaign).values_list("status").annotate(n=Count("id")).order_by()
    )
    ballots = Ballot.objects.filter(campaign=campaign).aggregate(
        online=Count("id", filter=Q(channel=Ballot.Channel.ONLINE, excluded_at__isnull=True)),
        paper=Count("id", filter=Q(channel=Ballot.Channel.PAPER, excluded_at__isnull=True)),
        imported=Count("id", filter=Q(channel=Ballot.Channel.IMPORTED, excluded_at__isnull=True)),
        excluded=Count("id", filter=Q(excluded_at__isnull=False)),
    )
    return {
        "proposals": sum(proposals.values()),
        "on_ballot": proposals.get(Proposal.Status.ACCEPTED, 0),
        "awaiting_review": proposals.get(Proposal.Status.SUBMITTED, 0),
        "ballots": ballots["online"] + ballots["paper"] + ballots["imported"],
        **ballots,
    }


def _open_campaigns(now=None) -> QuerySet[Campaign]:
    """Campaigns taking proposals or ballots now."""
    now = now or timezone.now()
    proposals = Q(proposals_start__lte=now) & (Q(proposals_end__gt=now) | Q(proposals_end__isnull=True))
    voting = Q(voting_start__lte=now, voting_end__gt=now)
    return Campaign.objects.filter(results_published_at__isnull=True).filter(
        (proposals & Q(voting_start__gt=now)) | voting
    )


def campaign_openings(limit: int) -> list[Opening]:
    """Campaigns open for proposals or votes, as openings of the home page's "open now" list (one query)."""
    now = timezone.now()
    found = []
    for campaign in _open_campaigns(now).select_related("collectivity").order_by("voting_end")[:limit]:
        voting = campaign.voting_start <= now
        closes = campaign.voting_end if voting else campaign.proposals_end
        found.append(
            Opening(
                collectivity=campaign.collectivity,
                obj=campaign,
                what=gettext("Voting open") if voting else gettext("Proposals open"),
                period=str(timezone.localtime(campaign.voting_start).year),
                url=campaign.get_absolute_url(),
                closes_on=timezone.localdate(closes) if closes else None,
            )
        )
    return found


def collectivities_with_open_campaigns() -> QuerySet:
    """Ids of the collectivities with a campaign open for proposals or votes, for a subquery."""
    return _open_campaigns().values("collectivity_id")


# --- Counting and results -------------------------------------------------------------------------------------


def exclusions_by_reason(campaign: Campaign) -> list[dict]:
    """Excluded ballots grouped by their stated reason, most frequent first: ``reason`` and ``count``."""
    rows = (
        Ballot.objects.filter(campaign=campaign, excluded_at__isnull=False)
        .values("exclusion_reason")
        .annotate(n=Count("id"))
        .order_by("-n", "exclusion_reason")
    )
    return [{"reason": row["exclusion_reason"], "count": row["n"]} for row in rows]


def published_count(campaign: Campaign):
    """The count whose results the public sees, or ``None`` while the results are not published."""
    if campaign.results_published_at is None:
        return None
    published = CampaignCount.objects.filter(
        campaign=campaign, published_at__isnull=False, status=CampaignCount.Status.DONE
    )
    return published.order_by("-published_at", "-id").first()


def latest_count(campaign: Campaign, *, done: bool = False):
    """The campaign's most recent count (only among finished ones when ``done``), or ``None``."""
    queryset = CampaignCount.objects.filter(campaign=campaign)
    if done:
        queryset = queryset.filter(status=CampaignCount.Status.DONE)
    return queryset.select_related("requested_by").order_by("-created_at", "-id").first()


def shown_count(campaign: Campaign, can_count: bool):
    """The count a results page shows and whether it is a preview: the published count, or for staff who may
    count, the latest finished count while none is published. ``(None, False)`` when there is nothing to show."""
    published = published_count(campaign)
    if published is not None:
        return published, False
    if can_count:
        latest = latest_count(campaign, done=True)
        if latest is not None:
            return latest, True
    return None, False
