"""Opinion requests and opinions.

The collectivity's staff record the request the council or its president sends a body on a draft (a draft openness
programme, a draft budget, or the rules of a participatory-budget campaign), with its deadline in working or
calendar days: a case of procedure ``opinion`` with an ``opinion`` deadline that counts for the answer. The body's
bureau gives the opinion (staff may record one the body sent on paper): its text, the body's vote, its
recommendations and an optional PDF. The opinion is then shown on the draft. All or nothing, audited.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.cases import services as cases
from remacto.cases.models import Case
from remacto.core import audit
from remacto.core.permissions import require
from remacto.notifications.services import notify_many

from .. import selectors
from ..models import AskedBy, Body, Opinion, OpinionRequest, RequestStatus, SubjectKind
from .common import limit, past_date, pdf, text

REQUEST = "advisory.request_opinion"
GIVE = "advisory.give_opinion"
CLOSE = "advisory.close_request"
DEADLINE = "opinion"
UNITS = ("working", "calendar")
MAX_DEADLINE_DAYS = 365
MAX_RECOMMENDATIONS = 30


def _draft(values: Mapping, field: str, collectivity, *, is_final, other: str, final: str):
    """The programme or campaign chosen in ``values[field]``: one of ``collectivity``'s, and still a draft."""
    draft = values.get(field)
    if draft is None or draft.collectivity_id != collectivity.pk:
        raise ValidationError({field: _(other)})
    if is_final(draft):
        raise ValidationError({field: _(final)})
    return draft


def _subject(request: OpinionRequest, values: Mapping) -> None:
    kind = values.get("subject_kind")
    collectivity = request.body.collectivity
    request.subject_kind = kind
    request.programme = request.campaign = None
    if kind == SubjectKind.PROGRAMME:
        request.programme = _draft(
            values,
            "programme",
            collectivity,
            is_final=lambda programme: programme.is_adopted,
            other=gettext_noop("Choose a programme of this collectivity."),
            final=gettext_noop("This programme is already adopted: it is no longer a draft."),
        )
    elif kind == SubjectKind.PB_RULES:
        request.campaign = _draft(
            values,
            "campaign",
            collectivity,
            is_final=lambda campaign: campaign.rules_locked,
            other=gettext_noop("Choose a participatory-budget campaign of this collectivity."),
            final=gettext_noop("The rules of this campaign are locked: they are no longer a draft."),
        )
    elif kind != SubjectKind.BUDGET:
        raise ValidationError({"subject_kind": _("Choose the draft the opinion is about.")})
    request.subject_title = text(
        values.get("subject_title"),
        "subject_title",
        max_length=limit(OpinionRequest, "subject_title"),
        empty=gettext_noop("Give the title of the draft budget.") if kind == SubjectKind.BUDGET else "",
    )
    request.subject_description = text(values.get("subject_description"), "subject_description", max_length=4000)


def _deadline(values: Mapping) -> tuple[int, str]:
    amount, unit = values.get("deadline_amount"), values.get("deadline_unit")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 1 <= amount <= MAX_DEADLINE_DAYS:
        raise ValidationError(
            {"deadline_amount": _("Give the deadline in days, from 1 to %(max)d.") % {"max": MAX_DEADLINE_DAYS}}
        )
    if unit not in UNITS:
        raise ValidationError({"deadline_unit": _("Say whether the deadline counts working or calendar days.")})
    return amount, unit


@transaction.atomic
def request_opinion(
    actor, body: Body, values: Mapping, document=None, *, today: datetime.date | None = None
) -> OpinionRequest:
    """Record the council's (or its president's) request for ``body``'s opinion on a draft, with its deadline."""
    require(actor, REQUEST, body)
    today = today or timezone.localdate()
    request = OpinionRequest(body=body, recorded_by=actor)
    if values.get("asked_by") not in AskedBy.values:
        raise ValidationError({"asked_by": _("Say who asks for the opinion: the council or its president.")})
    request.asked_by = values["asked_by"]
    _subject(request, values)
    request.question = text(values.get("question"), "question", max_length=2000)
    request.received_on = past_date(
        values.get("received_on"), "received_on", today=today, message=_("Give the date the body received it.")
    )
    amount, unit = _deadline(values)
    document = pdf(document, "subject_document")
    same = OpinionRequest.objects.filter(
        body=body,
        subject_kind=request.subject_kind,
        programme=request.programme,
        campaign=request.campaign,
        case__status=RequestStatus.REQUESTED,
    )
    Body.objects.select_for_update().filter(pk=body.pk).first()  # one request at a time per body: no twins
    if request.subject_kind != SubjectKind.BUDGET and same.exists():
        raise ValidationError(_("This body has already been asked for its opinion on this draft."))
    request.case = cases.open_case(
        collectivity=body.collectivity,
        procedure=Case.Procedure.OPINION,
        received_on=request.received_on,
        actor=actor,
        status=RequestStatus.REQUESTED,
        note=request.question,
    )
    cases.set_deadline(
        request.case, kind=DEADLINE, start=request.received_on, amount=amount, unit=unit, counts_for_answer=True
    )
    if document is not None:
        request.subject_document.save("draft.pdf", document, save=False)
    request.save()
    audit.record(actor, "advisory.request", request, collectivity=body.collectivity, body=body.name)
    notify_many(
        selectors.bureau_users(body),
        kind="advisory.request",
        message=gettext_noop("Your body “%(body)s” is asked for its opinion on “%(subject)s”."),
        params={"body": body.name, "subject": str(request.subject)},
        url=request.get_absolute_url(),
        collectivity=body.collectivity,
    )
    return request


def _votes(values: Mapping) -> dict:
    keys = ("votes_for", "votes_against", "votes_abstain")
    votes = {key: values.get(key) for key in keys}
    if all(value is None for value in votes.values()):
        return votes
    for key, value in votes.items():
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError({key: _("Give the three vote counts (0 when nobody).")})
        if value < 0:
            raise ValidationError({key: _("A vote count cannot be negative.")})
    if sum(votes.values()) == 0:
        raise ValidationError({"votes_for": _("Nobody voted: leave the three counts empty if no vote was held.")})
    return votes


def _recommendations(rows: Iterable) -> list[str]:
    recommendations = []
    for number, row in enumerate(rows, start=1):
        try:
            line = text(row, "recommendations", max_length=1000)
        except ValidationError as exc:
            raise ValidationError(
                {
                    "recommendations": _("Recommendation %(n)d: %(error)s")
                    % {"n": number, "error": " ".join(exc.messages)}
                }
            ) from exc
        if line:
            recommendations.append(line)
    if len(recommendations) > MAX_RECOMMENDATIONS:
        raise ValidationError({"recommendations": _("At most %(n)d recommendations.") % {"n": MAX_RECOMMENDATIONS}})
    return recommendations


def _lock_open(request: OpinionRequest) -> Case:
    """The request's case, locked; refused when the request is no longer waiting for an opinion."""
    if not request.case_id:
        raise ValidationError(_("This request is closed: no opinion can be added to it."))
    case = Case.objects.select_for_update().get(pk=request.case_id)
    if case.status != RequestStatus.REQUESTED:
        raise ValidationError(_("This request is closed: no opinion can be added to it."))
    return case


@transaction.atomic
def give_opinion(
    actor, request: OpinionRequest, values: Mapping, document=None, *, today: datetime.date | None = None
) -> Opinion:
    """The body's opinion on the request's draft; the request is answered and closed."""
    body = request.body
    require(actor, GIVE, body)
    today = today or timezone.localdate()
    case = _lock_open(request)
    received_on = past_date(
        values.get("received_on"), "received_on", today=today, message=_("Give the date the body adopted it.")
    )
    if received_on < request.received_on:
        raise ValidationError({"received_on": _("The opinion cannot be adopted before the request was received.")})
    opinion = Opinion(
        request=request,
        received_on=received_on,
        text=text(values.get("text"), "text", max_length=10000, empty=gettext_noop("Write the opinion.")),
        recommendations=_recommendations(values.get("recommendations") or ()),
        recorded_by=actor,
        **_votes(values),
    )
    document = pdf(document)
    if document is not None:
        opinion.document.save("opinion.pdf", document, save=False)
    opinion.save()
    cases.move(case, actor=actor, status=RequestStatus.GIVEN)
    cases.answer(case, on=received_on)
    cases.close(case, on=received_on)
    request.case = case
    audit.record(actor, "advisory.opinion", request, collectivity=body.collectivity, body=body.name)
    notify_many(
        [
            user
            for user in selectors.staff_users(body.collectivity, "focal_point", "council_secretariat")
            if user != actor
        ],
        kind="advisory.opinion",
        message=gettext_noop("The body “%(body)s” gave its opinion on “%(subject)s”."),
        params={"body": body.name, "subject": str(request.subject)},
        url=request.get_absolute_url(),
        collectivity=body.collectivity,
    )
    return opinion


@transaction.atomic
def close_request(actor, request: OpinionRequest, reason: str, *, today: datetime.date | None = None) -> None:
    """Close a request left without an opinion (withdrawn, or the council decided without it), with the reason."""
    require(actor, CLOSE, request.body)
    case = _lock_open(request)
    reason = text(reason, "reason", max_length=2000, empty=gettext_noop("Say why the request is closed."))
    on = today or timezone.localdate()
    cases.move(case, actor=actor, status=RequestStatus.CLOSED, note=reason)
    cases.close(case, on=on)
    request.case = case
    audit.record(actor, "advisory.request_close", request, collectivity=request.body.collectivity)
