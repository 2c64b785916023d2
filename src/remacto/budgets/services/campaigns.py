"""Campaigns: creation, settings, districts and categories, and the lock on the rules before voting opens.

The ballot type, counting rule, tie-breaking and eligibility are chosen before voting and cannot change once
locked. Staff lock them by hand, or the first ballot (or the periodic task) locks them when voting opens; both
are written to the audit log.
"""

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import require_visible

from ..models import BallotType, Campaign, CampaignPhase, Completion, District, Rule

MANAGE = "budgets.manage_campaign"
TRANSLATED_FIELDS = ("title", "description", "implementation_note")
TEXT_FIELDS = (
    *TRANSLATED_FIELDS,
    *(f"{name}_{language}" for name in TRANSLATED_FIELDS for language in ("ar", "fr", "en", "zgh")),
)
"""The texts, in the active language (``title``) or per language (``title_fr``), as the staff form sends them."""
DATE_FIELDS = ("proposals_start", "proposals_end", "review_end", "appeals_end", "voting_start", "voting_end")
RULE_FIELDS = (
    "ballot_type",
    "min_choices",
    "max_choices",
    "max_points",
    "rule",
    "completion",
    "threshold",
    "tie_breaking",
    "verification",
    "requires_residence",
    "min_age",
    "checks_cin",
    "allow_ballot_change",
)
"""What voters are promised before they vote."""
FROZEN_FIELDS = (*RULE_FIELDS, "budget", "voting_start")
"""What the lock freezes: the promises, the envelope and when voting opens."""
FIELDS = (*TEXT_FIELDS, "budget", *DATE_FIELDS, *RULE_FIELDS)


def proposals_open(campaign: Campaign, now=None) -> bool:
    """Residents may propose projects now."""
    return campaign.phase_at(now) == CampaignPhase.PROPOSALS


def appeals_open(campaign: Campaign, now=None) -> bool:
    """Authors of rejected proposals may appeal now: after proposals close, until the appeal deadline."""
    now = now or timezone.now()
    return (
        campaign.phase_at(now) == CampaignPhase.REVIEW
        and campaign.appeals_end is not None
        and campaign.proposals_end is not None
        and campaign.proposals_end <= now < campaign.appeals_end
    )


def voting_open(campaign: Campaign, now=None) -> bool:
    """Ballots are accepted now."""
    return campaign.phase_at(now) == CampaignPhase.VOTING


def check_settings(campaign: Campaign) -> None:
    """Raise ``ValidationError`` (keyed by field) unless the campaign's settings fit together."""
    errors: dict[str, str] = {}
    dates = [(name, getattr(campaign, name)) for name in DATE_FIELDS]
    given = [(name, value) for name, value in dates if value is not None]
    for (_before, earlier), (name, later) in itertools.pairwise(given):
        if later < earlier:
            errors.setdefault(name, _("This date comes before the previous step of the calendar."))
    if campaign.ballot_type in (BallotType.APPROVAL, BallotType.RANKED) and not campaign.max_choices:
        errors["max_choices"] = _("Say how many projects a voter may choose.")
    if campaign.ballot_type == BallotType.CUMULATIVE and not campaign.max_points:
        errors["max_points"] = _("Say how many points each voter shares out.")
    if campaign.max_choices is not None and campaign.max_choices < campaign.min_choices:
        errors["max_choices"] = _("The maximum is smaller than the minimum.")
    if campaign.completion != Completion.NONE and campaign.rule != Rule.MES:
        errors["completion"] = _("A completion only applies to the Method of Equal Shares.")
    if campaign.rule == Rule.GREEDY_THRESHOLD and campaign.threshold is None:
        errors["threshold"] = _("Give the minimum score a project needs.")
    if campaign.threshold is not None and campaign.rule != Rule.GREEDY_THRESHOLD:
        errors["threshold"] = _("A minimum score only applies to greedy with a threshold.")
    if campaign.min_age is not None and not 16 <= campaign.min_age <= 100:
        errors["min_age"] = _("Give an age between 16 and 100.")
    if errors:
        raise ValidationError(errors)


def _apply(campaign: Campaign, values: Mapping) -> list[str]:
    """Copy the known ``values`` onto ``campaign``; the names of the fields that changed."""
    changed = []
    for name in FIELDS:
        if name in values and getattr(campaign, name) != values[name]:
            setattr(campaign, name, values[name])
            changed.append(name)
    return changed


def _validate(campaign: Campaign) -> None:
    require_visible({name: getattr(campaign, name) for name in ("title", "description") if getattr(campaign, name)})
    campaign.full_clean(validate_constraints=False)
    check_settings(campaign)


@transaction.atomic
def create_campaign(actor, collectivity, values: Mapping) -> Campaign:
    """Open a campaign for ``collectivity``; nothing is locked yet."""
    require(actor, MANAGE, collectivity)
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    campaign = Campaign(collectivity=collectivity)
    _apply(campaign, values)
    _validate(campaign)
    campaign.save()
    audit.record(actor, "campaign.create", campaign, collectivity=collectivity)
    return campaign


@transaction.atomic
def update_campaign(actor, campaign: Campaign, values: Mapping) -> Campaign:
    """Change a campaign's texts, budget, calendar or (before the lock) its rules."""
    require(actor, MANAGE, campaign.collectivity)
    lock_if_due(campaign)  # voting opened without a ballot or the periodic task yet: the rules are frozen all the same
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    before = {name: getattr(campaign, name) for name in FIELDS}
    changed = _apply(campaign, values)
    if campaign.rules_locked:
        frozen = [name for name in changed if name in FROZEN_FIELDS]
        if frozen:
            raise ValidationError(
                {name: _("The rules were locked when voting opened; this can no longer change.") for name in frozen}
            )
    if campaign.phase_at() in (CampaignPhase.COUNTING, CampaignPhase.RESULTS) and "voting_end" in changed:
        raise ValidationError({"voting_end": _("Voting has closed; its end can no longer change.")})
    _validate(campaign)
    campaign.save()
    if changed:
        audit.record(
            actor,
            "campaign.update",
            campaign,
            collectivity=campaign.collectivity,
            fields=changed,
            before={name: str(before[name]) for name in changed if name not in TEXT_FIELDS},
        )
    return campaign


@transaction.atomic
def save_districts(actor, campaign: Campaign, rows: Sequence[Mapping]) -> list[District]:
    """Replace the campaign's districts or categories with ``rows`` (``kind``, ``name``, ``budget``), before the
    lock. Their budgets may not add up to more than the campaign's."""
    require(actor, MANAGE, campaign.collectivity)
    if lock_if_due(campaign).rules_locked:
        raise ValidationError(_("The rules were locked when voting opened; districts can no longer change."))
    districts = []
    errors: dict[str, list[str]] = {}
    for number, row in enumerate(rows, start=1):
        district = District(
            campaign=campaign, kind=row.get("kind") or District.Kind.DISTRICT, name=row.get("name", ""), position=number
        )
        district.budget = row.get("budget")
        try:
            require_visible({"name": district.name})
            district.full_clean(exclude=["campaign"], validate_constraints=False)
        except ValidationError as error:
            errors[_("row %(n)d") % {"n": number}] = error.messages
        districts.append(district)
    if len({d.name for d in districts}) < len(districts):
        errors["names"] = [_("Two rows have the same name.")]
    if len({d.kind for d in districts}) > 1:
        errors["kind"] = [_("Use either districts or categories in one campaign, not both.")]
    total = sum((Decimal(d.budget) for d in districts if d.budget is not None), Decimal(0))
    if total > campaign.budget:
        errors["budget"] = [_("The districts' budgets add up to more than the campaign's budget.")]
    if errors:
        raise ValidationError(errors)
    in_use = campaign.proposals.exclude(district=None).values_list("district__name", flat=True).distinct()
    missing = set(in_use) - {d.name for d in districts}
    if missing:
        raise ValidationError(_("Proposals still belong to: %(names)s") % {"names": ", ".join(sorted(missing))})
    kept = {d.name: d for d in campaign.districts.all()}
    for district in districts:
        if district.name in kept:
            district.pk = kept.pop(district.name).pk
        district.save()
    District.objects.filter(pk__in=[d.pk for d in kept.values()]).delete()
    audit.record(actor, "campaign.districts", campaign, collectivity=campaign.collectivity, count=len(districts))
    return districts


@transaction.atomic
def lock_rules(actor, campaign: Campaign) -> Campaign:
    """Freeze the ballot, rule and eligibility (staff may lock early; voting opening locks anyway)."""
    require(actor, MANAGE, campaign.collectivity)
    return _lock(actor, campaign)


def lock_if_due(campaign: Campaign, now=None) -> Campaign:
    """Lock the rules of a campaign whose voting has opened, once; called by voting and by the periodic task."""
    if campaign.rules_locked or (now or timezone.now()) < campaign.voting_start:
        return campaign
    with transaction.atomic():
        return _lock(None, campaign)


def _lock(actor, campaign: Campaign) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.rules_locked:
        campaign.rules_locked_at = locked.rules_locked_at
        return campaign
    check_settings(locked)
    locked.rules_locked_at = timezone.now()
    locked.save(update_fields=["rules_locked_at", "updated_at"])
    audit.record(
        actor,
        "campaign.lock_rules",
        locked,
        collectivity=locked.collectivity,
        **{name: str(getattr(locked, name)) for name in RULE_FIELDS},
    )
    campaign.rules_locked_at = locked.rules_locked_at
    return campaign
