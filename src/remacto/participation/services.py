"""Every change to comments, supports, follows, reports and moderation.

Each function takes the acting user first, checks a ``rules`` permission, validates, writes in one transaction
(counters moved with ``F()`` next to the row they count) and records the audit log for moderators' actions. It
raises ``PermissionDenied`` (anonymous users, people without the role) or ``ValidationError`` (with the
message to show, keyed by form field where there is one); nothing is written when it raises.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from remacto.core import audit
from remacto.core.permissions import require
from remacto.core.validators import clean_text, require_visible
from remacto.notifications.services import notify, notify_many

from . import limits
from .models import (
    COMMENT_MAX_LENGTH,
    FLAG_DETAILS_MAX_LENGTH,
    REASON_MAX_LENGTH,
    Comment,
    Discussion,
    Flag,
    Follow,
    ModerationAction,
    ParticipationTarget,
    Support,
)

CLOSED_MESSAGES = {
    "comment": gettext_noop("Comments are closed here."),
    "support": gettext_noop("Supports are closed here."),
    "follow": gettext_noop("You cannot follow this at the moment."),
    "flag": gettext_noop("This can no longer be reported."),
}


# --- helpers -------------------------------------------------------------------------------------------------


def _require(actor, perm: str, obj=None) -> None:
    """Anonymous visitors are asked to sign in; then the ``rules`` permission decides."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    require(actor, perm, obj)


def _require_open(target: ParticipationTarget, action: str, actor) -> None:
    """Hidden targets accept nothing; otherwise the target's own ``accepts`` decides."""
    if target.is_hidden:
        raise ValidationError(_("This content was hidden by moderation."), code="hidden")
    if not target.accepts(action, actor):
        raise ValidationError(_(CLOSED_MESSAGES[action]), code="closed")


def _where(obj: models.Model) -> dict:
    return {"content_type": ContentType.objects.get_for_model(obj), "object_id": obj.pk}


def _bump(target: models.Model, field: str, delta: int) -> None:
    """Move a counter of ``target`` by ``delta`` in the database (``F()``), never below zero, then reload it."""
    rows = type(target)._default_manager.filter(pk=target.pk)
    if delta < 0:
        rows = rows.filter(**{f"{field}__gte": -delta})
    rows.update(**{field: F(field) + delta})
    target.refresh_from_db(fields=[field])


def _author_of(obj):
    return getattr(obj, "participation_author", None)


def _link_for(obj, language: str | None = None) -> str:
    with translation.override(language or translation.get_language()):
        return obj.get_absolute_url()


def _notify(recipient, *, kind: str, message: str, params: dict, obj, collectivity, send_email: bool = True) -> None:
    """Tell ``recipient`` through the notifications app, with a link in their own language."""
    if recipient is None:
        return
    notify(
        recipient,
        kind=kind,
        message=message,
        params=params,
        url=_link_for(obj, getattr(recipient, "preferred_language", None)),
        collectivity=collectivity,
        send_email=send_email,
    )


def _clean_reason(reason: str) -> str:
    return clean_text(
        reason,
        "reason",
        empty=gettext_noop("Give the public reason: it is shown in the moderation log."),
        max_length=REASON_MAX_LENGTH,
    )


# --- comments ------------------------------------------------------------------------------------------------


@transaction.atomic
def add_comment(actor, target: ParticipationTarget, body: str, parent: Comment | None = None, *, website: str = ""):
    """Post a comment on ``target``, or a reply when ``parent`` is given (a reply to a reply joins its thread).

    ``website`` is the form's honeypot: people never see it, bots fill it; then nothing is saved and the message
    says nothing about why. Returns the new ``Comment``.
    """
    _require(actor, "participation.comment", target)
    if website:
        raise ValidationError(_("Your comment could not be posted."), code="rejected")
    text = clean_text(body, "body", empty=gettext_noop("Write your comment."), max_length=COMMENT_MAX_LENGTH, rich=True)
    where = _where(target)
    if parent is not None:
        if (parent.content_type_id, parent.object_id) != (where["content_type"].pk, target.pk):
            raise ValidationError({"body": _("This reply does not belong to this page.")})
        if parent.parent_id:
            parent = parent.parent
        if parent.is_hidden:
            raise ValidationError({"body": _("You cannot reply to a comment hidden by moderation.")})
    try:
        _require_open(target, "comment", actor)
    except ValidationError as exc:
        raise ValidationError({"body": exc.messages}) from exc

    with limits.reserve(actor, "comments", field="body"):
        comment = Comment.objects.create(
            **where, collectivity=target.collectivity, author=actor, parent=parent, body=text
        )
        _bump(target, "comment_count", +1)
        _notify_new_comment(actor, target, comment)
    return comment


def _notify_new_comment(actor, target: ParticipationTarget, comment: Comment) -> None:
    """The parent's author (a reply), the target's author and the target's followers; never the commenter."""
    params = {"author": str(actor), "title": str(target)[:120]}
    told = {actor.pk}
    if comment.parent is not None and comment.parent.author_id not in told:
        _notify(
            comment.parent.author,
            kind="comment.reply",
            message=gettext_noop("%(author)s replied to your comment on “%(title)s”."),
            params=params,
            obj=comment,
            collectivity=comment.collectivity,
        )
        told.add(comment.parent.author_id)
    author = _author_of(target)
    if author is not None and author.pk not in told:
        _notify(
            author,
            kind="comment.new",
            message=gettext_noop("%(author)s commented on “%(title)s”."),
            params=params,
            obj=comment,
            collectivity=comment.collectivity,
        )
        told.add(author.pk)
    followers = Follow.objects.filter(**_where(target)).exclude(user_id__in=told).select_related("user").order_by("pk")
    notify_many(
        (f.user for f in followers.iterator(chunk_size=500)),
        kind="comment.followed",
        message=gettext_noop("New comment by %(author)s on “%(title)s”, which you follow."),
        params=params,
        url=_link_for(comment),
        collectivity=comment.collectivity,
        send_email=False,
    )


def can_edit_comment(user, comment: Comment, now=None) -> bool:
    """Whether ``user`` may still edit ``comment``: its author, within the edit window, while it is visible."""
    window = timedelta(minutes=limits.setting("comment_edit_minutes"))
    return (
        user.is_authenticated
        and comment.author_id == user.pk
        and not comment.is_hidden
        and (now or timezone.now()) - comment.created_at <= window
    )


@transaction.atomic
def edit_comment(actor, comment: Comment, body: str) -> Comment:
    """Change the text of one's own comment, within the edit window and while it is not hidden.

    Authors cannot delete comments; moderators hide them.
    """
    _require(actor, "participation.edit_comment", comment)
    text = clean_text(body, "body", empty=gettext_noop("Write your comment."), max_length=COMMENT_MAX_LENGTH, rich=True)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.is_hidden:
        raise ValidationError({"body": _("A comment hidden by moderation cannot be edited.")})
    if not can_edit_comment(actor, comment):
        raise ValidationError(
            {
                "body": _("A comment can only be edited in the %(minutes)d minutes after it is posted.")
                % {"minutes": limits.setting("comment_edit_minutes")}
            }
        )
    comment.body = text
    comment.edited_at = timezone.now()
    comment.save(update_fields=["body", "edited_at"])
    return comment


# --- supports and follows ------------------------------------------------------------------------------------


def support(actor, target: ParticipationTarget) -> bool:
    """Support ``target``. Returns ``False`` when ``actor`` already supports it (nothing changes), even when two
    requests race: the database's unique constraint decides and the loser answers "already supported"."""
    _require(actor, "participation.support", target)
    _require_open(target, "support", actor)
    with limits.reserve(actor, "supports") as slot:
        try:
            with transaction.atomic():
                Support.objects.create(**_where(target), user=actor)
                _bump(target, "support_count", +1)
        except IntegrityError:
            slot.release()  # already supported: nothing happened, nothing counts
            target.refresh_from_db(fields=["support_count"])
            return False
    return True


@transaction.atomic
def withdraw_support(actor, target: ParticipationTarget) -> bool:
    """Take one's support back while supports are open. Returns ``False`` when there was none."""
    _require(actor, "participation.support", target)
    _require_open(target, "support", actor)
    deleted, _rows = Support.objects.filter(**_where(target), user=actor).delete()
    if deleted:
        _bump(target, "support_count", -1)
    return bool(deleted)


def forget_supports(user) -> int:
    """Remove every support of ``user`` (their account is being deleted), each target's counter moved with it."""
    supports = list(Support.objects.filter(user=user).select_related("content_type"))
    for row in supports:
        targets = row.content_type.model_class()._default_manager.filter(pk=row.object_id, support_count__gte=1)
        targets.update(support_count=F("support_count") - 1)
    Support.objects.filter(pk__in=[row.pk for row in supports]).delete()
    return len(supports)


def follow(actor, target: ParticipationTarget) -> bool:
    """Follow ``target`` (hear about new comments). Returns ``False`` when already following."""
    _require(actor, "participation.follow", target)
    _require_open(target, "follow", actor)
    try:
        with transaction.atomic():
            Follow.objects.create(**_where(target), user=actor)
    except IntegrityError:
        return False
    return True


def unfollow(actor, target: ParticipationTarget) -> bool:
    """Stop following ``target``; always allowed. Returns ``False`` when not following."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("Sign in to take part."))
    deleted, _rows = Follow.objects.filter(**_where(target), user=actor).delete()
    return bool(deleted)


# --- reports -------------------------------------------------------------------------------------------------


def _open_for_flags(obj, actor) -> None:
    """A visible comment on an open target, or a visible target that still accepts reports."""
    if obj.is_hidden:
        raise ValidationError(_("This content was already hidden by moderation."), code="hidden")
    target = obj.target if isinstance(obj, Comment) else obj
    if target is None:
        raise ValidationError(_("This content no longer exists."))
    _require_open(target, "flag", actor)


@transaction.atomic
def flag(actor, target, reason: str, details: str = "") -> Flag:
    """Report ``target`` (a participation target or a comment) to the moderators.

    One open report per person and object; the reporter's identity is never shown publicly.
    """
    _require(actor, "participation.flag", target)
    if reason not in Flag.Reason.values:
        raise ValidationError({"reason": _("Choose the reason for your report.")})
    details = (details or "").strip()
    require_visible({"details": details})
    if reason == Flag.Reason.OTHER and not details:
        raise ValidationError({"details": _("Tell the moderators what is wrong.")})
    if len(details) > FLAG_DETAILS_MAX_LENGTH:
        raise ValidationError(
            {
                "details": ngettext(
                    "At most %(limit)d character, please (this text has %(count)d).",
                    "At most %(limit)d characters, please (this text has %(count)d).",
                    FLAG_DETAILS_MAX_LENGTH,
                )
                % {"limit": FLAG_DETAILS_MAX_LENGTH, "count": len(details)}
            }
        )
    _open_for_flags(target, actor)
    where = _where(target)
    if Flag.objects.filter(**where, reporter=actor, resolved_at__isnull=True).exists():
        raise ValidationError(_("You have already reported this. The moderators will look at it."), code="duplicate")
    with limits.reserve(actor, "flags"):
        try:
            with transaction.atomic():
                report = Flag.objects.create(
                    **where, collectivity=target.collectivity, reporter=actor, reason=reason, details=details
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("You have already reported this. The moderators will look at it."), code="duplicate"
            ) from exc
    return report


# --- moderation ----------------------------------------------------------------------------------------------


def _describe(obj) -> str:
    """What the public log calls the object: a comment is named by what it comments on."""
    if isinstance(obj, Comment):
        target = obj.target
        return (str(target) if target is not None else "—")[:200]
    return str(obj)[:200]


def _resolve_flags(actor, obj, resolution: str) -> int:
    return Flag.objects.filter(**_where(obj), resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=actor, resolution=resolution
    )


def _log(actor, obj, action: str, reason: str, **details) -> ModerationAction:
    entry = ModerationAction.objects.create(
        **_where(obj),
        collectivity=obj.collectivity,
        moderator=actor,
        action=action,
        reason=reason,
        target_repr=_describe(obj),
    )
    audit.record(actor, f"participation.{action}", obj, collectivity=obj.collectivity, reason=reason, **details)
    return entry


def _set_hidden(actor, obj, hidden: bool, reason: str) -> None:
    """Flip the hidden state in one conditional UPDATE (a second moderator acting at once changes nothing)."""
    values = {
        "is_hidden": hidden,
        "hidden_reason": reason if hidden else "",
        "hidden_at": timezone.now() if hidden else None,
    }
    changed = type(obj)._default_manager.filter(pk=obj.pk, is_hidden=not hidden).update(**values)
    if not changed:
        if hidden:
            raise ValidationError({"reason": _("This is already hidden.")})
        raise ValidationError({"reason": _("This is not hidden.")})
    for name, value in values.items():
        setattr(obj, name, value)
    if isinstance(obj, Comment) and obj.target is not None:
        _bump(obj.target, "comment_count", -1 if hidden else +1)


@transaction.atomic
def hide(actor, obj, reason: str) -> ModerationAction:
    """Hide a target or a comment with a public reason; open reports on it are resolved; its author is told.

    A hidden comment no longer counts in its target's ``comment_count``; a hidden target accepts nothing.
    """
    _require(actor, "participation.moderate", obj.collectivity)
    reason = _clean_reason(reason)
    _set_hidden(actor, obj, True, reason)
    resolved = _resolve_flags(actor, obj, "hidden")
    entry = _log(actor, obj, ModerationAction.Action.HIDE, reason, flags_resolved=resolved)
    _notify(
        _author_of(obj),
        kind="moderation.hidden",
        message=gettext_noop("Your contribution on “%(title)s” was hidden by moderation. Reason: %(reason)s"),
        params={"title": entry.target_repr[:120], "reason": reason},
        obj=obj,
        collectivity=obj.collectivity,
    )
    return entry


@transaction.atomic
def restore(actor, obj, reason: str) -> ModerationAction:
    """Show a hidden target or comment again, with a public reason; open reports on it are resolved."""
    _require(actor, "participation.moderate", obj.collectivity)
    reason = _clean_reason(reason)
    _set_hidden(actor, obj, False, reason)
    resolved = _resolve_flags(actor, obj, "restored")
    return _log(actor, obj, ModerationAction.Action.RESTORE, reason, flags_resolved=resolved)


@transaction.atomic
def dismiss_flags(actor, obj, reason: str) -> ModerationAction:
    """Close the open reports on a target or comment without hiding it, with a public reason."""
    _require(actor, "participation.moderate", obj.collectivity)
    reason = _clean_reason(reason)
    resolved = _resolve_flags(actor, obj, "dismissed")
    if not resolved:
        raise ValidationError({"reason": _("There is no open report on this.")})
    return _log(actor, obj, ModerationAction.Action.DISMISS_FLAGS, reason, flags_resolved=resolved)


# --- discussions ---------------------------------------------------------------------------------------------


@transaction.atomic
def start_discussion(actor, collectivity, *, title: str, body: str, opens_at=None, closes_at=None) -> Discussion:
    """Open a public discussion in ``collectivity``; for its focal points and network admins."""
    _require(actor, "participation.start_discussion", collectivity)
    discussion = Discussion(
        collectivity=collectivity,
        title=(title or "").strip(),
        body=(body or "").strip(),
        author=actor,
        opens_at=opens_at or timezone.now(),
        closes_at=closes_at,
    )
    require_visible({"title": discussion.title, "body": discussion.body}, rich=["body"])
    discussion.full_clean(exclude=["author"])
    discussion.save()
    audit.record(actor, "discussion.start", discussion, collectivity=collectivity)
    return discussion
