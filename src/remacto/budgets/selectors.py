"""Reads shared by pages, the API, exports and counts. Visibility lives here, once:

- a campaign is public once created (staff prepare it in the open, like a programme);
- a proposal is public unless hidden by moderation (``Proposal.objects.visible()``); withdrawn ones stay
  visible with their status, so the record is complete;
- the ballot holds the accepted, visible proposals, of the voter's district when there are districts.
"""

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext

from remacto.core import pagecache
from remacto.core.text import normalise, search_regex
from remacto.participation.models import visible_q
from remacto.territories.openings import Opening

from .models import Appeal, Ballot, Campaign, CampaignPhase, District, Proposal
from .models import Count as CampaignCount


def campaigns(collectivity=None) -> QuerySet[Campaign]:
    """Every campaign, newest first, of ``collectivity`` when given."""
    queryset = Campaign.objects.select_related("collectivity")
    return queryset.filter(collectivity=collectivity) if collectivity is not None else queryset


def visible_proposals(campaign: Campaign) -> QuerySet[Proposal]:
    """The campaign's proposals the public may see, in ballot order."""
    return Proposal.objects.visible().filter(campaign=campaign).select_related("district")


def hidden_codes(campaign: Campaign) -> set[str]:
    """Codes of the campaign's proposals hidden by moderation. Their votes stay in the count, but their titles
    never show in the results page, its PDF, the CSV or the pabulib file."""
    return set(Proposal.objects.filter(campaign=campaign).exclude(visible_q()).values_list("code", flat=True))


CHOICE_FIELDS = ("campaign", "code", "cost", "district", "position")
"""What checking and storing a ballot reads of a proposal (with its district, whole); not its texts in every
language, which make most of a proposal row's columns."""


def ballot_proposals(campaign: Campaign, district: District | None = None, *, fields=None) -> list[Proposal]:
    """The proposals on the ballot (of ``district`` when given), in ballot order; with only ``fields`` loaded
    when given (``CHOICE_FIELDS`` for checking a ballot)."""
    queryset = visible_proposals(campaign).filter(status=Proposal.Status.ACCEPTED)
    if district is not None:
        queryset = queryset.filter(district=district)
    if fields is not None:
        queryset = queryset.only(*fields)
    return list(queryset)


BALLOT_TABLES = ("budgets_campaign", "budgets_proposal", "budgets_district", "territories_collectivity")
"""What a posted ballot is checked against; any write to these tables renews the process memos of
:func:`campaign_taking_ballots` and :func:`choice_proposals` (``core.pagecache.watch_tables``)."""


def campaigns_taking_ballots() -> QuerySet[Campaign]:
    """Campaigns as a posted ballot needs them: with their collectivity, without their long texts (description and
    implementation note, in every language), which taking a ballot never reads."""
    texts = [
        f.name for f in Campaign._meta.concrete_fields if f.name.startswith(("description", "implementation_note"))
    ]
    return Campaign.objects.select_related("collectivity").defer(*texts)


def campaign_taking_ballots(pk: int, slug: str) -> Campaign:
    """Campaign ``pk`` of the collectivity ``slug`` as a posted ballot needs it (404 if none), read once per process
    until one of :data:`BALLOT_TABLES` is written. Shared between requests: read it, never change it."""

    def read() -> Campaign | None:
        return campaigns_taking_ballots().filter(pk=pk, collectivity__slug=slug).first()

    campaign = pagecache.local_memo("ballots", ("campaign", pk, slug), read)
    if campaign is None:
        raise Http404
    return campaign


def choice_proposals(campaign: Campaign, district: District | None = None) -> list[Proposal]:
    """:func:`ballot_proposals` with :data:`CHOICE_FIELDS`, read once per process until one of
    :data:`BALLOT_TABLES` is written. Shared between requests: read them, never change them."""
    key = ("proposals", campaign.pk, district.pk if district is not None else None)
    return pagecache.local_memo("ballots", key, lambda: ballot_proposals(campaign, district, fields=CHOICE_FIELDS))


def campaign_districts(campaign: Campaign) -> dict[int, District]:
    """The campaign's districts and categories by primary key, read once per process until one of
    :data:`BALLOT_TABLES` is written. Shared between requests: read them, never change them."""
    return pagecache.local_memo(
        "ballots", ("districts", campaign.pk), lambda: {d.pk: d for d in campaign.districts.all()}
    )


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


# Proposals ------------------------------------------------------------------------------------------------------

MAX_SEARCH_WORDS = 8
PROPOSAL_STATUS_FILTERS = {
    "submitted": Proposal.Status.SUBMITTED,
    "accepted": Proposal.Status.ACCEPTED,
    "rejected": Proposal.Status.REJECTED,
    "withdrawn": Proposal.Status.WITHDRAWN,
}


def search_proposals(queryset: QuerySet[Proposal], text: str) -> QuerySet[Proposal]:
    """Proposals whose code, title, description or place contains every word of ``text``, whatever the spelling
    variant (the same folding as the idea search)."""
    for word in normalise(text).split()[:MAX_SEARCH_WORDS]:
        pattern = search_regex(word)
        queryset = queryset.filter(
            Q(code__iregex=pattern)
            | Q(title__iregex=pattern)
            | Q(description__iregex=pattern)
            | Q(place__iregex=pattern)
        )
    return queryset


def proposal_list(campaign: Campaign, filters: dict) -> QuerySet[Proposal]:
    """The public list of the campaign's proposals, searched and filtered (``q``, ``status``, ``district``)."""
    queryset = visible_proposals(campaign).select_related("organisation")
    if filters.get("q"):
        queryset = search_proposals(queryset, filters["q"])
    if filters.get("status") in PROPOSAL_STATUS_FILTERS:
        queryset = queryset.filter(status=PROPOSAL_STATUS_FILTERS[filters["status"]])
    if filters.get("district"):
        queryset = queryset.filter(district=filters["district"])
    return queryset.annotate(photo_count=Count("photos")).order_by("-created_at", "-id")


def proposal(campaign: Campaign, code: str) -> Proposal:
    """One proposal of the campaign by its public code, hidden or not (the page decides what to show); 404 if
    unknown."""
    return get_object_or_404(
        Proposal.objects.select_related(
            "campaign__collectivity", "district", "author", "organisation", "source_idea__programme", "reviewed_by"
        ).prefetch_related("photos"),
        campaign=campaign,
        code=code,
    )


def appeal_of(proposal: Proposal) -> Appeal | None:
    return Appeal.objects.filter(proposal=proposal).first()


REVIEW_FILTERS = {
    "awaiting": Q(status=Proposal.Status.SUBMITTED),
    "appeals": Q(status=Proposal.Status.REJECTED, appeal__isnull=False, appeal__decision=""),
    "accepted": Q(status=Proposal.Status.ACCEPTED),
    "rejected": Q(status=Proposal.Status.REJECTED),
    "all": Q(),
}


def review_queue(campaign: Campaign, which: str) -> QuerySet[Proposal]:
    """The reviewers' queue: proposals awaiting review, appeals awaiting an answer, or decided ones; hidden
    proposals included (staff decide on them too), oldest first."""
    return (
        Proposal.objects.filter(campaign=campaign)
        .filter(REVIEW_FILTERS[which])
        .select_related("district", "author", "appeal", "source_idea")
        .annotate(photo_count=Count("photos"))
        .order_by("created_at", "id")
    )


def review_counts(campaign: Campaign) -> dict:
    return Proposal.objects.filter(campaign=campaign).aggregate(
        **{key: Count("id", filter=condition) for key, condition in REVIEW_FILTERS.items()}
    )


def promotable_ideas(campaign: Campaign, text: str = "") -> QuerySet:
    """Visible ideas of the campaign's collectivity's programmes not yet promoted into this campaign, newest
    first, searched like the idea list."""
    from remacto.cocreation.models import Idea

    queryset = (
        Idea.objects.visible()
        .filter(programme__collectivity=campaign.collectivity)
        .exclude(budget_proposals__campaign=campaign)
        .select_related("programme")
        .order_by("-created_at", "-id")
    )
    for word in normalise(text).split()[:MAX_SEARCH_WORDS]:
        pattern = search_regex(word)
        queryset = queryset.filter(Q(title__iregex=pattern) | Q(problem__iregex=pattern) | Q(solution__iregex=pattern))
    return queryset


# --- Paper ballots and integrity signals ---------------------------------------------------------------------

from .models import BallotChoice, IntegrityFlag, PaperBatch, PaperEntry  # noqa: E402 - this block's own models


def paper_batches(campaign: Campaign):
    """The campaign's batches of paper sheets, newest first, with their sheets counted by state."""
    outcome = PaperEntry.Outcome
    return (
        PaperBatch.objects.filter(campaign=campaign)
        .select_related("opened_by")
        .annotate(
            sheets=Count("entries__sheet", distinct=True),
            stored=Count("entries", filter=Q(entries__outcome=outcome.STORED)),
            already_voted=Count("entries", filter=Q(entries__outcome=outcome.ALREADY_VOTED)),
            mismatches=Count("entries", filter=Q(entries__outcome=outcome.MISMATCH)),
            corrected=Count("entries", filter=Q(entries__round=3)),
        )
    )


SHEET_STATES = ("waiting", "mismatch", "stored", "already_voted")
"""A sheet waits for its other entry, disagrees (waiting for a correction), is stored, or was refused because
its voter had already voted."""


def batch_sheets(batch) -> list[dict]:
    """The sheets of ``batch`` in number order: ``sheet``, ``rounds`` typed and ``state`` (see SHEET_STATES).
    Only states are given, never what was typed: the second typist must not see the first entry."""
    sheets: dict[int, dict] = {}
    for sheet, round_, outcome in batch.entries.order_by("sheet", "round").values_list("sheet", "round", "outcome"):
        row = sheets.setdefault(sheet, {"sheet": sheet, "rounds": [], "state": "waiting"})
        row["rounds"].append(round_)
        if outcome:
            row["state"] = outcome
    return list(sheets.values())


def sheet_entries(batch, sheet: int) -> list:
    """The entries of one sheet, by round, with their district and typist."""
    return list(batch.entries.filter(sheet=sheet).select_related("district", "entered_by").order_by("round"))


def integrity_flags(campaign: Campaign, status: str | None = None):
    """The campaign's integrity flags, newest first, of ``status`` when given."""
    queryset = IntegrityFlag.objects.filter(campaign=campaign).select_related("reviewed_by")
    return queryset.filter(status=status) if status else queryset


def integrity_counts(campaign: Campaign) -> dict[str, int]:
    """How many flags the campaign has in each status."""
    counts = dict(
        IntegrityFlag.objects.filter(campaign=campaign).values_list("status").annotate(n=Count("id")).order_by()
    )
    return {status: counts.get(status, 0) for status in IntegrityFlag.Status.values}


def flag_ballots(flag) -> list[dict]:
    """The flag's ballots without anything personal: id, channel, cast time, whether excluded (and why) and the
    codes chosen, in time order."""
    ballots = list(
        Ballot.objects.filter(campaign=flag.campaign_id, pk__in=flag.ballot_ids)
        .order_by("cast_at", "id")
        .values("id", "channel", "cast_at", "excluded_at", "exclusion_reason")
    )
    codes: dict[int, list[str]] = {}
    for ballot_id, code in (
        BallotChoice.objects.filter(ballot_id__in=[b["id"] for b in ballots])
        .order_by("ballot_id", "rank", "proposal__position", "proposal_id")
        .values_list("ballot_id", "proposal__code")
    ):
        codes.setdefault(ballot_id, []).append(code)
    for ballot in ballots:
        ballot["codes"] = codes.get(ballot["id"], [])
    return ballots


def exclusions(campaign: Campaign) -> list[dict]:
    """Excluded ballots counted per reason (``reason``, ``count``), most first, for the results and integrity
    pages."""
    return list(
        Ballot.objects.filter(campaign=campaign, excluded_at__isnull=False)
        .values(reason=F("exclusion_reason"))
        .annotate(count=Count("id"))
        .order_by("-count", "reason")
    )


# --- Counting and results -------------------------------------------------------------------------------------


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
