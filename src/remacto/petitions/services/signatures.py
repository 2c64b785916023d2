"""Signatures: online by a signed-in person, or typed by the council's staff from paper lists.

One signature per person and petition whatever the channel: the national ID (CIN) number is normalised and kept
only as a keyed hash (:func:`remacto.budgets.identity.keyed_hash`), and a unique constraint on (petition, hash)
refuses a second signature even when two requests race. For a region, each signer gives their prefecture or
province of residence (the per-province rule). Signatures after the closing date are refused. Online signatures
count against the ``signatures`` posting limit.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.budgets.identity import keyed_hash, normalise_cin
from remacto.budgets.services.eligibility import CIN_PATTERN
from remacto.core import audit
from remacto.core.permissions import require
from remacto.participation import limits
from remacto.territories.models import Collectivity, Province

from ..models import Petition, Signature
from .common import collection_is_open, grace_days, limit, paper_deadline, text, today

MAX_ROWS = 200
CIN_PURPOSE = "petition.cin"
ALREADY = gettext_noop("This person has already signed this petition.")


def cin_hash(number: str) -> str:
    """The keyed hash naming a person by their CIN number (never stored, never logged)."""
    return keyed_hash(CIN_PURPOSE, normalise_cin(number))


def _cin(value) -> str:
    number = normalise_cin(value or "")
    if not CIN_PATTERN.match(number):
        raise ValidationError(
            {
                "cin": _(
                    "Type the number of the national ID card as it is written on the card: one or two letters, "
                    "then digits."
                )
            }
        )
    return cin_hash(number)


def _province(petition: Petition, province) -> Province | None:
    if petition.collectivity.kind != Collectivity.Kind.REGION:
        return None
    if not isinstance(province, Province) or province.region_id != petition.collectivity.region_id:
        raise ValidationError({"province": _("Choose the prefecture or province of the region where you reside.")})
    return province


def _signature(petition: Petition, values: Mapping, **fields) -> Signature:
    return Signature(
        petition=petition,
        cin_hash=_cin(values.get("cin")),
        full_name=text(
            values.get("full_name"),
            "full_name",
            max_length=limit(Signature, "full_name"),
            empty=gettext_noop("Give the signer's full name."),
        ),
        show_name=bool(values.get("show_name")),
        province=_province(petition, values.get("province")),
        **fields,
    )


def _open(petition: Petition, on: datetime.date) -> None:
    if not collection_is_open(petition, on):
        if petition.status == Petition.Status.COLLECTING and petition.closes_on and on > petition.closes_on:
            raise ValidationError(
                _("The collection of signatures closed on %(date)s.") % {"date": petition.closes_on.isoformat()}
            )
        raise ValidationError(_("This petition is not collecting signatures."))


def _in_grace(petition: Petition) -> None:
    """Refuse to type a paper list once the petition lapsed or the grace period after its closing date is over."""
    if petition.status == Petition.Status.LAPSED:
        raise ValidationError(
            _("This petition lapsed on %(date)s for lack of signatures: no more signatures are taken.")
            % {"date": date_format(petition.lapsed_on or today(), "DATE_FORMAT")}
        )
    last = paper_deadline(petition)
    if petition.status == Petition.Status.COLLECTING and last is not None and today() > last:
        raise ValidationError(
            {
                "collected_on": _(
                    "Paper lists of this petition could be typed until %(date)s, %(days)d days after its closing "
                    "date: that time is over."
                )
                % {"date": date_format(last, "DATE_FORMAT"), "days": grace_days(petition)}
            }
        )


def _count(petition: Petition, added: int) -> None:
    Petition.objects.filter(pk=petition.pk).update(signature_count=F("signature_count") + added)
    petition.signature_count += added


def sign(actor, petition: Petition, values: Mapping) -> Signature:
    """Sign ``petition`` online: CIN number, full name, whether the name may be shown, and (regions) the
    prefecture or province of residence; the signer confirms their link to the territory."""
    require(actor, "petitions.sign", petition.collectivity)
    on = today()
    _open(petition, on)
    if not values.get("confirms"):
        raise ValidationError(
            {"confirms": _("Confirm that you reside or exercise an activity in the collectivity's territory.")}
        )
    signature = _signature(petition, values, user=actor, channel=Signature.Channel.ONLINE, signed_on=on)
    with limits.reserve(actor, "signatures") as slot:
        try:
            with transaction.atomic():
                # The petition's row is locked first, as a paper list locks it first: both take the locks in
                # the same order, so a list typed while people sign online cannot deadlock with them.
                Petition.objects.filter(pk=petition.pk).update(signature_count=F("signature_count") + 1)
                signature.save()
        except IntegrityError:
            slot.release()
            raise ValidationError(_(ALREADY)) from None
    petition.signature_count += 1
    return signature


def _row_error(number: int, exc: ValidationError) -> ValidationError:
    return ValidationError(
        {f"row {number}": _("Row %(n)d: %(error)s") % {"n": number, "error": " ".join(exc.messages)}}
    )


@transaction.atomic
def record_paper(actor, petition: Petition, rows: Iterable[Mapping], *, collected_on: datetime.date) -> int:
    """Type a paper list collected on ``collected_on`` (between the opening and the closing date; it may be typed
    later, while the petition is not yet submitted, up to the end of the grace period after the closing date):
    all rows or none. Rows whose
    fields are all empty are skipped; a person already signed, or twice in the list, refuses the list."""
    require(actor, "petitions.manage", petition.collectivity)
    petition = Petition.objects.select_for_update(of=("self",)).select_related("collectivity").get(pk=petition.pk)
    if not isinstance(collected_on, datetime.date) or collected_on > today():
        raise ValidationError({"collected_on": _("Give the date the list was collected, today or earlier.")})
    if petition.collection_opened_on and collected_on < petition.collection_opened_on:
        raise ValidationError({"collected_on": _("The list cannot predate the opening of the collection.")})
    _in_grace(petition)
    _open(petition, collected_on)  # a list collected before the closing date may still be typed after it
    signatures, seen = [], {}
    for number, row in enumerate(rows, start=1):
        if not any(row.get(key) for key in ("cin", "full_name", "province")):
            continue
        try:
            signature = _signature(
                petition, row, channel=Signature.Channel.PAPER, signed_on=collected_on, entered_by=actor
            )
        except ValidationError as exc:
            raise _row_error(number, exc) from exc
        if signature.cin_hash in seen:
            raise _row_error(
                number, ValidationError(_("the same person as row %(n)d.") % {"n": seen[signature.cin_hash]})
            )
        seen[signature.cin_hash] = number
        signatures.append(signature)
    if not signatures:
        raise ValidationError(_("Type at least one signature."))
    if len(signatures) > MAX_ROWS:
        raise ValidationError(_("At most %(n)d signatures per list.") % {"n": MAX_ROWS})
    already = set(petition.signatures.filter(cin_hash__in=seen).values_list("cin_hash", flat=True))
    if already:
        first = min(seen[key] for key in already)
        raise _row_error(first, ValidationError(_(ALREADY)))
    try:
        with transaction.atomic():
            Signature.objects.bulk_create(signatures)
    except IntegrityError:
        raise ValidationError(_("Someone signed at the same moment; type the list again.")) from None
    _count(petition, len(signatures))
    audit.record(
        actor,
        "petition.paper",
        petition,
        collectivity=petition.collectivity,
        count=len(signatures),
        collected_on=collected_on.isoformat(),
    )
    return len(signatures)
