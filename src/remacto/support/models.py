"""The support desk (issue 14, point 5).

- ``Ticket``: a question a member collectivity's staff put to the network team, in one category, with its status
  and the date its first answer is due (working days after it was opened, ``cases.calendar``);
- ``TicketMessage``: a reply of either side, or an internal note the network team alone reads;
- ``TicketAttachment``: a PDF or photo sent with a message (checked like every upload);
- ``ResponseTarget``: how many working days the network team gives itself for a first answer, per category
  (rule data network admins edit);
- ``FaqEntry``: a frequent answer published for everyone, reworded without the member or the person who asked.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remacto.core.models import LimitedTextField
from remacto.core.text import normalise

SUBJECT_MAX_LENGTH = 200
BODY_MAX_LENGTH = 8000
QUESTION_MAX_LENGTH = 300
DEFAULT_TARGET_DAYS = 2


class Category(models.TextChoices):
    PLATFORM = "platform", _("Platform use")
    METHODOLOGY = "methodology", _("Programme methodology")
    LEGAL = "legal", _("Legal question")
    TECHNICAL = "technical", _("Technical problem")
    TRAINING = "training", _("Training request")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    OPEN = "open", pgettext_lazy("support ticket status", "open")
    WAITING = "waiting", pgettext_lazy("support ticket status", "waiting for the member")
    ANSWERED = "answered", pgettext_lazy("support ticket status", "answered")
    CLOSED = "closed", pgettext_lazy("support ticket status", "closed")


class ResponseTarget(models.Model):
    """The working days the network team has to give a first answer to a ticket of ``category``."""

    category = models.CharField(_("category"), max_length=20, choices=Category.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("working days for a first answer"), default=DEFAULT_TARGET_DAYS)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["category"]
        verbose_name = _("response-time target")
        verbose_name_plural = _("response-time targets")

    def __str__(self) -> str:
        return f"{self.category}: {self.working_days}"


class Ticket(models.Model):
    collectivity = models.ForeignKey(
        "territories.Collectivity", verbose_name=_("member"), on_delete=models.PROTECT, related_name="support_tickets"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="support_tickets"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    due = models.DateField(_("first answer due"))
    first_answered_on = models.DateField(_("first answered on"), null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("support ticket")
        verbose_name_plural = _("support tickets")
        indexes = [
            models.Index(fields=["status", "due"], name="ticket_status_due"),
            models.Index(fields=["collectivity", "opened_at"], name="ticket_member_opened"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("support:ticket", args=[self.pk])


class TicketMessage(models.Model):
    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = LimitedTextField(_("message"), max_length=BODY_MAX_LENGTH)
    from_network = models.BooleanField(_("from the network team"), default=False)
    is_internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["ticket", "created_at", "id"]
        verbose_name = _("ticket message")
        verbose_name_plural = _("ticket messages")

    def __str__(self) -> str:
        return f"{self.ticket_id}: {self.body[:40]}"


class TicketAttachment(models.Model):
    message = models.ForeignKey(TicketMessage, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="support/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["message", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class FaqEntry(models.Model):
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    question = models.CharField(_("question"), max_length=QUESTION_MAX_LENGTH)
    answer = LimitedTextField(_("answer"), max_length=BODY_MAX_LENGTH)
    source = models.ForeignKey(Ticket, null=True, blank=True, on_delete=models.SET_NULL, related_name="faq_entries")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    is_sample = models.BooleanField(default=False, editable=False)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self) -> str:
        return self.question

    def save(self, *args, **kwargs):
        self.search_text = normalise(f"{self.question} {self.answer}")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("support:faq_entry", args=[self.pk])
