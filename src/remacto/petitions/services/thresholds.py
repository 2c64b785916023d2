"""Network admins edit the signature thresholds; the network admins and the focal point record a
collectivity's legal population and whether it is a commune with arrondissements."""

from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.core import audit
from remacto.core.permissions import require
from remacto.territories.models import Collectivity

from ..models import Threshold
from .common import limit, text

MAX_POPULATION = 20_000_000
MAX_GRACE_DAYS = 365
DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _count(values: Mapping, name: str, *, required: bool, most: int) -> int | None:
    value = values.get(name)
    if value in (None, ""):
        if required:
            raise ValidationError({name: _("Give a number.")})
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= most:
        raise ValidationError({name: _("Give a whole number from 0 to %(most)d.") % {"most": most}})
    return value


@transaction.atomic
def update_threshold(actor, threshold: Threshold, values: Mapping) -> Threshold:
    """Change a threshold's band, signatures, per-province share, legal source and "to be confirmed" mark, and
    the grace period for paper lists after a petition's closing date (with its own mark). Petitions already
    collecting keep the signatures they started with; the grace period is read from the row when it ends."""
    require(actor, "petitions.manage_thresholds")
    signatures = _count(values, "signatures", required=True, most=1_000_000)
    if not signatures:
        raise ValidationError({"signatures": _("At least one signature is required.")})
    low = _count(values, "min_population", required=True, most=MAX_POPULATION) or 0
    high = _count(values, "max_population", required=False, most=MAX_POPULATION)
    if high is not None and high <= low:
        raise ValidationError({"max_population": _("The upper bound must be above the lower bound.")})
    share = _count(values, "province_share", required=True, most=100)
    threshold.signatures, threshold.min_population, threshold.max_population = signatures, low, high
    threshold.province_share = share or 0
    for code in settings.MODELTRANSLATION_LANGUAGES:
        name = f"legal_source_{code}"
        empty = gettext_noop("Give the legal source of the threshold.") if code == DEFAULT else ""
        setattr(threshold, name, text(values.get(name), name, max_length=limit(Threshold, name), empty=empty))
    threshold.to_confirm = bool(values.get("to_confirm"))
    grace = _count(values, "grace_days", required=False, most=MAX_GRACE_DAYS)
    threshold.grace_days = threshold.grace_days if grace is None else grace
    threshold.grace_to_confirm = bool(values.get("grace_to_confirm", threshold.grace_to_confirm))
    threshold.save()
    audit.record(
        actor,
        "petition.threshold",
        threshold,
        signatures=signatures,
        to_confirm=threshold.to_confirm,
        grace_days=threshold.grace_days,
    )
    return threshold


@transaction.atomic
def set_population(actor, collectivity: Collectivity, values: Mapping) -> Collectivity:
    """Record the legal population of a commune or of a prefectural or provincial council (a regional council
    uses its region's census figure) and whether a commune has arrondissements."""
    require(actor, "petitions.set_population", collectivity)
    if collectivity.kind == Collectivity.Kind.REGION:
        raise ValidationError(_("A regional council's population is its region's census figure."))
    collectivity.population = _count(values, "population", required=False, most=MAX_POPULATION)
    arrondissements = bool(values.get("has_arrondissements"))
    if arrondissements and collectivity.kind != Collectivity.Kind.COMMUNE:
        raise ValidationError({"has_arrondissements": _("Only a commune can have arrondissements.")})
    collectivity.has_arrondissements = arrondissements
    collectivity.save(update_fields=["population", "has_arrondissements", "updated_at"])
    audit.record(
        actor,
        "collectivity.population",
        collectivity,
        collectivity=collectivity,
        population=collectivity.population if collectivity.population is not None else "",
    )
    return collectivity
