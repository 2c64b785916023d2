"""Writes to the territorial reference that other apps make on a user's behalf.

The reference ships every regional and provincial council but no commune outside the network's members (there are
about 1,500); a commune that applies to join names itself, and ``commune_named`` finds or records it. Callers check
the permission (applying to join needs ``network.apply``).
"""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.core.text import normalise
from remacto.core.validators import clean_text

from .models import Collectivity, Province

COMMUNE_WORDS = ("جماعة ", "commune de ", "commune d'", "commune ")


def without_commune_word(name: str) -> str:
    """``name`` without a leading "جماعة" or "commune (de)": the reference and applicants write it or not."""
    for word in COMMUNE_WORDS:
        if name.casefold().startswith(word):
            return name[len(word) :].strip()
    return name


def commune_named(province: Province | None, name_ar, name_fr) -> Collectivity:
    """The commune of ``province`` called ``name_ar`` (or ``name_fr``), recorded now when it is not listed yet.

    Names are compared folded (spelling variants of hamza, ta marbuta, accents… are the same name) and without the
    word "commune"; the province row is locked so that two people naming the same commune at once record it once.
    Call it inside a transaction.
    """
    if not isinstance(province, Province):
        raise ValidationError({"commune_province": _("Choose the province or prefecture of the commune.")})
    required = gettext_noop("Write the commune's name in Arabic.")
    name_ar = without_commune_word(clean_text(name_ar, "commune_name_ar", max_length=120, empty=required))
    name_fr = without_commune_word(clean_text(name_fr, "commune_name_fr", max_length=120))
    Province.objects.select_for_update().filter(pk=province.pk).first()
    wanted = {normalise(name) for name in (name_ar, name_fr) if name}
    for commune in Collectivity.objects.filter(kind=Collectivity.Kind.COMMUNE, province=province):
        if wanted & set(commune.search_text.split(" | ")):
            return commune
    base = slugify(name_fr) or f"commune-{province.code}"
    slug, n = base, 1
    while Collectivity.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    parent = Collectivity.objects.filter(kind=Collectivity.Kind.REGION, region_id=province.region_id).first()
    return Collectivity.objects.create(
        kind=Collectivity.Kind.COMMUNE,
        slug=slug,
        name_ar=name_ar,
        name_fr=name_fr,
        name_en=name_fr,
        region_id=province.region_id,
        province=province,
        parent=parent,
    )
