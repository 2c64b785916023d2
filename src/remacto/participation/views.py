"""Participation pages and actions. Views stay thin: parse, call a service or selector, render.

Every action is a plain POST form that redirects (works without JavaScript); with htmx the same URL answers
with the re-rendered widget instead. Targets are addressed as ``<app_label.model>/<pk>``, checked against the
registry (unknown labels are a 404).
"""

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from remacto.core.forms import apply_service_errors
from remacto.core.http import next_url, too_many_requests
from remacto.core.pagination import paginate, querystring_without_page
from remacto.territories.models import Collectivity

from . import limits, registry, selectors, services, widgets
from .forms import CommentForm, DiscussionForm, FlagForm, ModerationForm
from .models import Comment, Discussion

# --- helpers -------------------------------------------------------------------------------------------------


def _target_or_404(ct: str, pk: int):
    model = registry.target_model(ct)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=pk)


def _flaggable_or_404(ct: str, pk: int):
    model = registry.flaggable_model(ct)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    if isinstance(obj, Comment) and (obj.target is None or not registry.is_registered(obj.target)):
        raise Http404
    return obj


def _sign_in_first(view):
    """Like ``login_required``, but htmx requests are sent to the sign-in page as a whole-page redirect."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        back = next_url(request, request.headers.get("HX-Current-URL", "") or request.get_full_path())
        if request.htmx:
            return HttpResponseClientRedirect(f"{reverse('account_login')}?{urlencode({'next': back})}")
        return redirect_to_login(back, login_url=reverse("account_login"))

    return wrapper


def _describe_target(obj):
    """What a report or moderation page is about: the comment's thread target, or the target itself."""
    return obj.target if isinstance(obj, Comment) else obj


# --- supports and follows ------------------------------------------------------------------------------------


@require_POST
@_sign_in_first
def support(request, ct: str, pk: int):
    """Support (``support=1``) or withdraw (``support=0``); idempotent, so a double click changes nothing."""
    target = _target_or_404(ct, pk)
    wanted = request.POST.get("support", "1") != "0"
    error, note, wait = "", "", None
    try:
        if wanted:
            note = _("Thank you: your support is counted.") if services.support(request.user, target) else ""
            note = note or _("You already support this.")
        else:
            services.withdraw_support(request.user, target)
            note = _("Your support is withdrawn.")
    except ValidationError as exc:
        error, wait = " ".join(exc.messages), limits.retry_after(exc)
    back = next_url(request, target.get_absolute_url())
    if request.htmx:
        context = widgets.support_context(request.user, target, error=error)
        return too_many_requests(render(request, "participation/_support_button.html", context), wait)
    if wait is not None:
        return too_many_requests(render(request, "429.html", {"message": error, "back_url": back}), wait)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, note)
    return redirect(back)


@require_POST
@_sign_in_first
def follow(request, ct: str, pk: int):
    """Follow (``follow=1``) or stop following (``follow=0``)."""
    target = _target_or_404(ct, pk)
    wanted = request.POST.get("follow", "1") != "0"
    error = ""
    try:
        if wanted:
            services.follow(request.user, target)
        else:
            services.unfollow(request.user, target)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return render(
            request, "participation/_follow_button.html", widgets.follow_context(request.user, target, error=error)
        )
    if error:
        messages.error(request, error)
    elif wanted:
        messages.success(request, _("You follow this now: new comments will be in your notifications."))
    else:
        messages.success(request, _("You no longer follow this."))
    return redirect(next_url(request, target.get_absolute_url()))


# --- comments ------------------------------------------------------------------------------------------------


def comments(request, ct: str, pk: int):
    """GET: the comments block (htmx pagination). POST: publish a comment or a reply."""
    target = _target_or_404(ct, pk)
    if request.method == "POST":
        return _post_comment(request, target)
    if not request.htmx:
        page = request.GET.get(widgets.COMMENTS_PAGE_PARAM, "")
        query = f"?{urlencode({widgets.COMMENTS_PAGE_PARAM: page})}" if page else ""
        return redirect(f"{target.get_absolute_url()}{query}#{widgets.dom_id(target, 'comments')}")
    return render(request, "participation/_comments.html", widgets.comments_context(request, target))


@_sign_in_first
def _post_comment(request, target):
    form = CommentForm(request.POST)
    form.is_valid()  # every field is optional: the service judges the content
    data = form.cleaned_data
    parent_id = data.get("parent")
    if parent_id:
        form = CommentForm(request.POST, prefix_id=f"reply-{parent_id}")
        form.is_valid()
    parent = None
    try:
        if parent_id:
            parent = Comment.objects.select_related("parent").filter(pk=parent_id).first()
            if parent is None:
                raise ValidationError({"body": _("This reply does not belong to this page.")})
        comment = services.add_comment(request.user, target, data.get("body", ""), parent, website=data.get("website"))
    except ValidationError as exc:
        apply_service_errors(form, exc)
        if request.htmx:
            context = widgets.comments_context(
                request,
                target,
                form=None if parent_id else form,
                reply_form=form if parent_id else None,
                reply_parent=(parent.parent_id or parent.pk) if parent else parent_id,
            )
            response = render(request, "participation/_comments.html", context)
        else:
            context = {"form": form, "target": target, **widgets.target_urls(target)}
            response = render(request, "participation/comment_form.html", context)
        return too_many_requests(response, limits.retry_after(exc))
    status = _("Your reply is published.") if parent_id else _("Your comment is published.")
    if request.htmx:
        return render(request, "participation/_comments.html", widgets.comments_context(request, target, status=status))
    messages.success(request, status)
    return redirect(f"{target.get_absolute_url()}#comment-{comment.pk}")


@login_required
def edit_comment(request, pk: int):
    """Edit one's own comment in the minutes after posting it."""
    comment = get_object_or_404(Comment.objects.select_related("author"), pk=pk)
    target = comment.target
    if target is None or not registry.is_registered(target):
        raise Http404
    if not request.user.has_perm("participation.edit_comment", comment):
        raise PermissionDenied
    form = CommentForm(request.POST or None, initial={"body": comment.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_comment(request.user, comment, form.cleaned_data["body"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Your comment is saved."))
            return redirect(f"{target.get_absolute_url()}#comment-{comment.pk}")
    context = {
        "form": form,
        "comment": comment,
        "target": target,
        "edit_minutes": limits.setting("comment_edit_minutes"),
    }
    return render(request, "participation/comment_edit.html", context)


# --- reports and moderation ----------------------------------------------------------------------------------


@login_required
def flag(request, ct: str, pk: int):
    """Report a target or a comment to the moderators."""
    obj = _flaggable_or_404(ct, pk)
    about = _describe_target(obj)
    back = next_url(request, obj.get_absolute_url())
    form = FlagForm(request.POST or None)
    wait = None
    if request.method == "POST" and form.is_valid():
        try:
            services.flag(request.user, obj, form.cleaned_data["reason"], form.cleaned_data["details"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
            wait = limits.retry_after(exc)
        else:
            messages.success(request, _("Thank you. The moderators will look at your report."))
            return redirect(back)
    context = {"form": form, "obj": obj, "about": about, "next_url": back, "is_comment": isinstance(obj, Comment)}
    return too_many_requests(render(request, "participation/flag.html", context), wait)


@login_required
def moderate(request, ct: str, pk: int):
    """Hide, restore or clear the reports of one target or comment, with a public reason (moderators only)."""
    obj = _flaggable_or_404(ct, pk)
    collectivity = obj.collectivity
    if not request.user.has_perm("participation.moderate", collectivity):
        raise PermissionDenied
    back = next_url(request, reverse("participation:moderation", kwargs={"slug": collectivity.slug}))
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action = {"hide": services.hide, "restore": services.restore, "dismiss_flags": services.dismiss_flags}
        try:
            action[form.cleaned_data["action"]](request.user, obj, form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            done = {
                "hide": _("Hidden. The reason is in the public moderation log."),
                "restore": _("Restored. The reason is in the public moderation log."),
                "dismiss_flags": _("The reports are dismissed."),
            }
            messages.success(request, done[form.cleaned_data["action"]])
            return redirect(back)
    context = {
        "form": form,
        "obj": obj,
        "about": _describe_target(obj),
        "is_comment": isinstance(obj, Comment),
        "flags": selectors.open_flags(obj),
        "collectivity": collectivity,
        "next_url": back,
    }
    return render(request, "participation/moderate.html", context)


def _member_or_404(slug: str) -> Collectivity:
    return get_object_or_404(Collectivity, slug=slug, membership__isnull=False)


@login_required
def moderation_queue(request, slug: str):
    """Open reports grouped by reported object, and what is hidden now (moderators only)."""
    collectivity = _member_or_404(slug)
    if not request.user.has_perm("participation.moderate", collectivity):
        raise PermissionDenied
    context = {
        "collectivity": collectivity,
        "items": selectors.moderation_queue(collectivity),
        "hidden": selectors.hidden_content(collectivity),
        "blank_form": ModerationForm(),
    }
    return render(request, "participation/moderation_queue.html", context)


def moderation_log(request, slug: str):
    """The public moderation log of a collectivity: what was hidden or restored, when and why."""
    collectivity = _member_or_404(slug)
    page = paginate(request, selectors.moderation_log(collectivity), per_page=50)
    selectors.with_targets(page.object_list)
    context = {
        "collectivity": collectivity,
        "page": page,
        "querystring": querystring_without_page(request),
        "can_moderate": request.user.has_perm("participation.moderate", collectivity),
    }
    return render(request, "participation/moderation_log.html", context)


# --- discussions ---------------------------------------------------------------------------------------------


def discussions(request, slug: str):
    """A collectivity's public discussions, newest first, with the reader's supports."""
    collectivity = _member_or_404(slug)
    can_moderate = request.user.has_perm("participation.moderate", collectivity)
    page = paginate(request, selectors.discussions(collectivity, include_hidden=can_moderate))
    context = {
        "collectivity": collectivity,
        "page": page,
        "querystring": querystring_without_page(request),
        "supported": selectors.supported_ids(request.user, page.object_list),
        "can_start": request.user.has_perm("participation.start_discussion", collectivity),
        "can_moderate": can_moderate,
    }
    return render(request, "participation/discussions.html", context)


@login_required
def discussion_create(request, slug: str):
    """Open a new discussion (focal points and network admins)."""
    collectivity = _member_or_404(slug)
    if not request.user.has_perm("participation.start_discussion", collectivity):
        raise PermissionDenied
    form = DiscussionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            discussion = services.start_discussion(request.user, collectivity, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("The discussion is open."))
            return redirect(discussion)
    return render(request, "participation/discussion_form.html", {"form": form, "collectivity": collectivity})


def discussion(request, slug: str, pk: int):
    """One discussion with its supports, follow button and comments."""
    item = get_object_or_404(
        Discussion.objects.select_related("collectivity", "author"), pk=pk, collectivity__slug=slug
    )
    can_moderate = request.user.has_perm("participation.moderate", item.collectivity)
    context = {"discussion": item, "collectivity": item.collectivity, "can_moderate": can_moderate}
    return render(request, "participation/discussion_detail.html", context)
