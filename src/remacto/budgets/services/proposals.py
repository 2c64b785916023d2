"""Proposals of a participatory budget: residents propose projects while proposals are open, staff review their
feasibility with a public reason and a cost, authors may appeal a rejection once, and staff may promote a
co-creation idea of the same collectivity into a proposal.

Windows (each written once, here, and used by views and templates):

- residents propose and edit while ``proposals_open`` (edits only while the proposal awaits review);
- authors withdraw until voting starts (the row stays, marked withdrawn);
- reviewers decide from the opening of proposals until the rules are locked or voting starts (``review_open``);
- authors appeal a rejection while ``appeals_open``; reviewers answer within ``review_open``.
"""

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from remacto.accounts.models import OrganisationMember
from remacto.cocreation.uploads import MAX_UPLOAD_BYTES, _wrong_type, check_upload, sniff, without_metadata
from remacto.core import audit
from remacto.core.formatting import format_mad
from remacto.core.permissions import require
from remacto.core.text import has_control_characters
from remacto.core.validators import require_visible
from remacto.notifications.services import notify
from remacto.participation import limits

from ..models import Appeal, Campaign, CampaignPhase, District, Proposal, ProposalPhoto
from .campaigns import appeals_open, proposals_open

PROPOSE = "budgets.propose"
REVIEW = "budgets.review_proposals"
TEXT_FIELDS = ("title", "description", "place")
FIELDS = (*TEXT_FIELDS, "estimated_cost", "district", "organisation")
MAX_PHOTOS = 3
MIN_REASON = 10
CODE_PREFIX = "P-"
_CODE = re.compile(r"^P-(\d{1,9})$")


class Decision:
    """A reviewer's decision on a proposal."""

    ACCEPT = "accept"
    REJECT = "reject"
    values = (ACCEPT, REJECT)


DECISION_MSGIDS = {
    Decision.ACCEPT: gettext_noop("accepted: it will be on the ballot"),
    Decision.REJECT: gettext_noop("not feasible"),
}
APPEAL_MSGIDS = {
    Appeal.Decision.UPHELD: gettext_noop("the rejection is upheld"),
    Appeal.Decision.OVERTURNED: gettext_noop("the rejection is overturned: your proposal will be on the ballot"),
}


# Windows --------------------------------------------------------------------------------------------------------


def before_voting(campaign: Campaign, now=None) -> bool:
    """True until voting starts or the rules are locked, whichever comes first."""
    return not campaign.rules_locked and campaign.phase_at(now) in (
        CampaignPhase.UPCOMING,
        CampaignPhase.PROPOSALS,
        CampaignPhase.REVIEW,
        CampaignPhase.BALLOT,
    )


def review_open(campaign: Campaign, now=None) -> bool:
    """Reviewers decide (and answer appeals) from the opening of proposals until the rules lock or voting."""
    return before_voting(campaign, now) and campaign.phase_at(now) != CampaignPhase.UPCOMING


def can_edit(proposal: Proposal, user) -> bool:
    """Whether ``user`` may edit ``proposal`` now (the service decides; pages use this to show the link)."""
    return (
        user.is_authenticated
        and proposal.author_id == user.pk
        and proposal.status == Proposal.Status.SUBMITTED
        and proposals_open(proposal.campaign)
    )


def can_withdraw(proposal: Proposal, user) -> bool:
    return (
        user.is_authenticated
        and proposal.author_id == user.pk
        and proposal.status != Proposal.Status.WITHDRAWN
        and before_voting(proposal.campaign)
    )


def can_appeal(proposal: Proposal, user, appeal: Appeal | None) -> bool:
    return (
        user.is_authenticated
        and proposal.author_id == user.pk
        and proposal.status == Proposal.Status.REJECTED
        and appeal is None
        and appeals_open(proposal.campaign)
    )


# Checks ---------------------------------------------------------------------------------------------------------


def _check_text(values: Mapping) -> None:
    bad = {
        name: _("Remove the control characters (such as NUL) from this text.")
        for name in (*TEXT_FIELDS, "reason", "text", "answer", "caption")
        if isinstance(values.get(name), str) and has_control_characters(values[name])
    }
    if bad:
        raise ValidationError(bad)


def _district(campaign: Campaign, district) -> District | None:
    districts = list(campaign.districts.all())
    if district in (None, ""):
        if districts:
            raise ValidationError({"district": _("Choose the district or category of your project.")})
        return None
    if not isinstance(district, District) or district.campaign_id != campaign.pk:
        raise ValidationError({"district": _("Choose one of this campaign's districts or categories.")})
    return district


def _organisation(actor, organisation):
    if organisation in (None, ""):
        return None
    if not OrganisationMember.objects.filter(organisation=organisation, user=actor).exists():
        raise ValidationError({"organisation": _("You can only propose on behalf of an association you belong to.")})
    return organisation


def _validated(campaign: Campaign, values: Mapping, proposal: Proposal, *, actor) -> Proposal:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(names)s") % {"names": ", ".join(sorted(unknown))})
    _check_text(values)
    for name in TEXT_FIELDS:
        setattr(proposal, name, (values.get(name) or "").strip())
    cost = values.get("estimated_cost")
    if cost in (None, ""):
        raise ValidationError({"estimated_cost": _("Give an estimate of the cost in dirhams.")})
    try:
        cost = Decimal(cost)
    except (ArithmeticError, TypeError, ValueError) as exc:
        raise ValidationError({"estimated_cost": _("Give an estimate of the cost in dirhams.")}) from exc
    if not cost.is_finite() or cost <= 0:
        raise ValidationError({"estimated_cost": _("The estimated cost must be more than zero.")})
    proposal.estimated_cost = cost
    proposal.district = _district(campaign, values.get("district"))
    proposal.organisation = _organisation(actor, values.get("organisation")) if actor is not None else None
    require_visible({name: getattr(proposal, name) for name in TEXT_FIELDS})
    proposal.full_clean(
        exclude=["campaign", "code", "cost", "support_count", "comment_count"], validate_constraints=False
    )
    return proposal


def _checked_photos(files: Iterable) -> list[tuple[object, str]]:
    """The photos and their types, or a ``ValidationError`` keyed ``photos`` (too many, too large, not a photo)."""
    files = [f for f in files if f]
    if len(files) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": ngettext("At most %(n)d photo.", "At most %(n)d photos.", MAX_PHOTOS) % {"n": MAX_PHOTOS}}
        )
    checked = []
    for upload in files:
        not_a_photo = ValidationError({"photos": _("“%(name)s” is not a JPEG or PNG photo.") % {"name": upload.name}})
        if upload.size <= MAX_UPLOAD_BYTES and sniff(upload) not in ("png", "jpeg"):
            raise not_a_photo
        try:
            checked.append((upload, check_upload(upload, allowed=("png", "jpeg"))))
        except ValidationError as exc:
            if exc.messages == _wrong_type(upload).messages:  # unreadable once opened: corrupt or truncated
                raise not_a_photo from exc
            raise ValidationError({"photos": exc.messages}) from exc
    return checked


def _next_code(campaign: Campaign) -> str:
    """The next free public code ``P-n`` of the campaign; the caller holds the campaign's row lock."""
    numbers = [
        int(match.group(1))
        for code in campaign.proposals.filter(code__startswith=CODE_PREFIX).values_list("code", flat=True)
        if (match := _CODE.match(code))
    ]
    return f"{CODE_PREFIX}{max(numbers, default=0) + 1}"


def _locked(campaign: Campaign) -> Campaign:
    """The campaign's row, locked until the transaction ends: proposals of one campaign get their codes in turn."""
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


def _store_photos(proposal: Proposal, checked: list[tuple[object, str]]) -> None:
    """Re-encode every photo first (a photo whose pixels cannot be read refuses them all before any file is
    written), then store them after the proposal's existing photos."""
    encoded = []
    for upload, kind in checked:
        try:
            encoded.append((without_metadata(upload, kind), kind))
        except ValidationError as exc:  # the header was readable, the pixels are not
            message = _("“%(name)s” is not a JPEG or PNG photo.") % {"name": upload.name}
            raise ValidationError({"photos": message}) from exc
    start = proposal.photos.count()
    for position, (stored, kind) in enumerate(encoded, start=start + 1):
        stored.name = f"{proposal.code.lower()}-{position}.{'png' if kind == 'png' else 'jpg'}"
        ProposalPhoto.objects.create(proposal=proposal, image=stored, position=position)


# Residents ------------------------------------------------------------------------------------------------------


@transaction.atomic
def submit_proposal(actor, campaign: Campaign, values: Mapping, files: Iterable = ()) -> Proposal:
    """A resident's proposal with up to three photos, while proposals are open and within the ``proposals`` limit.

    The proposal and its photos are saved together or not at all; its public code (``P-1``, ``P-2``…) is given
    in turn under the campaign's row lock.
    """
    require(actor, PROPOSE, campaign.collectivity)
    if not proposals_open(campaign):
        raise ValidationError(_("Proposals are not open for this campaign."))
    try:
        checked, photo_error = _checked_photos(files), None
    except ValidationError as exc:
        checked, photo_error = [], exc
    try:
        proposal = _validated(campaign, values, Proposal(campaign=campaign, author=actor), actor=actor)
    except ValidationError as exc:
        if photo_error is not None and hasattr(exc, "error_dict"):  # one answer names every field to correct
            raise ValidationError({**photo_error.error_dict, **exc.error_dict}) from exc
        raise
    if photo_error is not None:
        raise photo_error
    with limits.reserve(actor, "proposals"):
        _locked(campaign)
        proposal.code = _next_code(campaign)
        proposal.save()
        _store_photos(proposal, checked)
    return proposal


@transaction.atomic
def edit_proposal(actor, proposal: Proposal, values: Mapping) -> Proposal:
    """The author edits their proposal while proposals are open and it still awaits review."""
    if not actor.is_authenticated or proposal.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can edit this proposal."))
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=proposal.pk)
    if not proposals_open(proposal.campaign) or proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(_("This proposal can no longer be edited."))
    if proposal.is_hidden:
        raise ValidationError(_("This proposal was hidden by moderation and can no longer be edited."))
    return _save_edit(actor, proposal, values)


def _save_edit(actor, proposal: Proposal, values: Mapping) -> Proposal:
    merged = {
        "title": proposal.title,
        "description": proposal.description,
        "place": proposal.place,
        "estimated_cost": proposal.estimated_cost,
        "district": proposal.district,
        "organisation": proposal.organisation,
        **values,
    }
    _validated(proposal.campaign, merged, proposal, actor=actor)
    proposal.save()
    return proposal


@transaction.atomic
def withdraw_proposal(actor, proposal: Proposal) -> Proposal:
    """The author withdraws their proposal before voting; it stays listed, marked withdrawn."""
    if not actor.is_authenticated or proposal.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can withdraw this proposal."))
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=proposal.pk)
    if proposal.status == Proposal.Status.WITHDRAWN:
        raise ValidationError(_("This proposal is already withdrawn."))
    if not before_voting(proposal.campaign):
        raise ValidationError(_("Proposals can no longer be withdrawn once voting has started."))
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    return proposal


@transaction.atomic
def submit_appeal(actor, proposal: Proposal, text: str) -> Appeal:
    """The author of a rejected proposal appeals, once, while appeals are open."""
    if not actor.is_authenticated or proposal.author_id != actor.pk:
        raise PermissionDenied(_("Only the author can appeal this decision."))
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("campaign").get(pk=proposal.pk)
    if proposal.status != Proposal.Status.REJECTED:
        raise ValidationError(_("Only a proposal found not feasible can be appealed."))
    if not appeals_open(proposal.campaign):
        raise ValidationError(_("Appeals are not open for this campaign."))
    _check_text({"text": text})
    text = (text or "").strip()
    if len(text) < MIN_REASON:
        raise ValidationError({"text": _("Say why the decision should change (at least 10 characters).")})
    require_visible({"text": text})
    if Appeal.objects.filter(proposal=proposal).exists():
        raise ValidationError(_("This decision was already appealed; a proposal can be appealed once."))
    appeal = Appeal(proposal=proposal, text=text)
    appeal.full_clean(exclude=["proposal"], validate_constraints=False)
    try:
        with transaction.atomic():
            appeal.save()
    except IntegrityError as exc:  # a double click: the other request saved it
        raise ValidationError(_("This decision was already appealed; a proposal can be appealed once.")) from exc
    return appeal


# Reviewers ------------------------------------------------------------------------------------------------------


def _checked_cost(campaign: Campaign, district: District | None, cost) -> Decimal:
    try:
        cost = Decimal(cost) if cost not in (None, "") else None
    except (ArithmeticError, TypeError, ValueError):
        cost = None
    if cost is None or not cost.is_finite():
        raise ValidationError({"cost": _("Give the cost estimated by the services, in dirhams.")})
    if cost <= 0:
        raise ValidationError({"cost": _("The cost must be more than zero.")})
    envelope = district.budget if district is not None else campaign.budget
    if cost > envelope:
        raise ValidationError(
            {"cost": _("This cost is more than the budget available (%(budget)s).") % {"budget": format_mad(envelope)}}
        )
    return cost.quantize(Decimal("0.01"))


def _checked_reason(value, field: str, required: bool) -> str:
    _check_text({field: value})
    value = (value or "").strip()
    if required and len(value) < MIN_REASON:
        raise ValidationError({field: _("Give the public reason for this decision (at least 10 characters).")})
    if value:
        require_visible({field: value})
    if len(value) > 2000:
        raise ValidationError({field: _("At most 2000 characters.")})
    return value


def _review_window(campaign: Campaign) -> None:
    if not review_open(campaign):
        raise ValidationError(_("Proposals can no longer be reviewed: the rules are locked or voting has started."))


@transaction.atomic
def review_proposal(actor, proposal: Proposal, decision: str, cost=None, reason: str = "") -> Proposal:
    """Accept a proposal with the services' cost estimate (it goes on the ballot) or reject it as not feasible
    with a public reason; the author is told. A decision may be corrected until the rules lock, unless an appeal
    on it was answered."""
    campaign = proposal.campaign
    require(actor, REVIEW, campaign.collectivity)
    proposal = (
        Proposal.objects.select_for_update(of=("self",)).select_related("campaign", "district").get(pk=proposal.pk)
    )
    campaign = proposal.campaign
    _review_window(campaign)
    if proposal.status == Proposal.Status.WITHDRAWN:
        raise ValidationError(_("This proposal was withdrawn by its author."))
    appeal = Appeal.objects.filter(proposal=proposal).first()
    if appeal is not None and appeal.is_answered:
        raise ValidationError(_("An appeal on this proposal was answered; the decision is final."))
    if appeal is not None:
        raise ValidationError(_("The author appealed this decision: answer the appeal instead."))
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose accepted or not feasible.")})
    if decision == Decision.ACCEPT:
        proposal.cost = _checked_cost(campaign, proposal.district, cost)
        proposal.review_reason = _checked_reason(reason, "reason", required=False)
        proposal.status = Proposal.Status.ACCEPTED
    else:
        proposal.review_reason = _checked_reason(reason, "reason", required=True)
        proposal.cost = None
        proposal.status = Proposal.Status.REJECTED
    proposal.reviewed_by = actor
    proposal.reviewed_at = timezone.now()
    proposal.save(update_fields=["cost", "review_reason", "status", "reviewed_by", "reviewed_at", "updated_at"])
    audit.record(
        actor,
        "proposal.review",
        proposal,
        collectivity=campaign.collectivity,
        status=proposal.status,
        cost=str(proposal.cost or ""),
    )
    if proposal.author_id:
        notify(
            proposal.author,
            kind="budget.review",
            message=gettext_noop("Your proposal “%(title)s” was reviewed: %(decision)s. %(reason)s"),
            params={
                "title": proposal.title,
                "decision_msgid": DECISION_MSGIDS[decision],
                "reason": proposal.review_reason,
            },
            url=proposal.get_absolute_url(),
            collectivity=campaign.collectivity,
        )
    return proposal


@transaction.atomic
def answer_appeal(actor, appeal: Appeal, decision: str, cost=None, answer: str = "") -> Appeal:
    """Answer an appeal: uphold the rejection with a public answer, or overturn it with a cost (the proposal goes
    on the ballot). An appeal is answered once; the author is told."""
    campaign = appeal.proposal.campaign
    require(actor, REVIEW, campaign.collectivity)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    proposal = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("campaign", "district")
        .get(pk=appeal.proposal_id)
    )
    campaign = proposal.campaign
    _review_window(campaign)
    if appeal.is_answered:
        raise ValidationError(_("This appeal was already answered."))
    if proposal.status != Proposal.Status.REJECTED:
        raise ValidationError(_("This proposal is no longer rejected; there is nothing to decide on appeal."))
    if decision == Appeal.Decision.OVERTURNED:
        proposal.cost = _checked_cost(campaign, proposal.district, cost)
        appeal.answer = _checked_reason(answer, "answer", required=False)
        proposal.status = Proposal.Status.ACCEPTED
        proposal.reviewed_by = actor
        proposal.reviewed_at = timezone.now()
        proposal.save(update_fields=["cost", "status", "reviewed_by", "reviewed_at", "updated_at"])
    elif decision == Appeal.Decision.UPHELD:
        appeal.answer = _checked_reason(answer, "answer", required=True)
    else:
        raise ValidationError({"decision": _("Choose to uphold or to overturn the rejection.")})
    appeal.decision = decision
    appeal.answered_by = actor
    appeal.answered_at = timezone.now()
    appeal.save()
    audit.record(
        actor,
        "proposal.appeal",
        proposal,
        collectivity=campaign.collectivity,
        decision=decision,
        cost=str(proposal.cost or ""),
    )
    if proposal.author_id:
        notify(
            proposal.author,
            kind="budget.appeal",
            message=gettext_noop("Your appeal on the proposal “%(title)s” was answered: %(decision)s. %(answer)s"),
            params={"title": proposal.title, "decision_msgid": APPEAL_MSGIDS[decision], "answer": appeal.answer},
            url=proposal.get_absolute_url(),
            collectivity=campaign.collectivity,
        )
    return appeal


@transaction.atomic
def promote_idea(actor, campaign: Campaign, idea, values: Mapping) -> Proposal:
    """Turn a co-creation idea of the same collectivity into a proposal of ``campaign``, keeping its author and
    provenance (``source_idea``). An idea is promoted into a campaign once; hidden ideas are refused."""
    require(actor, REVIEW, campaign.collectivity)
    campaign = _locked(campaign)
    if idea is None or idea.programme.collectivity_id != campaign.collectivity_id or idea.is_hidden:
        raise ValidationError({"idea": _("Choose a visible idea of this collectivity's programmes.")})
    if not before_voting(campaign):
        raise ValidationError(_("Ideas can no longer be promoted: the rules are locked or voting has started."))
    if campaign.proposals.filter(source_idea=idea).exists():
        raise ValidationError({"idea": _("This idea is already a proposal of this campaign.")})
    author = idea.author if idea.author_id and idea.author.is_active else None
    proposal = Proposal(campaign=campaign, author=author, source_idea=idea)
    proposal = _validated(campaign, {**values, "organisation": None}, proposal, actor=None)
    proposal.code = _next_code(campaign)
    proposal.save()
    audit.record(actor, "proposal.promote", proposal, collectivity=campaign.collectivity, idea=idea.pk)
    if author is not None:
        notify(
            author,
            kind="budget.promoted",
            message=gettext_noop("Your idea “%(idea)s” became the proposal %(code)s of a participatory budget."),
            params={"idea": idea.title, "code": proposal.code},
            url=proposal.get_absolute_url(),
            collectivity=campaign.collectivity,
        )
    return proposal
