"""Read queries of participation: comment threads, a person's supports and follows, moderation queue and log."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from .models import Comment, Discussion, Flag, Follow, ModerationAction, Support, visible_q

MODERATION_QUEUE_LIMIT = 500


def _content_type(model_or_obj) -> ContentType:
    return ContentType.objects.get_for_model(model_or_obj)


def comments(target, *, include_hidden: bool = False) -> QuerySet[Comment]:
    """Top-level comments of ``target``, newest first, with authors and their replies (oldest first) loaded.

    The public (``include_hidden=False``) sees visible comments and replies only; a hidden top-level comment that
    still has visible replies stays as a placeholder (``is_hidden``) so the thread keeps its context, and
    templates show its public reason, never its text. Moderators (``include_hidden=True``) see everything,
    hidden items marked.
    """
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    top = Comment.objects.filter(
        content_type=_content_type(target), object_id=target.pk, parent__isnull=True
    ).select_related("author")
    if not include_hidden:
        replies = replies.visible()
        visible_reply = Comment.objects.visible().filter(parent=OuterRef("pk"))
        top = top.filter(visible_q() | Exists(visible_reply))
    return top.prefetch_related(Prefetch("replies", queryset=replies)).order_by("-created_at", "-id")


def _ids(user, model: type[models.Model], targets: Sequence) -> set[int]:
    targets = list(targets)
    if not targets or not getattr(user, "is_authenticated", False):
        return set()
    types = {type(t) for t in targets}
    if len(types) > 1:
        raise ValueError("targets must all be of one model")
    return set(
        model.objects.filter(
            content_type=_content_type(targets[0]), object_id__in=[t.pk for t in targets], user=user
        ).values_list("object_id", flat=True)
    )


def supported_ids(user, targets: Iterable) -> set[int]:
    """Primary keys of those ``targets`` (all of one model) that ``user`` supports, in one query."""
    return _ids(user, Support, list(targets))


def followed_ids(user, targets: Iterable) -> set[int]:
    """Primary keys of those ``targets`` (all of one model) that ``user`` follows, in one query."""
    return _ids(user, Follow, list(targets))


def _load_targets(rows: Sequence) -> None:
    """Load ``row.target`` for every row (one query per content type) and, for comments, what they comment on."""
    models.prefetch_related_objects(list(rows), "target")
    comments_ = [row.target for row in rows if isinstance(row.target, Comment)]
    if comments_:
        models.prefetch_related_objects(comments_, "target", "author")


@dataclass
class QueueItem:
    """One reported object in the moderation queue, with its open reports (newest first)."""

    target: models.Model | None
    content_type: ContentType
    object_id: int
    flags: list[Flag] = field(default_factory=list)

    @property
    def latest(self) -> datetime:
        return self.flags[0].created_at

    @property
    def label(self) -> str:
        return f"{self.content_type.app_label}.{self.content_type.model}"

    @property
    def key(self) -> str:
        return f"{self.content_type.app_label}-{self.content_type.model}-{self.object_id}"

    @property
    def is_comment(self) -> bool:
        return isinstance(self.target, Comment)

    @property
    def reasons(self) -> list[tuple[str, int]]:
        """Each reason given, with how many times, most frequent first."""
        counts: dict[str, int] = {}
        for f in self.flags:
            label = f.get_reason_display()
            counts[label] = counts.get(label, 0) + 1
        return sorted(counts.items(), key=lambda kv: -kv[1])


def moderation_queue(collectivity) -> list[QueueItem]:
    """Open reports of ``collectivity`` grouped by reported object, the most recently reported first."""
    flags = list(
        Flag.objects.filter(collectivity=collectivity, resolved_at__isnull=True)
        .select_related("content_type")
        .order_by("-created_at", "-id")[:MODERATION_QUEUE_LIMIT]
    )
    _load_targets(flags)
    items: dict[tuple[int, int], QueueItem] = {}
    for f in flags:
        key = (f.content_type_id, f.object_id)
        if key not in items:
            items[key] = QueueItem(target=f.target, content_type=f.content_type, object_id=f.object_id)
        items[key].flags.append(f)
    return [item for item in items.values() if item.target is not None]


def hidden_content(collectivity, limit: int = 100) -> list[ModerationAction]:
    """What is hidden now in ``collectivity``: the latest "hide" action of each object still hidden."""
    actions = list(
        ModerationAction.objects.filter(collectivity=collectivity, action=ModerationAction.Action.HIDE)
        .select_related("content_type")
        .order_by("-created_at", "-id")[: limit * 3]
    )
    _load_targets(actions)
    seen, result = set(), []
    for action in actions:
        key = (action.content_type_id, action.object_id)
        if key in seen or action.target is None or not action.target.is_hidden:
            continue
        seen.add(key)
        result.append(action)
    return result[:limit]


def moderation_log(collectivity) -> QuerySet[ModerationAction]:
    """The public moderation log of ``collectivity``, newest first (reporters never appear)."""
    return (
        ModerationAction.objects.filter(collectivity=collectivity)
        .select_related("content_type")
        .order_by("-created_at", "-id")
    )


def with_targets(rows: Sequence) -> Sequence:
    """Load the targets of a page of moderation actions or reports (for links and labels)."""
    _load_targets(rows)
    return rows


def open_flags(obj) -> QuerySet[Flag]:
    """Open reports on one object, newest first (for moderators)."""
    return Flag.objects.filter(content_type=_content_type(obj), object_id=obj.pk, resolved_at__isnull=True)


def discussions(collectivity, *, include_hidden: bool = False) -> QuerySet[Discussion]:
    """Discussions of ``collectivity``, newest first; hidden ones only for moderators."""
    qs = Discussion.objects.filter(collectivity=collectivity).select_related("author", "collectivity")
    if not include_hidden:
        qs = qs.visible()
    return qs.order_by("-opens_at", "-id")
