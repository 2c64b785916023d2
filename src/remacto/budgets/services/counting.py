"""Counts and results: counting a campaign's ballots once voting has closed, publishing a count, and following the
selected projects into their implementation.

:func:`count_campaign` is the writing half (no permission check): the background task and the import of past
campaigns call it. Staff go through :func:`request_count`, which queues the task, and :func:`publish_results`.
"""

import logging
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count as CountOf
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import require_visible
from remacto.pb.errors import PBError

from .. import counting, selectors
from ..models import Ballot, Campaign, Count, ImplementationStatus, Proposal

logger = logging.getLogger(__name__)

COUNT = "budgets.count"
MANAGE = "budgets.manage_campaign"
PROGRESS_STEP = 5
"""Progress is written to the database only when it moved by at least this many points."""


def _amount(value: Fraction | float) -> Decimal:
    """An amount of the engine (exact, or float from a floating-point rule) in MAD with cents."""
    if isinstance(value, Fraction):
        return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _tallies(campaign: Campaign) -> dict[str, int]:
    """Ballots counted (online, on paper, imported from a file) and excluded, from the ballots themselves."""
    return Ballot.objects.filter(campaign=campaign).aggregate(
        online=CountOf("id", filter=Q(channel=Ballot.Channel.ONLINE, excluded_at__isnull=True)),
        paper=CountOf("id", filter=Q(channel=Ballot.Channel.PAPER, excluded_at__isnull=True)),
        imported=CountOf("id", filter=Q(channel=Ballot.Channel.IMPORTED, excluded_at__isnull=True)),
        excluded=CountOf("id", filter=Q(excluded_at__isnull=False)),
    )


def count_campaign(
    campaign: Campaign, *, count: Count | None = None, progress: Callable[[int], None] | None = None
) -> Count:
    """Count ``campaign``'s ballots now and store the result on ``count`` (a new one when not given).

    The count's ``progress`` (0-100) is saved as the work goes, and ``progress`` is called with it. A campaign
    the engine cannot count (a rule whose settings are missing, say) leaves a ``failed`` count with the reason
    in ``error``; any other error marks it failed too and is raised again.
    """
    if count is None:
        count = Count.objects.create(campaign=campaign)
    count.status = Count.Status.RUNNING
    count.started_at = timezone.now()
    count.progress = 0
    count.error = ""
    count.save(update_fields=["status", "started_at", "progress", "error"])
    saved = [0]

    def step(percent: int) -> None:
        percent = max(0, min(100, int(percent)))
        if percent - saved[0] >= PROGRESS_STEP or percent == 100:
            Count.objects.filter(pk=count.pk).update(progress=percent)
            saved[0] = percent
        count.progress = percent
        if progress is not None:
            progress(percent)

    try:
        result = counting.count(campaign, progress=lambda p: step(p * 95 // 100))
        tallies = _tallies(campaign)
    except PBError as error:
        return _fail(count, error.problem)
    except Exception as error:
        logger.exception("count %s of campaign %s failed", count.pk, campaign.pk)
        _fail(count, f"{error.__class__.__name__}: {error}")
        raise
    count.rule = result.rule
    count.completion = result.completion
    count.tie_breaking = result.tie_breaking
    count.budget = _amount(result.budget)
    count.total_cost = _amount(result.total_cost)
    count.selected = result.selected
    count.voters = result.voters
    count.ballots = tallies["online"] + tallies["paper"] + tallies["imported"]
    count.online = tallies["online"]
    count.paper = tallies["paper"]
    count.excluded = tallies["excluded"]
    count.voters_with_selected_share = result.voters_with_selected_share
    count.projects = result.projects
    count.districts = result.districts
    count.status = Count.Status.DONE
    count.finished_at = timezone.now()
    count.save()
    step(100)
    return count


def _fail(count: Count, error: str) -> Count:
    count.status = Count.Status.FAILED
    count.error = error[:2000]
    count.finished_at = timezone.now()
    count.save(update_fields=["status", "error", "finished_at"])
    return count


def _voting_closed(campaign: Campaign) -> None:
    if timezone.now() < campaign.voting_end:
        raise ValidationError(_("Voting has not closed yet: the ballots can be counted once it has."))


@transaction.atomic
def request_count(actor, campaign: Campaign) -> Count:
    """Queue a count of ``campaign`` (after voting has closed); the task fills it in the background."""
    require(actor, COUNT, campaign.collectivity)
    _voting_closed(campaign)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    running = [c for c in campaign.counts.filter(status__in=(Count.Status.QUEUED, Count.Status.RUNNING))]
    if any(c.is_running for c in running):
        raise ValidationError(_("A count of this campaign is already under way."))
    count = Count.objects.create(campaign=campaign, requested_by=actor)
    audit.record(actor, "campaign.count", campaign, collectivity=campaign.collectivity, count=count.pk)

    def queue() -> None:
        from ..tasks import count_campaign_task

        count_campaign_task.delay(count.pk)

    transaction.on_commit(queue)
    return count


@transaction.atomic
def publish_results(actor, campaign: Campaign, count: Count) -> Campaign:
    """Publish ``count`` as the campaign's results: the results page opens to the public."""
    require(actor, COUNT, campaign.collectivity)
    if count.campaign_id != campaign.pk:
        raise ValidationError(_("This count belongs to another campaign."))
    _voting_closed(campaign)
    count = Count.objects.select_for_update().get(pk=count.pk)
    if count.status != Count.Status.DONE:
        raise ValidationError(_("Only a finished count can be published."))
    return publish(campaign, count, actor=actor)


def publish(campaign: Campaign, count: Count, *, actor=None, at=None) -> Campaign:
    """The writing half of :func:`publish_results`, for callers that checked everything themselves (the pabulib
    import, the demo): ``count`` becomes the published one, at ``at`` (default now), in the audit log."""
    now = at or timezone.now()
    Count.objects.filter(campaign=campaign, published_at__isnull=False).exclude(pk=count.pk).update(published_at=None)
    count.published_at = now
    count.save(update_fields=["published_at"])
    Campaign.objects.filter(pk=campaign.pk).update(results_published_at=now, updated_at=timezone.now())
    campaign.results_published_at = now
    audit.record(
        actor,
        "campaign.publish_results",
        campaign,
        collectivity=campaign.collectivity,
        count=count.pk,
        selected=len(count.selected),
    )
    return campaign


@transaction.atomic
def update_implementation(actor, proposal: Proposal, values: dict) -> Proposal:
    """Record where a selected project stands: ``status``, ``progress`` (0-100) and a public ``note``."""
    campaign = proposal.campaign
    require(actor, MANAGE, campaign.collectivity)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    published = selectors.published_count(campaign)
    if published is None or proposal.code not in published.selected:
        raise ValidationError(_("Only a project selected in the published results can be followed."))
    status = values.get("status", proposal.implementation_status)
    if status not in ImplementationStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    try:
        progress_value = int(values.get("progress", proposal.implementation_progress))
    except (TypeError, ValueError):
        raise ValidationError({"progress": _("Give a percentage between 0 and 100.")}) from None
    if not 0 <= progress_value <= 100:
        raise ValidationError({"progress": _("Give a percentage between 0 and 100.")})
    if status == ImplementationStatus.DONE:
        progress_value = 100
    note = (values.get("note", proposal.implementation_note) or "").strip()
    if note:
        require_visible({"note": note})
    before = {
        "status": proposal.implementation_status,
        "progress": proposal.implementation_progress,
    }
    proposal.implementation_status = status
    proposal.implementation_progress = progress_value
    proposal.implementation_note = note
    proposal.full_clean(validate_constraints=False)
    proposal.implementation_updated_at = timezone.now()
    proposal.save(
        update_fields=[
            "implementation_status",
            "implementation_progress",
            "implementation_note",
            "implementation_updated_at",
            "updated_at",
        ]
    )
    audit.record(
        actor,
        "proposal.implementation",
        proposal,
        collectivity=campaign.collectivity,
        status=status,
        progress=progress_value,
        before=before,
    )
    return proposal
