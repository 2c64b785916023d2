"""Paper ballots, entered twice.

Polling-desk officers open a batch for the sheets of one desk, then type every sheet twice: round 1 and round 2,
independently (the second typist does not see the first entry). Each entry names the voter by the same identity
as online (CIN, email, phone or desk code, see :func:`~remacto.budgets.identity.identity_kind`), stored only as
its keyed hash. When both rounds of a sheet agree, its ballot is stored on the paper channel under the same
one-ballot-per-voter constraint as online ballots, so a voter who already voted online (or on another sheet) is
refused on that sheet and nothing is counted. When they disagree, the sheet waits for a third, corrected entry
typed from the paper, which is final.

Decisions:

- **Two different people.** One officer may not type both rounds of a sheet: double entry only catches typing
  mistakes if the two typings are independent. A desk with a single officer asks another officer or the focal
  point for the second round. The correction (round 3) may be typed by anyone allowed to enter paper ballots,
  including one of the first two typists, since they now compare both entries with the sheet; it is audited.
- **When.** Entry is open from the opening of voting until ``BUDGETS_PAPER_ENTRY_HOURS`` hours (default 72)
  after voting closes, and never once results are published: desks bring their sheets in after the close, and
  the count waits for them.
- A sheet whose choices do not fit the ballot (unknown code, over the budget, too many projects or points) is
  refused at entry with its sheet number; the desk keeps it aside as a spoiled ballot.
"""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.text import fold_digits, has_control_characters

from .. import identity
from ..models import Ballot, BallotType, Campaign, District, PaperBatch, PaperEntry
from ..selectors import ballot_proposals
from .ballots import AlreadyVoted, check_choices, store_ballot
from .campaigns import lock_if_due

ENTER = "budgets.enter_paper_ballots"
DEFAULT_ENTRY_HOURS = 72
MAX_SHEET = 1_000_000
MAX_IDENTITY = 100
MAX_CHOICES_TEXT = 1000

_SEPARATORS = re.compile(r"[\s,;،؛]+")
_PAIR = re.compile(r"^(?P<code>[^:=]+)(?:[:=](?P<points>\d+))?$")
_IDENTITY_FORMS = {
    "cin": re.compile(r"^[A-Z]{1,2}\d{1,7}$"),
    "phone": re.compile(r"^\+?\d{8,15}$"),
    "email": re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    "code": re.compile(r"^[A-Z0-9]{6,20}$"),
}


IDENTITY_HELP = {
    "cin": gettext_lazy("give the national ID (CIN) number written on the sheet, such as AB123456."),
    "phone": gettext_lazy("give the phone number written on the sheet, such as 0612345678."),
    "email": gettext_lazy("give the email address written on the sheet."),
    "code": gettext_lazy("give the voting code written on the sheet."),
}
"""What to type when the identity does not look like the campaign's kind of identity."""


def entry_deadline(campaign: Campaign):
    """When paper entry closes: some hours after voting closes (``BUDGETS_PAPER_ENTRY_HOURS``)."""
    hours = getattr(settings, "BUDGETS_PAPER_ENTRY_HOURS", DEFAULT_ENTRY_HOURS)
    return campaign.voting_end + timedelta(hours=hours)


def entry_open(campaign: Campaign, now=None) -> bool:
    """Paper sheets may be typed now: from the opening of voting until the entry deadline, before results."""
    now = now or timezone.now()
    return campaign.results_published_at is None and campaign.voting_start <= now < entry_deadline(campaign)


@dataclass(frozen=True)
class Typed:
    """One sheet as typed: the voter key of its identity, its district and its ``[code, points]`` pairs."""

    identity_hash: str
    district: District | None
    choices: list[list]

    def same_as(self, entry: PaperEntry) -> bool:
        return (
            self.identity_hash == entry.identity_hash
            and (self.district.pk if self.district else None) == entry.district_id
            and self.choices == entry.choices
        )


def _sheet_error(sheet: int, message: str, field: str | None = None) -> ValidationError:
    text = _("Sheet %(n)s: %(message)s") % {"n": sheet, "message": message}
    return ValidationError({field: [text]} if field else text)


def parse_choices(campaign: Campaign, text: str) -> list[list]:
    """``P1 P3 P4`` (or ``P1:3, P2:2`` for points) as ``[code, points]`` pairs; codes matched without regard to
    case, Arabic digits read as digits. Raises ``ValueError`` with the bad token."""
    pairs = []
    for token in _SEPARATORS.split(fold_digits(text).strip()):
        if not token:
            continue
        match = _PAIR.match(token)
        if match is None:
            raise ValueError(token)
        points = int(match["points"]) if match["points"] and campaign.ballot_type == BallotType.CUMULATIVE else 1
        pairs.append([match["code"].upper(), points])
    if campaign.ballot_type != BallotType.RANKED:
        pairs.sort()
    return pairs


def read_sheet(campaign: Campaign, sheet: int, identity_text: str, choices_text: str, district=None) -> Typed:
    """Check one typed sheet against the campaign's ballot; ``ValidationError`` naming the sheet and the field."""
    if not isinstance(sheet, int) or not 1 <= sheet <= MAX_SHEET:
        raise ValidationError({"sheet": [_("Give the number written on the sheet.")]})
    identity_text = (identity_text or "").strip()
    choices_text = choices_text or ""
    for field, text in (("identity", identity_text), ("choices", choices_text)):
        if has_control_characters(text):
            raise _sheet_error(sheet, _("the text contains control characters."), field)
    kind = identity.identity_kind(campaign)
    normalised = identity.normalise_identity(kind, identity_text)
    if not normalised or len(identity_text) > MAX_IDENTITY or not _IDENTITY_FORMS[kind].match(normalised):
        raise _sheet_error(sheet, str(IDENTITY_HELP[kind]), "identity")
    districts = {d.pk: d for d in campaign.districts.all() if d.kind == District.Kind.DISTRICT}
    district = districts.get(getattr(district, "pk", district)) if districts else None
    if districts and district is None:
        raise _sheet_error(sheet, _("choose the voter's district."), "district")
    if len(choices_text) > MAX_CHOICES_TEXT:
        raise _sheet_error(sheet, _("too many choices."), "choices")
    try:
        pairs = parse_choices(campaign, choices_text)
    except ValueError as bad:
        message = _("“%(token)s” is not a project code (write codes separated by spaces, points after a colon).")
        raise _sheet_error(sheet, message % {"token": str(bad)[:40]}, "choices") from None
    proposals = ballot_proposals(campaign, district)
    codes = {p.code.upper(): p.code for p in proposals}
    for code, _points in pairs:
        if code not in codes:
            raise _sheet_error(sheet, _("the code “%(code)s” is not on this ballot.") % {"code": code[:40]}, "choices")
    try:
        check_choices(campaign, [(codes[c], p) for c, p in pairs], district, by="code", proposals=proposals)
    except ValidationError as error:
        raise _sheet_error(sheet, " ".join(error.messages), "choices") from None
    key = identity.voter_key(campaign.pk, kind, identity_text)
    return Typed(identity_hash=key, district=district, choices=[[codes[c], p] for c, p in pairs])


def _check_batch(actor, campaign: Campaign, batch: PaperBatch) -> PaperBatch:
    """The batch, locked for this entry, if ``actor`` may type sheets of ``campaign`` in it now."""
    require(actor, ENTER, campaign.collectivity)
    locked = PaperBatch.objects.select_for_update().get(pk=batch.pk)
    if locked.campaign_id != campaign.pk:
        raise ValidationError(_("This batch belongs to another campaign."))
    if not locked.is_open:
        raise ValidationError(_("This batch is closed: no more sheets can be entered in it."))
    if not entry_open(campaign):
        raise ValidationError(_("Paper ballots can be entered from the opening of voting until the entry deadline."))
    return locked


@transaction.atomic
def open_batch(actor, campaign: Campaign, desk: str) -> PaperBatch:
    """Open a batch for the sheets of one polling desk."""
    require(actor, ENTER, campaign.collectivity)
    desk = (desk or "").strip()
    if not desk or has_control_characters(desk) or len(desk) > 150:
        raise ValidationError({"desk": [_("Give the name of the polling desk (at most 150 characters).")]})
    if not entry_open(campaign):
        raise ValidationError(_("Paper ballots can be entered from the opening of voting until the entry deadline."))
    batch = PaperBatch.objects.create(campaign=campaign, desk=desk, opened_by=actor)
    audit.record(actor, "paper.batch_open", batch, collectivity=campaign.collectivity, campaign=campaign.pk)
    return batch


@transaction.atomic
def close_batch(actor, campaign: Campaign, batch: PaperBatch) -> PaperBatch:
    """Close a batch once every sheet in it is settled (stored or refused); no entry after that."""
    require(actor, ENTER, campaign.collectivity)
    batch = PaperBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.campaign_id != campaign.pk:
        raise ValidationError(_("This batch belongs to another campaign."))
    if not batch.is_open:
        return batch
    unsettled = sheets_to_finish(batch)
    if unsettled:
        raise ValidationError(
            _("Sheets still waiting for an entry or a correction: %(sheets)s")
            % {"sheets": ", ".join(str(n) for n in unsettled[:20])}
        )
    batch.status = PaperBatch.Status.CLOSED
    batch.closed_at = timezone.now()
    batch.save(update_fields=["status", "closed_at"])
    audit.record(actor, "paper.batch_close", batch, collectivity=campaign.collectivity, sheets=_sheet_count(batch))
    return batch


def _sheet_count(batch: PaperBatch) -> int:
    return batch.entries.values("sheet").distinct().count()


def sheets_to_finish(batch: PaperBatch) -> list[int]:
    """Sheet numbers of ``batch`` still waiting for a round or a correction."""
    settled = set(batch.entries.exclude(outcome__in=("", PaperEntry.Outcome.MISMATCH)).values_list("sheet", flat=True))
    typed = set(batch.entries.values_list("sheet", flat=True))
    return sorted(typed - settled)


@transaction.atomic
def enter_sheet(
    actor,
    campaign: Campaign,
    batch: PaperBatch,
    round_: int,
    sheet: int,
    identity_text: str,
    choices_text: str,
    district=None,
) -> PaperEntry:
    """Type one sheet in round 1 or 2. The second round of a sheet compares both entries: when they agree the
    ballot is stored (or refused because the voter already voted); when they disagree the sheet waits for a
    correction. The returned entry's ``outcome`` says which."""
    batch = _check_batch(actor, campaign, batch)
    if round_ not in (PaperEntry.Round.FIRST, PaperEntry.Round.SECOND):
        raise ValidationError({"round": [_("Choose the first or the second entry.")]})
    typed = read_sheet(campaign, sheet, identity_text, choices_text, district)
    entries = {e.round: e for e in batch.entries.filter(sheet=sheet)}
    if round_ in entries:
        raise _sheet_error(sheet, _("it was already typed in this round."), "sheet")
    other = entries.get(3 - round_)
    if other is not None and other.entered_by_id == actor.pk:
        raise _sheet_error(
            sheet, _("you typed the other entry of this sheet; the two entries must be typed by two people."), "sheet"
        )
    entry = PaperEntry(
        batch=batch,
        sheet=sheet,
        round=round_,
        identity_hash=typed.identity_hash,
        district=typed.district,
        choices=typed.choices,
        entered_by=actor,
    )
    if other is not None:
        if typed.same_as(other):
            _store(campaign, entry, typed)
        else:
            entry.outcome = PaperEntry.Outcome.MISMATCH
    entry.save()
    audit.record(
        actor,
        "paper.entry",
        batch,
        collectivity=campaign.collectivity,
        sheet=sheet,
        round=round_,
        outcome=entry.outcome,
    )
    return entry


@transaction.atomic
def correct_sheet(
    actor, campaign: Campaign, batch: PaperBatch, sheet: int, identity_text: str, choices_text: str, district=None
) -> PaperEntry:
    """Type the corrected entry of a sheet whose two entries disagree, from the paper; it is final."""
    batch = _check_batch(actor, campaign, batch)
    entries = {e.round: e for e in batch.entries.filter(sheet=sheet)}
    outcomes = {e.outcome for e in entries.values()}
    if PaperEntry.Round.CORRECTION in entries or PaperEntry.Outcome.MISMATCH not in outcomes:
        raise _sheet_error(sheet, _("it has no disagreement to correct."), "sheet")
    typed = read_sheet(campaign, sheet, identity_text, choices_text, district)
    entry = PaperEntry(
        batch=batch,
        sheet=sheet,
        round=PaperEntry.Round.CORRECTION,
        identity_hash=typed.identity_hash,
        district=typed.district,
        choices=typed.choices,
        entered_by=actor,
    )
    _store(campaign, entry, typed)
    entry.save()
    audit.record(actor, "paper.correct", batch, collectivity=campaign.collectivity, sheet=sheet, outcome=entry.outcome)
    return entry


def _store(campaign: Campaign, entry: PaperEntry, typed: Typed) -> None:
    """Store the ballot the entry confirms, or mark the voter as having voted already (nothing stored)."""
    lock_if_due(campaign)
    choices = check_choices(campaign, [(c, p) for c, p in typed.choices], typed.district, by="code")
    try:
        entry.ballot = store_ballot(
            campaign, choices, voter_key=typed.identity_hash, channel=Ballot.Channel.PAPER, district=typed.district
        )
    except AlreadyVoted:
        entry.outcome = PaperEntry.Outcome.ALREADY_VOTED
    else:
        entry.outcome = PaperEntry.Outcome.STORED
