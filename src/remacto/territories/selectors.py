"""Read queries for territories: the member directory and a member's space."""

from django.db.models import Count, Prefetch, Q, QuerySet, TextField, Value
from django.db.models.functions import Replace

from remacto.accounts.models import Role
from remacto.core.text import normalise

from . import openings
from .models import Collectivity, Region


def members() -> QuerySet[Collectivity]:
    """Every collectivity that is a member of the network, with what list pages show."""
    return Collectivity.objects.filter(membership__isnull=False).select_related("region", "province", "membership")


_COUNCILS = frozenset(
    {Collectivity.Kind.REGION, Collectivity.Kind.PREFECTURE_COUNCIL, Collectivity.Kind.PROVINCE_COUNCIL}
)
_KIND_WORDS: dict[frozenset[str], tuple[str, ...]] = {
    frozenset({Collectivity.Kind.REGION}): (
        "جهة",
        "الجهة",
        "جهات",
        "جهوي",
        "الجهوي",
        "region",
        "regions",
        "regional",
        "regionale",
    ),
    frozenset({Collectivity.Kind.PROVINCE_COUNCIL}): (
        "إقليم",
        "الإقليم",
        "أقاليم",
        "إقليمي",
        "الإقليمي",
        "province",
        "provinces",
        "provincial",
        "provinciale",
    ),
    frozenset({Collectivity.Kind.PREFECTURE_COUNCIL}): (
        "عمالة",
        "العمالة",
        "عمالات",
        "prefecture",
        "prefectures",
        "prefectoral",
        "prefectorale",
    ),
    frozenset({Collectivity.Kind.COMMUNE}): (
        "جماعة",
        "الجماعة",
        "جماعات",
        "بلدية",
        "commune",
        "communes",
        "communal",
        "municipality",
    ),
    _COUNCILS: ("مجلس", "المجلس", "مجالس", "conseil", "conseils", "council", "councils"),
}
# Folded like the query, so «اقليم» and «إقليم», «Préfecture» and «prefecture» are one word.
KIND_WORDS: dict[str, frozenset[str]] = {normalise(w): kinds for kinds, words in _KIND_WORDS.items() for w in words}


def _kinds_and_words(q: str) -> tuple[frozenset[str] | None, list[str]]:
    """Split a search into the kinds its kind words ask for (all of them at once) and the words of a name."""
    kinds: frozenset[str] | None = None
    words = []
    for word in normalise(q).split():
        if word in KIND_WORDS:
            kinds = KIND_WORDS[word] if kinds is None else kinds & KIND_WORDS[word]
        else:
            words.append(word)
    return kinds, words


def directory(
    *, q: str = "", region: str = "", kind: str = "", cohort: str = "", open_now: bool = False
) -> QuerySet[Collectivity]:
    """Members filtered by region code, kind, cohort year ("none" = unknown cohort) and whether something is open
    for participation there now (:mod:`.openings`), searched by name.

    The search ignores Arabic diacritics, hamza seats, alef forms and ta marbuta, French accents and case, and
    spaces inside names («بنجرير» finds «ابن جرير»); kind words («إقليم», «جماعة», «مجلس», «commune»…) filter by
    kind instead of matching names.
    """
    qs = members()
    if region:
        qs = qs.filter(region__code=region)
    if kind:
        qs = qs.filter(kind=kind)
    if cohort == "none":
        qs = qs.filter(membership__cohort_year__isnull=True)
    elif cohort:
        qs = qs.filter(membership__cohort_year=int(cohort))
    if open_now:
        qs = qs.filter(openings.with_something_open())
    kinds, words = _kinds_and_words(q)
    if kinds is not None:
        qs = qs.filter(kind__in=kinds)
    if words:
        qs = qs.annotate(compact_text=Replace("search_text", Value(" "), Value(""), output_field=TextField()))
    for word in words:
        qs = qs.filter(compact_text__contains=word)
    return qs.order_by("region__code", "kind", "name_ar")


def cohort_years() -> list[int]:
    """Cohort years present in the data, oldest first."""
    return sorted({y for y in members().values_list("membership__cohort_year", flat=True).distinct() if y is not None})


def regions_with_member_counts() -> QuerySet[Region]:
    """Regions with the number of member collectivities in each, for the home page."""
    return Region.objects.annotate(
        member_count=Count("collectivities", filter=Q(collectivities__membership__isnull=False))
    ).order_by("code")


def space(slug: str) -> Collectivity:
    """One member with its focal points; raises ``Collectivity.DoesNotExist`` for unknown slugs."""
    focal_points = Prefetch(
        "roles",
        queryset=Role.objects.filter(kind=Role.Kind.FOCAL_POINT).select_related("user"),
        to_attr="focal_points",
    )
    return (
        Collectivity.objects.select_related("region", "province", "membership", "membership__charter", "parent")
        .prefetch_related(focal_points)
        .get(slug=slug, membership__isnull=False)
    )


def network_counts() -> dict[str, int]:
    """Members by kind, plus ``councils`` (provincial and prefectural) and ``total``, for the home page."""
    rows = Collectivity.objects.filter(membership__isnull=False).order_by().values("kind").annotate(n=Count("id"))
    counts = {kind: 0 for kind in Collectivity.Kind.values} | {row["kind"]: row["n"] for row in rows}
    counts["councils"] = counts["province_council"] + counts["prefecture_council"]
    counts["total"] = sum(counts[kind] for kind in Collectivity.Kind.values)
    return counts
