"""Participation objects shared by every module: comments, supports, follows, flags and the moderation log.

A module's model takes part by inheriting :class:`ParticipationTarget` (counters and the hidden state) and
providing ``collectivity``, ``get_absolute_url()``, ``participation_author_field`` and ``accepts(action, user)``.
It is then registered with :func:`remacto.participation.registry.register` so pages can address it in URLs.
Comments, supports, follows, flags and moderation actions point at their target through contenttypes.

:class:`Discussion` is the app's own target: a public discussion topic opened by a collectivity.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 4000
REASON_MAX_LENGTH = 500
FLAG_DETAILS_MAX_LENGTH = 1000

ACTIONS = ("comment", "support", "follow", "flag")


def visible_q(relation: str = "") -> Q:
    """The one visibility rule of moderated content (targets and comments): not hidden by moderation.

    ``relation`` applies it across a relation, for joins and annotations (``visible_q("ideas")``).
    """
    return Q(**{f"{relation}__is_hidden" if relation else "is_hidden": False})


class VisibleQuerySet(models.QuerySet):
    """Default queryset of everything moderation can hide; every public page, export and API reads through
    ``visible()`` (moderators' own views may include hidden rows on purpose)."""

    def visible(self):
        return self.filter(visible_q())


class ParticipationTarget(models.Model):
    """Abstract base of anything people can comment on, support, follow and report.

    Subclasses must provide:

    - ``collectivity``: the territorial collectivity it belongs to (field or property);
    - ``get_absolute_url()``;
    - ``participation_author_field``: name of the attribute holding its author, or ``None``;
    - ``accepts(action, user)``: whether ``action`` (``"comment"``, ``"support"``, ``"follow"``, ``"flag"``)
      is open now, for example inside the phase window. Hidden targets accept nothing whatever it says.

    ``support_count`` and ``comment_count`` are kept by the services (visible comments only); never write them
    directly.
    """

    participation_author_field: str | None = "author"

    support_count = models.PositiveIntegerField(_("supports"), default=0, db_index=True, editable=False)
    comment_count = models.PositiveIntegerField(_("comments"), default=0, editable=False)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False, db_index=True)
    hidden_reason = models.CharField(_("public reason for hiding"), max_length=REASON_MAX_LENGTH, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)

    # Deleting a target deletes what people attached to it; the public moderation log keeps its entries.
    comments = GenericRelation("participation.Comment")
    supports = GenericRelation("participation.Support")
    follows = GenericRelation("participation.Follow")
    flags = GenericRelation("participation.Flag")

    objects = VisibleQuerySet.as_manager()

    class Meta:
        abstract = True

    def accepts(self, action: str, user) -> bool:
        """Whether ``action`` is open now for ``user``; every concrete target must say."""
        raise NotImplementedError(f"{type(self).__name__} must define accepts(action, user)")

    @property
    def participation_author(self):
        """The author named by ``participation_author_field``, or ``None``."""
        field = self.participation_author_field
        return getattr(self, field, None) if field else None


class TargetedModel(models.Model):
    """Abstract: a row pointing at one participation target (or a comment) through contenttypes."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True

    @property
    def target_label(self) -> str:
        """The target's URL label, ``"app_label.model"``."""
        return f"{self.content_type.app_label}.{self.content_type.model}"

    @property
    def target_key(self) -> str:
        """A string naming the target, usable in element ids (``participation-comment-12``)."""
        return f"{self.content_type.app_label}-{self.content_type.model}-{self.object_id}"


class Comment(TargetedModel):
    """A comment on a target, or a reply to a top-level comment (one level of replies).

    The body is stored as typed (a Markdown subset) and only ever shown through ``render_markdown``.
    """

    participation_author_field = "author"

    collectivity = models.ForeignKey(
        "territories.Collectivity", verbose_name=_("collectivity"), on_delete=models.CASCADE, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="participation_comments",
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("reply to"), on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    body = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    is_hidden = models.BooleanField(_("hidden by moderation"), default=False, db_index=True)
    hidden_reason = models.CharField(_("public reason for hiding"), max_length=REASON_MAX_LENGTH, blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    flags = GenericRelation("participation.Flag")

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        indexes = [models.Index(fields=["content_type", "object_id", "parent"], name="comment_target_idx")]

    def __str__(self) -> str:
        return gettext("Comment %(number)s by %(author)s") % {
            "number": self.pk,
            "author": self.author or gettext("Deleted account"),
        }

    def get_absolute_url(self) -> str:
        return f"{self.target.get_absolute_url()}#comment-{self.pk}"

    @property
    def participation_author(self):
        return self.author


class Support(TargetedModel):
    """One person's support for a target; the database refuses a second one, even from two tabs at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("supported"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "user"], name="one_support_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} + {self.content_type.model} {self.object_id}"


class Follow(TargetedModel):
    """One person following a target: they hear about new comments on it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("followed"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "user"], name="one_follow_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.content_type.model} {self.object_id}"


class Flag(TargetedModel):
    """A report that a target or a comment breaks the rules; moderators resolve it. Reporters stay private."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSIVE = "abusive", _("Abusive, hateful or threatening")
        OFF_TOPIC = "off_topic", _("Off-topic")
        PERSONAL_DATA = "personal_data", _("Reveals personal data")
        OTHER = "other", _("Other")

    collectivity = models.ForeignKey(
        "territories.Collectivity", verbose_name=_("collectivity"), on_delete=models.CASCADE, related_name="+"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reporter"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    details = models.TextField(_("details"), max_length=FLAG_DETAILS_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField(_("reported"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolution = models.CharField(_("resolution"), max_length=16, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="flag_target_idx"),
            models.Index(fields=["collectivity", "resolved_at"], name="flag_queue_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "reporter"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_flag_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} · {self.content_type.model} {self.object_id}"


class ModerationAction(TargetedModel):
    """The public moderation log: what was hidden, restored or cleared, when and why (never who reported)."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")
        DISMISS_FLAGS = "dismiss_flags", _("Reports dismissed")

    collectivity = models.ForeignKey(
        "territories.Collectivity", verbose_name=_("collectivity"), on_delete=models.CASCADE, related_name="+"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("moderator"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    reason = models.CharField(_("public reason"), max_length=REASON_MAX_LENGTH)
    target_repr = models.CharField(_("content"), max_length=200)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        indexes = [models.Index(fields=["content_type", "object_id"], name="moderation_target_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} · {self.target_repr}"


class Discussion(ParticipationTarget):
    """A public discussion topic opened by a collectivity, open for comments and supports in its window."""

    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivity"),
        on_delete=models.CASCADE,
        related_name="discussions",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text (Markdown)"), max_length=10000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    opens_at = models.DateTimeField(_("opens"), default=timezone.now)
    closes_at = models.DateTimeField(
        _("closes"), null=True, blank=True, help_text=_("Leave empty to keep the discussion open.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:discussion", kwargs={"slug": self.collectivity.slug, "pk": self.pk})

    def clean(self) -> None:
        if self.closes_at and self.opens_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing date must come after the opening date.")})

    @property
    def is_open(self) -> bool:
        """Inside its window (opened, not yet closed)."""
        now = timezone.now()
        return self.opens_at <= now and (self.closes_at is None or now < self.closes_at)

    @property
    def has_closed(self) -> bool:
        return self.closes_at is not None and timezone.now() >= self.closes_at

    def accepts(self, action: str, user) -> bool:
        """Comments and supports inside the window; following and reporting whenever it is visible."""
        if self.is_hidden:
            return False
        if action in ("comment", "support"):
            return self.is_open
        return action in ("follow", "flag")
