"""Filing a petition and moving it through its lifecycle.

draft → collecting (the petitioner opens the collection; the threshold is frozen) → submitted (the threshold is
reached; a case is opened at once, which gives the receipt number, and the decision deadline runs: 2 months for
regions, prefectures and provinces, 3 months for communes, in calendar days) → bureau review → accepted (on the
agenda of the next ordinary session, referred to a standing committee) or rejected (with the reasons) →
examined (the session's outcome). A petition still collecting short of its threshold once the grace period for
paper lists after its closing date is over lapses (``lapse_expired``, a beat task). Every step checks the actor,
the transition and its input, all or nothing.
"""

import calendar as months
import datetime
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from remacto.accounts.models import OrganisationMember
from remacto.cases import services as cases
from remacto.cases.models import Case
from remacto.core import audit
from remacto.core.permissions import require
from remacto.notifications.services import notify, notify_many
from remacto.territories.models import Collectivity

from .. import conditions, selectors
from ..models import Petition
from .common import S, check_transition, limit, paper_deadline, text, today

MAX_COLLECTION_DAYS = 365
RECEIVED = gettext_noop("Your petition “%(subject)s” is received under the number %(number)s.")
NEW_CASE = gettext_noop("A petition “%(subject)s” was submitted to the council (number %(number)s).")
ACCEPTED = gettext_noop(
    "Your petition “%(subject)s” is accepted: it is on the agenda of the ordinary session of %(session)s."
)
REJECTED = gettext_noop("Your petition “%(subject)s” is rejected. The reasons are on its page.")
EXAMINED = gettext_noop("The council examined your petition “%(subject)s”. The outcome is on its page.")
LAPSED = gettext_noop(
    "Your petition “%(subject)s” lapsed: it did not reach the %(required)s signatures required by its closing date "
    "and the days to type paper lists after it."
)


def add_months(day: datetime.date, n: int) -> datetime.date:
    """``day`` ``n`` months later (the last day of the month when that month is shorter)."""
    month = day.month - 1 + n
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, months.monthrange(year, month)[1]))


def decision_months(collectivity: Collectivity) -> int:
    """Months within which the council notifies its decision: 3 for communes, 2 for other councils."""
    return 3 if collectivity.kind == Collectivity.Kind.COMMUNE else 2


def _texts(values: Mapping) -> dict[str, str]:
    return {
        "subject": text(
            values.get("subject"),
            "subject",
            max_length=limit(Petition, "subject"),
            empty=gettext_noop("Give the subject of the petition."),
        ),
        "reasons": text(
            values.get("reasons"), "reasons", max_length=6000, empty=gettext_noop("Give the reasons of the petition.")
        ),
        "expected_outcome": text(
            values.get("expected_outcome"),
            "expected_outcome",
            max_length=3000,
            empty=gettext_noop("Say what you expect from the council."),
        ),
    }


def _organisation(actor, kind: str, organisation):
    if kind == Petition.Kind.CITIZENS:
        return None
    if organisation is None:
        raise ValidationError({"organisation": _("Choose the association that files the petition.")})
    if not OrganisationMember.objects.filter(organisation=organisation, user=actor, is_admin=True).exists():
        raise ValidationError(
            {
                "organisation": _(
                    "Only the association's legal representative (one of its admins) may file its petition."
                )
            }
        )
    return organisation


def _conditions(kind: str, confirmed) -> list[str]:
    absent = conditions.missing(kind, confirmed)
    if absent:
        raise ValidationError(
            {
                "conditions": _(
                    "The petition cannot be filed: every admissibility condition must be met and confirmed. "
                    "Not confirmed: %(missing)s"
                )
                % {"missing": " ".join(absent)}
            }
        )
    return [key for key in conditions.required(kind) if key in set(confirmed)]


@transaction.atomic
def file_petition(actor, collectivity: Collectivity, values: Mapping) -> Petition:
    """A draft petition of ``actor`` (its agent, or the legal representative of ``values["organisation"]``) to
    the council of ``collectivity``, with every admissibility condition of its kind confirmed."""
    require(actor, "petitions.file", collectivity)
    if not hasattr(collectivity, "membership"):
        raise ValidationError(_("Petitions are filed here only with the councils of the network's members."))
    return Petition.objects.create(collectivity=collectivity, petitioner=actor, **_fields(actor, values))


def _fields(actor, values: Mapping) -> dict:
    """The petition's fields from ``values``, checked: kind, association, conditions and texts."""
    kind = values.get("kind")
    if kind not in Petition.Kind.values:
        raise ValidationError({"kind": _("Say whether citizens or an association file the petition.")})
    return {
        "kind": kind,
        "organisation": _organisation(actor, kind, values.get("organisation")),
        "conditions": _conditions(kind, values.get("conditions") or ()),
        **_texts(values),
    }


@transaction.atomic
def edit_draft(actor, petition: Petition, values: Mapping) -> Petition:
    """The petitioner corrects their draft (same checks as filing); a published petition no longer changes."""
    petition = _locked(petition)
    require(actor, "petitions.edit", petition)
    if petition.status != S.DRAFT:
        raise ValidationError(_("Only a draft can be changed: this petition is already published."))
    for name, value in _fields(actor, values).items():
        setattr(petition, name, value)
    petition.save()
    return petition


@transaction.atomic
def open_collection(actor, petition: Petition, closes_on: datetime.date | None) -> Petition:
    """Publish the petition and take signatures until ``closes_on``; its council's threshold is frozen now."""
    petition = (
        Petition.objects.select_for_update(of=("self",)).select_related("collectivity__region").get(pk=petition.pk)
    )
    require(actor, "petitions.edit", petition)
    check_transition(petition, S.COLLECTING)
    start = today()
    if not isinstance(closes_on, datetime.date) or closes_on < start:
        raise ValidationError({"closes_on": _("Give a closing date, today or later.")})
    if (closes_on - start).days > MAX_COLLECTION_DAYS:
        raise ValidationError(
            {"closes_on": _("The collection lasts at most %(days)d days.") % {"days": MAX_COLLECTION_DAYS}}
        )
    threshold = selectors.threshold_for(petition.collectivity)
    if threshold is None:
        raise ValidationError(_("No signature threshold is set for this council yet; the network admins set it."))
    petition.threshold = threshold
    petition.required_signatures = threshold.signatures
    petition.province_share = threshold.province_share
    petition.collection_opened_on = start
    petition.closes_on = closes_on
    petition.status = S.COLLECTING
    petition.save()
    return petition


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update(of=("self",)).select_related("collectivity", "case").get(pk=petition.pk)


@transaction.atomic
def submit(actor, petition: Petition) -> Petition:
    """File the petition with the council once its threshold is reached: the case opens at once (its number is
    the receipt), the decision deadline starts and the council's staff are told."""
    petition = _locked(petition)
    require(actor, "petitions.edit", petition)
    check_transition(petition, S.SUBMITTED)
    state = selectors.progress(petition)
    if not state.reached:
        if state.count < (state.required or 0):
            raise ValidationError(
                ngettext(
                    "The petition has %(count)d signature of the %(required)d required.",
                    "The petition has %(count)d signatures of the %(required)d required.",
                    state.count,
                )
                % {"count": state.count, "required": state.required}
            )
        raise ValidationError(
            _("Enough signatures in all, but fewer than %(share)d %% of the required number in: %(provinces)s.")
            % {"share": state.share, "provinces": ", ".join(str(row.province) for row in state.provinces_below)}
        )
    received = today()
    case = cases.open_case(
        collectivity=petition.collectivity,
        procedure=Case.Procedure.PETITION,
        received_on=received,
        requester=actor,
        actor=actor,
        status=S.SUBMITTED,
        note=ngettext("Submitted with %(count)d signature.", "Submitted with %(count)d signatures.", state.count)
        % {"count": state.count},
    )
    cases.set_deadline(
        case,
        kind="decision",
        start=received,
        amount=(add_months(received, decision_months(petition.collectivity)) - received).days,
        unit="calendar",
        counts_for_answer=True,
    )
    petition.case = case
    petition.status = S.SUBMITTED
    petition.save(update_fields=["case", "status", "updated_at"])
    params = {"subject": petition.subject, "number": case.number}
    url = petition.get_absolute_url()
    notify(actor, kind="petitions.received", message=RECEIVED, params=params, url=url, collectivity=case.collectivity)
    notify_many(
        selectors.responsible(case),
        kind="petitions.new",
        message=NEW_CASE,
        params=params,
        url=url,
        collectivity=case.collectivity,
    )
    return petition


def _move(actor, petition: Petition, to: str, note: str = "") -> None:
    check_transition(petition, to)
    petition.status = to
    cases.move(petition.case, actor=actor, status=to, note=note)


def _staff_step(actor, petition: Petition, to: str) -> Petition:
    """The petition locked for a step of the council's staff, once the actor and the transition are checked."""
    petition = _locked(petition)
    require(actor, "petitions.manage", petition.collectivity)
    check_transition(petition, to)
    return petition


def _record(actor, petition: Petition, action: str, message: str | None = None, **details) -> Petition:
    """Save the step, write it to the audit log and tell the petitioner (when ``message`` is given)."""
    petition.save()
    audit.record(actor, action, petition, collectivity=petition.collectivity, **details)
    if message:
        _tell(petition, message, **details)
    return petition


@transaction.atomic
def start_review(actor, petition: Petition) -> Petition:
    """The bureau takes up the petition to check its admissibility."""
    petition = _staff_step(actor, petition, S.REVIEW)
    _move(actor, petition, S.REVIEW)
    return _record(actor, petition, "petition.review")


def _tell(petition: Petition, message: str, **params) -> None:
    notify(
        petition.petitioner,
        kind=f"petitions.{petition.status}",
        message=message,
        params={"subject": petition.subject, **params},
        url=petition.get_absolute_url(),
        collectivity=petition.collectivity,
    )


@transaction.atomic
def accept(actor, petition: Petition, values: Mapping) -> Petition:
    """The bureau accepts the petition: it goes on the agenda of the next ordinary session (``session_date``)
    after referral to a standing committee (``committee``)."""
    petition = _staff_step(actor, petition, S.ACCEPTED)
    decided = today()
    session = values.get("session_date")
    if not isinstance(session, datetime.date) or session < decided:
        raise ValidationError({"session_date": _("Give the date of the next ordinary session, today or later.")})
    committee = text(
        values.get("committee"),
        "committee",
        max_length=limit(Petition, "committee"),
        empty=gettext_noop("Name the standing committee the petition is referred to."),
    )
    note = text(values.get("decision"), "decision", max_length=6000)
    petition.session_date, petition.committee, petition.decision, petition.decided_on = (
        session,
        committee,
        note,
        decided,
    )
    _move(actor, petition, S.ACCEPTED, note)
    cases.answer(petition.case, on=decided)
    return _record(actor, petition, "petition.accept", ACCEPTED, session=session.isoformat())


@transaction.atomic
def reject(actor, petition: Petition, values: Mapping) -> Petition:
    """The bureau rejects the petition with a reasoned decision, notified to the petitioner."""
    petition = _staff_step(actor, petition, S.REJECTED)
    reasons = text(
        values.get("decision"),
        "decision",
        max_length=6000,
        empty=gettext_noop("A rejection must give its reasons."),
    )
    decided = today()
    petition.decision, petition.decided_on = reasons, decided
    _move(actor, petition, S.REJECTED, reasons)
    cases.answer(petition.case, on=decided)
    cases.close(petition.case, on=decided)
    return _record(actor, petition, "petition.reject", REJECTED)


@transaction.atomic
def record_outcome(actor, petition: Petition, values: Mapping) -> Petition:
    """Record what the council decided on the petition in its session; the case closes."""
    petition = _staff_step(actor, petition, S.EXAMINED)
    outcome = text(
        values.get("outcome"), "outcome", max_length=6000, empty=gettext_noop("Write what the council decided.")
    )
    on = today()
    if petition.session_date and petition.session_date > on:
        raise ValidationError({"outcome": _("The session has not been held yet.")})
    petition.outcome = outcome
    _move(actor, petition, S.EXAMINED, outcome)
    cases.close(petition.case, on=on)
    return _record(actor, petition, "petition.outcome", EXAMINED)


def lapsing(on: datetime.date):
    """Petitions still collecting whose grace period for paper lists ended before ``on`` (a candidate list: each is
    checked again under its lock)."""
    collecting = Petition.objects.filter(status=S.COLLECTING, closes_on__lt=on).select_related("threshold")
    return [p for p in collecting.order_by("pk") if (paper_deadline(p) or on) < on]


@transaction.atomic
def _lapse(petition: Petition, on: datetime.date) -> bool:
    """Mark one petition lapsed when it is still collecting, past its grace period and short of its threshold."""
    petition = (
        Petition.objects.select_for_update(of=("self",))
        .select_related("collectivity", "threshold", "petitioner")
        .get(pk=petition.pk)
    )
    last = paper_deadline(petition)
    if petition.status != S.COLLECTING or last is None or on <= last or selectors.progress(petition).reached:
        return False
    check_transition(petition, S.LAPSED)
    petition.status, petition.lapsed_on = S.LAPSED, on
    petition.save(update_fields=["status", "lapsed_on", "updated_at"])
    audit.record(
        None,
        "petition.lapse",
        petition,
        collectivity=petition.collectivity,
        signatures=petition.signature_count,
        required=petition.required_signatures or 0,
        closes_on=petition.closes_on.isoformat() if petition.closes_on else "",
    )
    _tell(petition, LAPSED, required=petition.required_signatures or 0)
    return True


def lapse_expired(*, on: datetime.date | None = None) -> int:
    """Lapse every petition short of its threshold whose grace period after the closing date is over (Moroccan
    date); how many lapsed. A petition that reached its threshold stays for its petitioner to submit."""
    on = on or today()
    return sum(_lapse(petition, on) for petition in lapsing(on))
