"""Notification pages: the list, opening and marking notifications, the email setting. Views stay thin.

A person only ever reaches their own notifications: lookups are filtered by recipient, so another person's
notification is a 404 and its existence is not revealed.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from remacto.core.pagination import paginate, querystring_without_page

from . import selectors, services
from .forms import NotificationSettingsForm

FILTERS = ("all", "unread")


@login_required
def notification_list(request):
    current = request.GET.get("filter", "all")
    if current not in FILTERS:
        current = "all"
    page = paginate(request, selectors.for_user(request.user, unread_only=current == "unread"))
    context = {"page": page, "filter": current, "querystring": querystring_without_page(request)}
    return render(request, "notifications/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def open_notification(request, pk: int):
    """Mark the notification read and go to what it is about (a path on this site only), or back to the list."""
    notification = get_object_or_404(selectors.for_user(request.user), pk=pk)
    services.mark_read(request.user, notification)
    if notification.url and services.is_local_path(notification.url):
        target = services.localise_path(notification.url, get_language())
        if services.is_local_path(target):
            return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def mark_read(request, pk: int):
    notification = get_object_or_404(selectors.for_user(request.user), pk=pk)
    services.mark_read(request.user, notification)
    if request.htmx:
        return render(request, "notifications/_item.html", {"notification": notification, "oob_nav": True})
    return redirect("notifications:list")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect("notifications:list")


@login_required
def notification_settings(request):
    initial = {"email_enabled": selectors.email_enabled(request.user)}
    form = NotificationSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_email_enabled(request.user, request.user, form.cleaned_data["email_enabled"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    context = {"form": form, "email": selectors.verified_email(request.user)}
    return render(request, "notifications/settings.html", context)
