"""Read queries for territories: the member directory and a member's space."""

from django.db.models import Count, Prefetch, Q, QuerySet

from remacto.accounts.models import Role
from remacto.core.text import normalise

from .models import Collectivity, Region


def members() -> QuerySet[Collectivity]:
    """Every collectivity that is a member of the network, with what list pages show."""
    return Collectivity.objects.filter(membership__isnull=False).select_related("region", "province", "membership")


def directory(*, q: str = "", region: str = "", kind: str = "", cohort: str = "") -> QuerySet[Collectivity]:
    """Members filtered by region code, kind and cohort year ("none" = unknown cohort), searched by name.

    The search ignores Arabic diacritics, hamza seats, alef forms and ta marbuta, and French accents and case.
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
    for word in normalise(q).split():
        qs = qs.filter(search_text__contains=word)
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
