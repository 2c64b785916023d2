"""What every ballot shares, online or on paper: checking its choices against the campaign's ballot, and the
writing half that stores it under the one-ballot-per-voter constraint.

The deciding services (online voting, paper entry) check permission, eligibility and the window, then call
:func:`check_choices` and :func:`store_ballot` or :func:`replace_choices`.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from remacto.core.formatting import format_mad

from ..identity import new_receipt
from ..models import Ballot, BallotChoice, BallotType, Campaign, District, Proposal
from ..selectors import choice_proposals


class AlreadyVoted(ValidationError):
    """This voter already has a ballot in this campaign (on either channel)."""


@dataclass(frozen=True)
class Choice:
    proposal: Proposal
    points: int = 1
    rank: int | None = None


def check_choices(
    campaign: Campaign,
    entries: Sequence[tuple[str, int]],
    district: District | None = None,
    *,
    by: str = "pk",
    proposals: Sequence[Proposal] | None = None,
) -> list[Choice]:
    """The ballot's choices if they fit the campaign's ballot, else ``ValidationError`` saying why.

    ``entries`` are ``(reference, points)`` pairs in the voter's order (their preference for ranked ballots);
    ``reference`` is a proposal's primary key (``by="pk"``, web forms) or its public code (``by="code"``, paper).
    Only proposals on the ballot (of the voter's district, when the campaign has districts) may be chosen.
    """
    on_ballot = proposals if proposals is not None else choice_proposals(campaign, district)
    index = {str(getattr(p, by)): p for p in on_ballot}
    chosen: list[Choice] = []
    seen: set[int] = set()
    for rank, (reference, points) in enumerate(entries, start=1):
        proposal = index.get(str(reference).strip())
        if proposal is None:
            raise ValidationError(_("One of the chosen projects is not on this ballot. Reload the page and try again."))
        if proposal.pk in seen:
            raise ValidationError(_("The same project is chosen twice."))
        seen.add(proposal.pk)
        if campaign.ballot_type == BallotType.CUMULATIVE:
            if not isinstance(points, int) or points < 1:
                raise ValidationError(_("Give each chosen project a whole number of points, at least 1."))
        else:
            points = 1
        chosen.append(Choice(proposal, points, rank if campaign.ballot_type == BallotType.RANKED else None))
    _check_counts(campaign, chosen, district)
    return chosen


def _check_counts(campaign: Campaign, chosen: list[Choice], district: District | None) -> None:
    count = len(chosen)
    if count < max(campaign.min_choices, 1):
        raise ValidationError(
            ngettext("Choose at least %(n)d project.", "Choose at least %(n)d projects.", max(campaign.min_choices, 1))
            % {"n": max(campaign.min_choices, 1)}
        )
    if campaign.max_choices and count > campaign.max_choices:
        raise ValidationError(
            ngettext("Choose at most %(n)d project.", "Choose at most %(n)d projects.", campaign.max_choices)
            % {"n": campaign.max_choices}
        )
    if campaign.ballot_type == BallotType.CUMULATIVE:
        total = sum(c.points for c in chosen)
        if campaign.max_points and total > campaign.max_points:
            raise ValidationError(
                _("You gave %(given)d points; you have %(n)d to share.") % {"given": total, "n": campaign.max_points}
            )
    if campaign.ballot_type == BallotType.KNAPSACK:
        for budget, name, cost in _spending(campaign, chosen, district):
            if cost > budget:
                message = _("The chosen projects cost %(cost)s, more than the %(budget)s available.")
                if name:
                    message = _("In %(name)s the chosen projects cost %(cost)s, more than the %(budget)s available.")
                raise ValidationError(message % {"cost": format_mad(cost), "budget": format_mad(budget), "name": name})


def _spending(campaign: Campaign, chosen: list[Choice], district: District | None):
    """(budget, name, cost of the chosen) for each envelope the knapsack must fit: the district's, each
    category's, or the campaign's."""
    if district is not None:
        yield district.budget, district.name, sum((c.proposal.cost or Decimal(0) for c in chosen), Decimal(0))
        return
    categories = {c.proposal.district for c in chosen if c.proposal.district is not None}
    if not categories:
        yield campaign.budget, "", sum((c.proposal.cost or Decimal(0) for c in chosen), Decimal(0))
        return
    for category in sorted(categories, key=lambda d: d.position):
        cost = sum((c.proposal.cost or Decimal(0) for c in chosen if c.proposal.district == category), Decimal(0))
        yield category.budget, category.name, cost


def store_ballot(
    campaign: Campaign,
    choices: Sequence[Choice],
    *,
    voter_key: str,
    user=None,
    channel: str = Ballot.Channel.ONLINE,
    district: District | None = None,
    address_hash: str = "",
    device_hash: str = "",
    is_sample: bool = False,
) -> Ballot:
    """Store a checked ballot; ``AlreadyVoted`` if this voter (or account) has one, and nothing is written."""
    ballot = Ballot(
        campaign=campaign,
        voter_key=voter_key,
        user=user,
        channel=channel,
        district=district,
        address_hash=address_hash,
        device_hash=device_hash,
        is_sample=is_sample,
    )
    for _attempt in range(3):
        ballot.receipt = new_receipt()
        try:
            with transaction.atomic():
                ballot.save(force_insert=True)
                BallotChoice.objects.bulk_create(
                    BallotChoice(ballot=ballot, proposal=c.proposal, points=c.points, rank=c.rank) for c in choices
                )
            return ballot
        except IntegrityError as error:
            ballot.pk = None
            if "receipt" not in str(error):
                raise AlreadyVoted(_("A ballot has already been cast for this voter in this campaign.")) from None
    raise RuntimeError("three receipt codes in a row were already taken")  # about 1 in 2**46 each time


def replace_choices(ballot: Ballot, choices: Sequence[Choice]) -> Ballot:
    """Replace the choices of an existing ballot (a changed ballot keeps its receipt code)."""
    with transaction.atomic():
        BallotChoice.objects.filter(ballot=ballot).delete()
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, proposal=c.proposal, points=c.points, rank=c.rank) for c in choices
        )
        ballot.changed_at = timezone.now()
        ballot.save(update_fields=["changed_at"])
    return ballot
