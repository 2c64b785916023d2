"""Reads shared by the library's pages, the API and the CSV export: the one visibility rule, the search (spelling
folded as in the member directory), the review queue, the rows of the export and the links back shown on a
programme."""

import functools
import operator
from collections.abc import Iterator

from django.db.models import Count, Prefetch, Q, QuerySet

from remacto.accounts.models import Role
from remacto.cocreation.models import Phase, Programme
from remacto.cocreation.services.programmes import TITLE_LANGUAGES
from remacto.core.text import normalise, search_regex

from .models import Practice, PracticeAxis, TemplateUse

MAX_WORDS = 8
# A practice can be used as a template until the programme's drafting is over.
TEMPLATE_PHASES = tuple(phase for phase in Phase.values if Phase.order(phase) <= Phase.order(Phase.DRAFTING))


def template_is_open(programme: Programme) -> bool:
    """True while a practice can still be used as a template for ``programme`` (up to its drafting phase)."""
    return programme.phase in TEMPLATE_PHASES


def published() -> QuerySet[Practice]:
    """The one visibility rule: published practices of member collectivities."""
    return Practice.objects.filter(
        status=Practice.Status.PUBLISHED, collectivity__membership__isnull=False
    ).select_related("collectivity")


def visible_to(user, practice: Practice) -> bool:
    """Published practices are public; the others are seen by their focal points and the network team."""
    return practice.is_published or (user.is_authenticated and user.has_perm("practices.view_unpublished", practice))


def search(
    qs: QuerySet[Practice], *, q: str = "", axis: str = "", principle: str = "", kind: str = "", member: str = ""
) -> QuerySet[Practice]:
    """``qs`` filtered by words (every word, spelling folded: hamza seats, alef forms, ta marbuta, diacritics,
    French accents and case are ignored), words of an axis, an openness principle, a collectivity kind and a
    member slug."""
    for word in normalise(q).split()[:MAX_WORDS]:
        qs = qs.filter(search_text__contains=word)
    axis_words = normalise(axis).split()[:MAX_WORDS]
    if axis_words:
        matching = PracticeAxis.objects.all()
        for word in axis_words:  # in any language of the axis's title
            pattern = search_regex(word)
            matching = matching.filter(
                functools.reduce(operator.or_, (Q(**{f"{name}__iregex": pattern}) for name in TITLE_LANGUAGES))
            )
        qs = qs.filter(pk__in=matching.values("practice_id"))
    if principle:
        field = Practice.PRINCIPLE_FIELDS.get(principle)
        if field is None:
            return qs.none()
        qs = qs.filter(Q(**{field: True}) | Q(**{f"axes__{field}": True})).distinct()
    if kind:
        qs = qs.filter(collectivity__kind=kind)
    if member:
        qs = qs.filter(collectivity__slug=member)
    return qs


def with_structure(qs: QuerySet[Practice]) -> QuerySet[Practice]:
    """``qs`` with its axes and their projects read in two queries."""
    return qs.prefetch_related(Prefetch("axes", queryset=PracticeAxis.objects.prefetch_related("projects")))


def review_queue() -> QuerySet[Practice]:
    """Practices waiting for the network team, oldest first, then those sent back and those withdrawn."""
    return (
        Practice.objects.exclude(status=Practice.Status.PUBLISHED)
        .select_related("collectivity", "submitted_by")
        .order_by("status", "created_at")
    )


def submitted_by_member(collectivity) -> QuerySet[Practice]:
    """A member's practices in every state, for its focal points."""
    return Practice.objects.filter(collectivity=collectivity).order_by("-updated_at")


def programmes_for_template(user) -> QuerySet[Programme]:
    """The programmes ``user`` may still fill from a practice: those of the collectivities where they are focal
    point, not past drafting."""
    return own_programmes(user).filter(phase__in=TEMPLATE_PHASES)


def own_programmes(user) -> QuerySet[Programme]:
    """The programmes of the collectivities where ``user`` is focal point."""
    collectivities = Role.objects.filter(user=user, kind=Role.Kind.FOCAL_POINT).values("collectivity_id")
    return (
        Programme.objects.filter(collectivity__in=collectivities)
        .select_related("collectivity")
        .order_by("collectivity__name", "-cycle")
    )


def template_uses(programme: Programme) -> QuerySet[TemplateUse]:
    """The practices used as templates for ``programme``, with what each added (the links shown on it)."""
    return (
        TemplateUse.objects.filter(programme=programme)
        .select_related("practice")
        .prefetch_related("items__axis", "items__project__programme__collectivity")
        .order_by("used_at")
    )


EXPORT_COLUMNS = [
    "id",
    "title",
    "member",
    "kind",
    "region",
    "status",
    "started_on",
    "ended_on",
    "principles",
    "axes",
    "contact_name",
    "contact_email",
    "published_at",
    "uses_as_template",
    "sample",
    "url",
]


def export_rows(qs: QuerySet[Practice]) -> Iterator[dict]:
    """One row per practice for the network team's CSV export."""
    qs = with_structure(qs.select_related("collectivity__region").annotate(use_count=Count("uses"))).order_by("pk")
    for practice in qs:
        yield {
            "id": practice.pk,
            "title": practice.title,
            "member": practice.collectivity.name,
            "kind": practice.collectivity.kind,
            "region": practice.collectivity.region.name,
            "status": practice.status,
            "started_on": practice.started_on.isoformat() if practice.started_on else "",
            "ended_on": practice.ended_on.isoformat() if practice.ended_on else "",
            "principles": " ".join(practice.principles),
            "axes": " | ".join(axis.title for axis in practice.axes.all()),
            "contact_name": practice.contact_name,
            "contact_email": practice.contact_email,
            "published_at": practice.published_at.isoformat() if practice.published_at else "",
            "uses_as_template": practice.use_count,
            "sample": "yes" if practice.is_sample else "",
            "url": practice.get_absolute_url(),
        }
