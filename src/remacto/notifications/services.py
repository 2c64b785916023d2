"""Sending notifications, marking them read, and the email preference.

Other apps call :func:`notify` (or :func:`notify_many`) inside their own transaction. The row keeps the English
msgid and its parameters; pages translate it for the reader. The email, in the recipient's preferred language,
leaves through ``core.tasks.send_email`` only once the transaction commits, so a rolled-back action sends
nothing.

``mark_read``, ``mark_all_read`` and ``set_email_enabled`` take the acting user first and raise
``PermissionDenied`` when the notification or preference is not theirs; nothing is written when they raise.
"""

import contextlib
import json
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from functools import partial

import rules
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse, translate_url
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from remacto.core.tasks import send_email as send_email_task

from . import selectors
from .models import MSGID_SUFFIX, Notification, NotificationPreference

KIND_MAX_LENGTH = Notification._meta.get_field("kind").max_length
URL_MAX_LENGTH = Notification._meta.get_field("url").max_length


def is_local_path(url: str) -> bool:
    """True for a path on this site (``/fr/ideas/3/``); false for other sites, ``//host`` and schemes."""
    return (
        isinstance(url, str)
        and url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def localise_path(url: str, language: str) -> str:
    """A local path of this site in another language (``/ar/charter/`` → ``/fr/charter/``), else unchanged."""
    source = translation.get_language_from_path(url)
    if not source:
        return url
    with translation.override(source):
        return translate_url(url, language)


def _local_url(url: str) -> str:
    """``url`` as a local path; an absolute URL of this site is shortened to its path."""
    url = (url or "").strip()
    site = settings.SITE_URL.rstrip("/")
    if url.startswith(site + "/"):
        url = url[len(site) :]
    if url and not is_local_path(url):
        raise ValueError(f"notification links must be local paths, not {url!r}")
    if len(url) > URL_MAX_LENGTH:
        raise ValueError(f"notification link longer than {URL_MAX_LENGTH} characters")
    return url


def _clean_params(message: str, params: dict | None) -> dict:
    """Check what callers pass; errors here are programming mistakes, raised at once with a clear message."""
    if isinstance(message, Promise) or not isinstance(message, str) or not message.strip():
        raise TypeError("message must be a non-empty msgid marked with gettext_noop (not a lazy translation)")
    params = dict(params or {})
    for key, value in params.items():
        if key.endswith(MSGID_SUFFIX) and not isinstance(value, str):
            raise TypeError(f"{key} must be a msgid marked with gettext_noop (not a lazy translation)")
        if isinstance(value, Promise):
            params[key] = str(value)
    try:
        json.dumps(params)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"notification params must be JSON values: {exc}") from exc
    expanded = {(k[: -len(MSGID_SUFFIX)] if k.endswith(MSGID_SUFFIX) else k): v for k, v in params.items()}
    try:
        message % expanded
    except (KeyError, ValueError, TypeError) as exc:
        raise ValueError(f"message {message!r} does not format with params {sorted(params)}: {exc}") from exc
    return params


def _can_receive(recipient) -> bool:
    return (
        recipient is not None
        and getattr(recipient, "is_authenticated", False)
        and getattr(recipient, "is_active", False)
        and recipient.pk is not None
    )


def _build(recipient, kind: str, message: str, params: dict, url: str, collectivity) -> Notification:
    if not kind or len(kind) > KIND_MAX_LENGTH:
        raise ValueError(f"kind must be 1 to {KIND_MAX_LENGTH} characters")
    return Notification(
        recipient=recipient, kind=kind, message=message, params=params, url=url, collectivity=collectivity
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def language_of(user) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    language = getattr(user, "preferred_language", "")
    return language if language in codes else settings.LANGUAGE_CODE


def render_email(notification: Notification) -> tuple[str, str, str]:
    """Subject, plain-text body and HTML body of ``notification``, in its recipient's preferred language."""
    with translation.override(language_of(notification.recipient)):
        text = notification.text
        if notification.pk:
            link = reverse("notifications:open", kwargs={"pk": notification.pk})
        else:
            link = localise_path(notification.url, translation.get_language()) or reverse("notifications:list")
        context = {
            "text": text,
            "link": _absolute(link),
            "settings_link": _absolute(reverse("notifications:settings")),
            "recipient": notification.recipient,
            "LANGUAGE_CODE": translation.get_language(),
            "LANGUAGE_BIDI": translation.get_language_bidi(),
        }
        summary = Truncator(" ".join(text.split())).chars(90)
        subject = _("[REMACTO] %(summary)s") % {"summary": summary}
        body = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    return subject, body, html


def _send_emails(notifications: list[Notification], addresses: dict[int, str]) -> None:
    for notification in notifications:
        subject, body, html = render_email(notification)
        send_email_task.delay(subject, body, [addresses[notification.recipient_id]], html)


_EMAILS_HELD: ContextVar[bool] = ContextVar("notification_emails_held", default=False)


@contextlib.contextmanager
def emails_held() -> Iterator[None]:
    """Inside the block, notifications are written but none is emailed (``manage.py load_demo`` replaying the
    demo's history: its accounts see the notifications, nobody gets the emails)."""
    token = _EMAILS_HELD.set(True)
    try:
        yield
    finally:
        _EMAILS_HELD.reset(token)


def _queue_emails(notifications: list[Notification], addresses: dict[int, str]) -> None:
    if _EMAILS_HELD.get():
        return
    targets = [n for n in notifications if addresses.get(n.recipient_id)]
    if targets:
        transaction.on_commit(partial(_send_emails, targets, addresses))


def notify(
    recipient,
    *,
    kind: str,
    message: str,
    params: dict | None = None,
    url: str = "",
    collectivity=None,
    send_email: bool = True,
) -> Notification | None:
    """Tell ``recipient`` that something happened; returns the notification, or None for nobody to tell.

    ``message`` is an English msgid marked with ``gettext_noop``; ``params`` fill its ``%(name)s`` places, and a
    key ending in ``_msgid`` holds a msgid translated for the reader (``decision_msgid`` fills ``%(decision)s``).
    ``url`` is a local path (``obj.get_absolute_url()``). Nothing is written for None, anonymous or inactive
    recipients. The email, when wanted, leaves after the current transaction commits.
    """
    if not _can_receive(recipient):
        return None
    notification = _build(recipient, kind, message, _clean_params(message, params), _local_url(url), collectivity)
    notification.save()
    if send_email:
        address = selectors.verified_email(recipient) if selectors.email_enabled(recipient) else ""
        _queue_emails([notification], {recipient.pk: address})
    return notification


def notify_many(
    recipients: Iterable,
    *,
    kind: str,
    message: str,
    params: dict | None = None,
    url: str = "",
    collectivity=None,
    send_email: bool = True,
) -> list[Notification]:
    """:func:`notify` for several people at once: each person once, one bulk insert, one email each."""
    unique = {}
    for recipient in recipients:
        if _can_receive(recipient):
            unique.setdefault(recipient.pk, recipient)
    if not unique:
        return []
    params = _clean_params(message, params)
    url = _local_url(url)
    notifications = Notification.objects.bulk_create(
        [_build(r, kind, message, params, url, collectivity) for r in unique.values()]
    )
    if send_email:
        _queue_emails(notifications, selectors.email_addresses(list(unique)))
    return notifications


def _require_recipient(actor, notification: Notification) -> None:
    if not rules.test_rule("notifications.is_recipient", actor, notification):
        raise PermissionDenied(_("You are not allowed to do this."))


def mark_read(actor, notification: Notification) -> Notification:
    """Mark one of ``actor``'s notifications as read (already read ones keep their first reading time)."""
    _require_recipient(actor, notification)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def mark_all_read(actor) -> int:
    """Mark every unread notification of ``actor`` as read; returns how many changed."""
    if not actor.is_authenticated:
        raise PermissionDenied(_("You are not allowed to do this."))
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


def set_email_enabled(actor, user, enabled: bool) -> NotificationPreference:
    """Turn notification emails on or off for ``user``; only the user may do it."""
    if not actor.is_authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("You can only change your own settings."))
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_enabled": bool(enabled)}
    )
    return preference
