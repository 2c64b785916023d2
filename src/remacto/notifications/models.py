"""Notifications to one person, stored as an English msgid and its parameters, and their email preference.

The text is translated when it is shown (``Notification.text``), so a notification reads in whatever language
the person uses at the time, not the language of whoever caused it.
"""

import logging

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from remacto.core.bidi import isolate_plain

logger = logging.getLogger(__name__)

MSGID_SUFFIX = "_msgid"


def render_message(message: str, params: dict | None) -> str:
    """``gettext(message) % params`` in the active language.

    A parameter whose key ends in ``_msgid`` holds a msgid: it is translated too and offered without the suffix
    (``decision_msgid`` fills ``%(decision)s``). Every other text (names, titles people typed) is isolated by
    ``core.bidi.isolate_plain``, so a bidi control in it cannot reorder the sentence around it, in the list of
    notifications as in emails. A broken translation falls back to the English text; a broken English text is
    shown as it is rather than breaking the page.
    """
    values = {}
    for key, value in (params or {}).items():
        if key.endswith(MSGID_SUFFIX) and isinstance(value, str):
            values[key[: -len(MSGID_SUFFIX)]] = gettext(value) if value else ""
        else:
            values[key] = isolate_plain(value) if isinstance(value, str) else value
    translated = gettext(message)
    for text in (translated, message):
        try:
            return text % values
        except (KeyError, ValueError, TypeError):
            logger.warning("notification text %r does not format with %r", text, sorted(values))
    return translated


class Notification(models.Model):
    """Something that happened for ``recipient``: what (``kind``, the text) and where to look (``url``)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=64, help_text=_("For example: idea.answered."))
    message = models.TextField(_("message (English msgid)"))
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notif_recipient_unread")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def text(self) -> str:
        """The message in the active language, parameters filled in."""
        return render_message(self.message, self.params)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Whether a person also receives notifications by email (yes unless they turn it off)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_enabled = models.BooleanField(_("send notifications by email"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: email {'on' if self.email_enabled else 'off'}"
