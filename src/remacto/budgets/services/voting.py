"""Online voting: casting or changing a ballot, and checking a receipt.

One voter has one ballot per campaign, whatever the channel, tab or device: the ballot is stored under the
voter's key from their eligibility check, and the database's unique constraint settles parallel submissions.
A voter who votes again changes their ballot (it keeps its receipt code) when the campaign allows it; otherwise
the second ballot is refused with a clear message and nothing is written.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from remacto.core.permissions import require
from remacto.participation import limits

from .. import identity
from ..models import Ballot, Campaign, CampaignPhase, District
from .ballots import AlreadyVoted, check_choices, replace_choices, store_ballot
from .campaigns import lock_if_due, voting_open
from .eligibility import require_eligible

VOTE = "budgets.vote"


@dataclass(frozen=True)
class Cast:
    """A ballot cast or changed online: ``changed`` is true when it replaced the voter's earlier choices."""

    ballot: Ballot
    changed: bool = False


def _no_change() -> ValidationError:
    return ValidationError(
        _("You have already voted in this campaign, and its ballots cannot be changed once cast."), code="already_voted"
    )


def cast_ballot(
    actor,
    campaign: Campaign,
    entries: Sequence[tuple[str, int]],
    *,
    district: District | None = None,
    address: str = "",
    device: str = "",
) -> Cast:
    """Cast ``actor``'s ballot (``entries`` as :func:`ballots.check_choices` takes them) or change it.

    ``district``: the district whose ballot the form showed (must be the voter's own, when the campaign has
    districts). ``address``: the client's IP address and ``device``: the browser's long-lived id, both stored only
    as short keyed hashes for the integrity review.
    """
    require(actor, VOTE, campaign.collectivity)
    if not voting_open(campaign):
        raise ValidationError(_("Voting is not open in this campaign."), code="closed")
    lock_if_due(campaign)
    check = require_eligible(actor, campaign)
    if check.district_id is not None:  # a district campaign (districts are locked with the rules before voting)
        if district is not None and district.pk != check.district_id:
            raise ValidationError(
                _("This ballot is not the one of your district. Reload the page and try again."), code="tampered"
            )
        district = check.district
    elif district is not None and district.kind == District.Kind.DISTRICT:
        raise ValidationError(
            _("This ballot is not the one of your district. Reload the page and try again."), code="tampered"
        )
    else:
        district = None
    choices = check_choices(campaign, entries, district)
    with limits.reserve(actor, "votes"):
        try:
            # Most ballots are first ballots: try to store at once; the unique constraint says if the voter (from
            # this tab, another one or another device, even at the same instant) already has one.
            ballot = store_ballot(
                campaign,
                choices,
                voter_key=check.voter_key,
                user=actor,
                district=district,
                address_hash=identity.short_hash("address", address) if address else "",
                device_hash=identity.short_hash("device", device) if device else "",
            )
            return Cast(ballot)
        except AlreadyVoted:
            pass
        with transaction.atomic():
            existing = _existing(campaign, check.voter_key, actor)
            if existing is None:  # the other ballot's account differs: refuse rather than guess
                raise AlreadyVoted(_("A ballot has already been cast for this voter in this campaign."))
            if not campaign.allow_ballot_change:
                raise _no_change()
            if existing.channel != Ballot.Channel.ONLINE or existing.is_excluded:
                raise ValidationError(
                    _("Your ballot in this campaign was entered at a polling desk; it cannot be changed online."),
                    code="already_voted",
                )
            return Cast(replace_choices(existing, choices), changed=True)


def _existing(campaign: Campaign, voter_key: str, user) -> Ballot | None:
    """The voter's ballot, locked until the end of the transaction."""
    return (
        Ballot.objects.select_for_update()
        .filter(Q(voter_key=voter_key) | Q(user=user), campaign=campaign)
        .order_by("id")
        .first()
    )


def ballot_of(user, campaign: Campaign) -> Ballot | None:
    """``user``'s own ballot in ``campaign`` with its choices (to show it preselected, and its receipt)."""
    if not user.is_authenticated:
        return None
    return Ballot.objects.filter(campaign=campaign, user=user).prefetch_related("choices").first()


@dataclass(frozen=True)
class ReceiptStatus:
    """What a receipt code says publicly: ``status`` is ``unknown``, ``awaiting`` (recorded, not yet counted),
    ``counted`` or ``excluded`` (with the public ``reason``). Nothing of the ballot's content."""

    status: str
    reason: str = ""
    changed: bool = False


def check_receipt(actor, campaign: Campaign, code: str, *, address: str) -> ReceiptStatus:
    """:func:`receipt_status` for the public receipt page: every check counts against the ``receipt_checks``
    limit of the client ``address`` and, when signed in, of the account (``LimitReached`` under ``code``), so
    receipt codes cannot be guessed by trying many."""
    with limits.reserve_client(actor, address, "receipt_checks", field="code"):
        return receipt_status(campaign, code)


def receipt_status(campaign: Campaign, code: str) -> ReceiptStatus:
    """Whether a ballot with receipt ``code`` (as typed) exists in ``campaign`` and what became of it."""
    code = identity.parse_receipt(code or "")
    if len(code) != identity.RECEIPT_LENGTH:
        return ReceiptStatus("unknown")
    row = (
        Ballot.objects.filter(campaign=campaign, receipt=code)
        .values("excluded_at", "exclusion_reason", "changed_at")
        .first()
    )
    if row is None:
        return ReceiptStatus("unknown")
    if row["excluded_at"] is not None:
        return ReceiptStatus("excluded", reason=row["exclusion_reason"])
    counted = campaign.phase == CampaignPhase.RESULTS
    return ReceiptStatus("counted" if counted else "awaiting", changed=row["changed_at"] is not None)
