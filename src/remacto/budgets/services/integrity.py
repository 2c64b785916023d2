"""Integrity review: recording the detectors' signals as flags, and staff decisions on them.

Flags are never acted on by themselves. Staff allowed to review integrity (focal points, network admins) clear a
flag with a reason, or exclude some or all of its ballots with a reason; an excluded ballot is kept, marked with
the time and reason, and left out of every count (:func:`~remacto.budgets.selectors.counted_ballots`). An
exclusion can be undone (re-inclusion), with a reason too. Every exclusion and re-inclusion is in the audit log,
one entry per ballot. Nothing is ever deleted. Decisions stop once results are published.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.text import has_control_characters
from remacto.participation import limits

from .. import integrity
from ..models import Ballot, Campaign, IntegrityFlag

REVIEW = "budgets.review_integrity"
MAX_REASON = 500


def record_signals(campaign: Campaign) -> list[IntegrityFlag]:
    """Run the detectors and record what they find (the writing half, for the periodic task and staff).

    A signal already under review adds its new ballots to the open flag of the same kind and key; ballots of
    flags already decided are not raised again, only new ones are (in a new flag). Returns the flags created
    or grown."""
    changed = []
    with transaction.atomic():
        Campaign.objects.select_for_update().filter(pk=campaign.pk).first()  # one run at a time per campaign
        existing: dict[tuple[str, str], list[IntegrityFlag]] = {}
        for flag in IntegrityFlag.objects.select_for_update().filter(campaign=campaign):
            existing.setdefault((flag.kind, flag.key), []).append(flag)
        for signal in integrity.detect(campaign):
            flags = existing.get((signal.kind, signal.key), [])
            known = {pk for flag in flags for pk in flag.ballot_ids}
            new = signal.ballot_ids - known
            if not new:
                continue
            open_flag = next((f for f in flags if f.status == IntegrityFlag.Status.OPEN), None)
            if open_flag is None:
                open_flag = IntegrityFlag(campaign=campaign, kind=signal.kind, key=signal.key)
            open_flag.ballot_ids = sorted(set(open_flag.ballot_ids) | new)
            open_flag.detected_at = timezone.now()
            open_flag.save()
            changed.append(open_flag)
    return changed


def request_scan(actor, campaign: Campaign, *, address: str) -> None:
    """Run the detectors now, in the background (at once when tasks run eagerly); at most a few runs per account
    and per client ``address`` (the ``integrity_scans`` limit: ``LimitReached``), as each run reads every ballot."""
    require(actor, REVIEW, campaign.collectivity)
    with limits.reserve_client(actor, address, "integrity_scans"):
        audit.record(actor, "integrity.scan", campaign, collectivity=campaign.collectivity)
    from ..tasks import detect_integrity_signals

    detect_integrity_signals.delay(campaign.pk)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give the reason for this decision.")]})
    if has_control_characters(reason) or len(reason) > MAX_REASON:
        raise ValidationError({"reason": [_("Write the reason in at most 500 characters.")]})
    return reason


def _locked_flag(actor, flag: IntegrityFlag) -> IntegrityFlag:
    campaign = flag.campaign
    require(actor, REVIEW, campaign.collectivity)
    if campaign.results_published_at is not None:
        raise ValidationError(_("The results are published: the ballots counted can no longer change."))
    return IntegrityFlag.objects.select_for_update().select_related("campaign__collectivity").get(pk=flag.pk)


def _decide(actor, flag: IntegrityFlag, status: str, reason: str) -> None:
    flag.status = status
    flag.reason = reason
    flag.reviewed_by = actor
    flag.reviewed_at = timezone.now()
    flag.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at"])


def _ballots(flag: IntegrityFlag, ballot_ids: Iterable) -> list[Ballot]:
    try:
        wanted = {int(pk) for pk in ballot_ids}
    except (TypeError, ValueError):
        raise ValidationError({"ballots": [_("Choose ballots of this signal.")]}) from None
    if not wanted or not wanted <= set(flag.ballot_ids):
        raise ValidationError({"ballots": [_("Choose ballots of this signal.")]})
    return list(Ballot.objects.select_for_update().filter(pk__in=wanted, campaign=flag.campaign_id).order_by("pk"))


@transaction.atomic
def clear_flag(actor, flag: IntegrityFlag, reason: str) -> IntegrityFlag:
    """Decide that the signal needs no exclusion (a café, a school, an association voting together...)."""
    reason = _reason(reason)
    flag = _locked_flag(actor, flag)
    if flag.status != IntegrityFlag.Status.OPEN:
        raise ValidationError(_("This signal was already decided."))
    _decide(actor, flag, IntegrityFlag.Status.CLEARED, reason)
    campaign = flag.campaign
    audit.record(actor, "integrity.clear", flag, collectivity=campaign.collectivity, reason=reason)
    return flag


@transaction.atomic
def exclude_ballots(actor, flag: IntegrityFlag, ballot_ids: Iterable, reason: str) -> list[Ballot]:
    """Leave some or all of the signal's ballots out of the count, with a reason; returns those newly excluded."""
    reason = _reason(reason)
    flag = _locked_flag(actor, flag)
    now = timezone.now()
    excluded = [b for b in _ballots(flag, ballot_ids) if b.excluded_at is None]
    if not excluded:
        raise ValidationError({"ballots": [_("These ballots are already excluded.")]})
    collectivity = flag.campaign.collectivity
    for ballot in excluded:
        ballot.excluded_at = now
        ballot.exclusion_reason = reason
        ballot.save(update_fields=["excluded_at", "exclusion_reason"])
        audit.record(actor, "ballot.exclude", flag, collectivity=collectivity, ballot=ballot.pk, reason=reason)
    _decide(actor, flag, IntegrityFlag.Status.EXCLUDED, reason)
    return excluded


@transaction.atomic
def reinclude_ballots(actor, flag: IntegrityFlag, ballot_ids: Iterable, reason: str) -> list[Ballot]:
    """Undo the exclusion of some of the signal's ballots, with a reason; returns those counted again. When none
    of its ballots stays excluded, the signal reads as cleared."""
    reason = _reason(reason)
    flag = _locked_flag(actor, flag)
    ballots = _ballots(flag, ballot_ids)
    back = [b for b in ballots if b.excluded_at is not None]
    if not back:
        raise ValidationError({"ballots": [_("These ballots are not excluded.")]})
    collectivity = flag.campaign.collectivity
    for ballot in back:
        ballot.excluded_at = None
        ballot.exclusion_reason = ""
        ballot.save(update_fields=["excluded_at", "exclusion_reason"])
        audit.record(actor, "ballot.reinclude", flag, collectivity=collectivity, ballot=ballot.pk, reason=reason)
    still = Ballot.objects.filter(pk__in=flag.ballot_ids, excluded_at__isnull=False).exists()
    _decide(actor, flag, IntegrityFlag.Status.EXCLUDED if still else IntegrityFlag.Status.CLEARED, reason)
    return back
