"""Reads shared by the pages, the API, the feeds and the CSV export."""

import datetime

from django.db.models import DateTimeField, F, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from remacto.cocreation.models import PhaseChange, Programme
from remacto.territories.models import Collectivity

from .models import MembershipApplication, NewsPost

STALE_AFTER = datetime.timedelta(days=365)


def applications(*, status: str = "", region: str = "", q: str = "") -> QuerySet[MembershipApplication]:
    """Applications for network admins, newest first, filtered by status, region code and name."""
    qs = MembershipApplication.objects.select_related("collectivity", "collectivity__region", "applicant")
    if status:
        qs = qs.filter(status=status)
    if region:
        qs = qs.filter(collectivity__region__code=region)
    if q:
        from remacto.core.text import normalise

        qs = qs.filter(collectivity__search_text__contains=normalise(q))
    return qs


def public_decisions() -> QuerySet[MembershipApplication]:
    """Decided applications: what anyone may read of them is the collectivity, the decision and its text."""
    return (
        MembershipApplication.objects.exclude(status=MembershipApplication.Status.PENDING)
        .select_related("collectivity")
        .order_by("-decided_at", "-id")
    )


def applicable_collectivities() -> QuerySet[Collectivity]:
    """Collectivities of the reference list that are not members and have no pending application."""
    pending = MembershipApplication.objects.filter(status=MembershipApplication.Status.PENDING)
    return (
        Collectivity.objects.filter(membership__isnull=True)
        .exclude(pk__in=pending.values("collectivity_id"))
        .select_related("region")
    )


def stale_members(now: datetime.datetime | None = None) -> QuerySet[Collectivity]:
    """Members whose programmes have not moved (no phase change, no edit) for a year, or that have no programme
    and joined more than a year ago; annotated with ``last_moved``, least recent first."""
    now = now or timezone.now()
    programmes = Programme.objects.filter(collectivity=OuterRef("pk")).order_by()
    last_edit = Subquery(
        programmes.values("collectivity").annotate(m=Max("updated_at")).values("m")[:1], output_field=DateTimeField()
    )
    last_phase = Subquery(
        PhaseChange.objects.filter(programme__collectivity=OuterRef("pk"))
        .order_by()
        .values("programme__collectivity")
        .annotate(m=Max("changed_at"))
        .values("m")[:1],
        output_field=DateTimeField(),
    )
    joined = F("membership__created_at")
    return (
        Collectivity.objects.filter(membership__isnull=False)
        .select_related("region", "membership")
        .annotate(
            last_moved=Greatest(Coalesce(last_edit, joined), Coalesce(last_phase, joined), joined),
            last_programme_edit=last_edit,
        )
        .filter(last_moved__lt=now - STALE_AFTER)
        .order_by("last_moved", "name_fr")
    )


def published_news(collectivity=None) -> QuerySet[NewsPost]:
    """Published posts of ``collectivity``'s space, or of the network home when None; newest first."""
    qs = NewsPost.objects.filter(status=NewsPost.Status.PUBLISHED).select_related("collectivity")
    if collectivity is None:
        return qs.filter(collectivity__isnull=True)
    return qs.filter(collectivity=collectivity)


def latest_network_news(limit: int) -> list[NewsPost]:
    """The ``limit`` newest published posts of the network itself, with only what a teaser shows (one query)."""
    return list(published_news(None).select_related(None).only("title", "published_at", "collectivity")[:limit])


def drafts(collectivity=None) -> QuerySet[NewsPost]:
    qs = NewsPost.objects.filter(status=NewsPost.Status.DRAFT).select_related("collectivity").order_by("-updated_at")
    return qs.filter(collectivity__isnull=True) if collectivity is None else qs.filter(collectivity=collectivity)


def visible_post(user, pk: int, collectivity=None) -> NewsPost:
    """One post of that space: published, or a draft its writers may see; ``NewsPost.DoesNotExist`` otherwise."""
    qs = NewsPost.objects.select_related("collectivity").filter(pk=pk)
    qs = qs.filter(collectivity__isnull=True) if collectivity is None else qs.filter(collectivity=collectivity)
    post = qs.get()
    if post.status != NewsPost.Status.PUBLISHED and not user.has_perm("network.write_news", collectivity):
        raise NewsPost.DoesNotExist
    return post
