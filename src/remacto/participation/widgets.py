"""Context of the participation widgets (support and follow buttons, report link, comments block).

The template tags and the views that answer htmx requests build the same context here, so a button or block
re-rendered after a POST looks exactly like the one on the page.
"""

from django.urls import reverse
from django.utils import timezone

from remacto.core.pagination import paginate

from . import registry, selectors, services
from .forms import CommentForm

COMMENTS_PER_PAGE = 20
COMMENTS_PAGE_PARAM = "cpage"


def dom_id(obj, suffix: str) -> str:
    """A stable element id for ``obj`` (``discussion-3-support``)."""
    return f"{obj._meta.model_name}-{obj.pk}-{suffix}"


def target_urls(target) -> dict:
    args = {"ct": registry.label(target), "pk": target.pk}
    return {
        "support_url": reverse("participation:support", kwargs=args),
        "follow_url": reverse("participation:follow", kwargs=args),
        "comments_url": reverse("participation:comments", kwargs=args),
        "flag_url": reverse("participation:flag", kwargs=args),
        "moderate_url": reverse("participation:moderate", kwargs=args),
    }


def _login_url(next_url: str) -> str:
    from urllib.parse import urlencode

    return f"{reverse('account_login')}?{urlencode({'next': next_url})}"


def support_context(user, target, *, supported: bool | None = None, error: str = "") -> dict:
    """The support button: count, whether ``user`` supports it, whether supports are open now."""
    if supported is None:
        supported = target.pk in selectors.supported_ids(user, [target])
    next_url = target.get_absolute_url()
    return {
        "target": target,
        "supported": supported,
        "is_open": not target.is_hidden and target.accepts("support", user),
        "error": error,
        "dom_id": dom_id(target, "support"),
        "next_url": next_url,
        "login_url": _login_url(next_url),
        "user": user,
        **target_urls(target),
    }


def follow_context(user, target, *, followed: bool | None = None, error: str = "") -> dict:
    """The follow button: whether ``user`` follows ``target``."""
    if followed is None:
        followed = target.pk in selectors.followed_ids(user, [target])
    next_url = target.get_absolute_url()
    return {
        "target": target,
        "followed": followed,
        "is_open": not target.is_hidden and target.accepts("follow", user),
        "error": error,
        "dom_id": dom_id(target, "follow"),
        "next_url": next_url,
        "login_url": _login_url(next_url),
        "user": user,
        **target_urls(target),
    }


def flag_context(obj, next_url: str = "") -> dict:
    """The report link of a target or a comment."""
    return {
        "obj": obj,
        "flag_url": reverse("participation:flag", kwargs={"ct": registry.label(obj), "pk": obj.pk}),
        "next_url": next_url,
    }


def comments_context(
    request,
    target,
    *,
    form: CommentForm | None = None,
    reply_form: CommentForm | None = None,
    reply_parent: int | None = None,
    status: str = "",
) -> dict:
    """The comments block of ``target``: one page of threads, the comment form and a reply form per thread.

    ``form`` (or ``reply_form`` for thread ``reply_parent``) is a form coming back with errors, shown with what
    the person typed. ``status`` is a short confirmation read out by screen readers.
    """
    user = request.user
    can_moderate = user.is_authenticated and user.has_perm("participation.moderate", target.collectivity)
    # A hidden target's comments are for moderators only; the public sees the moderation note.
    threads = selectors.comments(target, include_hidden=can_moderate)
    if target.is_hidden and not can_moderate:
        threads = threads.none()
    page = paginate(request, threads, COMMENTS_PER_PAGE, COMMENTS_PAGE_PARAM)
    now = timezone.now()
    label = registry.label(target)
    next_url = target.get_absolute_url()
    placed = False
    for comment in page.object_list:
        comment.editable = services.can_edit_comment(user, comment, now)
        comment.visible_replies = list(comment.replies.all())
        for reply in comment.visible_replies:
            reply.editable = services.can_edit_comment(user, reply, now)
        if reply_parent == comment.pk and reply_form is not None and not comment.is_hidden:
            comment.reply_form, comment.reply_open, placed = reply_form, True, True
        else:
            comment.reply_form = CommentForm(initial={"parent": comment.pk}, prefix_id=f"reply-{comment.pk}")
            comment.reply_open = False
    main_id = f"{label.replace('.', '-')}-{target.pk}"
    if reply_form is not None and not placed:
        # The thread is not on this page any more (hidden, or another page): the main form takes the text.
        form = CommentForm({"body": reply_form.data.get("body", "")}, prefix_id=main_id)
        form.is_valid()
        for error in reply_form.errors.get("body", []) + list(reply_form.non_field_errors()):
            form.add_error("body", error)
    block_id = dom_id(target, "comments")
    return {
        "target": target,
        "target_label": label,
        "page": page,
        "page_param": COMMENTS_PAGE_PARAM,
        "form": form or CommentForm(prefix_id=main_id),
        "is_open": not target.is_hidden and target.accepts("comment", user),
        "can_moderate": can_moderate,
        "user": user,
        "block_id": block_id,
        "next_url": next_url,
        "login_url": _login_url(f"{next_url}#{block_id}"),
        "status": status,
        **target_urls(target),
    }
