"""Access to information under law 31.13, on the case core (:mod:`remacto.cases`).

- ``InformationRequest``: a request for information addressed to a member collectivity, filed online by a
  signed-in person or recorded by staff from paper or email with its real date of receipt. Its clock, number,
  status and history live on its ``cases.Case``; this model keeps what is particular to the procedure: the
  information asked for, urgency, the officer in charge, the extension, the answer or the refusal and its legal
  reason, and whether the answer is published for everyone (without the requester's identity);
- ``Complaint``: the requester's complaint to the head of the collectivity, and its answer;
- ``DisclosureDocument``: what the collectivity publishes of its own accord (budget, deliberations, programmes…).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remacto.core.models import LimitedTextField, TimeStampedModel
from remacto.core.text import normalise

SUBJECT_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 4000
ANSWER_MAX_LENGTH = 8000


class Status(models.TextChoices):
    """The statuses of an information request (stored on its case)."""

    RECEIVED = "received", pgettext_lazy("information request status", "received")
    EXTENDED = "extended", pgettext_lazy("information request status", "deadline extended")
    ANSWERED = "answered", pgettext_lazy("information request status", "answered")
    REFUSED = "refused", pgettext_lazy("information request status", "refused")
    COMPLAINT = "complaint", pgettext_lazy("information request status", "complaint to the head of the collectivity")
    COMPLAINT_ANSWERED = "complaint_answered", pgettext_lazy("information request status", "complaint answered")


class InformationRequest(TimeStampedModel):
    """A request for information held by a collectivity (law 31.13)."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("on paper")
        EMAIL = "email", _("by email")

    class RequesterKind(models.TextChoices):
        CITIZEN = "citizen", _("Moroccan citizen")
        RESIDENT = "resident", _("foreigner legally resident in Morocco")

    class RefusalReason(models.TextChoices):
        NOT_HELD = "not_held", _("the collectivity does not hold this information")
        EXCEPTION = "exception", _("an exception of article 7 of law 31.13 applies")
        PUBLISHED = "published", _("the information is already published")
        REPEATED = "repeated", _("repeated request")
        UNCLEAR = "unclear", _("the request is not clear")
        IN_PREPARATION = "in_preparation", _("the information is being prepared")
        ARCHIVES = "archives", _("the information is held by the archives")

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="information_request")
    subject = models.CharField(_("information requested"), max_length=SUBJECT_MAX_LENGTH)
    details = LimitedTextField(_("details"), max_length=TEXT_MAX_LENGTH, blank=True)
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    requester_kind = models.CharField(_("requester"), max_length=10, choices=RequesterKind.choices)
    requester_name = models.CharField(_("requester's name"), max_length=120)
    requester_contact = models.CharField(
        _("requester's address or contact"),
        max_length=200,
        blank=True,
        help_text=_("For requests received on paper or by email: where to send the answer. Staff only."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_urgent = models.BooleanField(_("urgent"), default=False)
    urgency_reason = LimitedTextField(_("why it is urgent"), max_length=1000, blank=True)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    extension_reason = LimitedTextField(_("reasons for the extension"), max_length=TEXT_MAX_LENGTH, blank=True)
    extended_on = models.DateField(_("extended on"), null=True, blank=True)
    answer = LimitedTextField(_("answer"), max_length=ANSWER_MAX_LENGTH, blank=True)
    disclosure = models.ForeignKey(
        "DisclosureDocument",
        verbose_name=_("published document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    answer_document = models.ForeignKey(
        "cases.CaseDocument", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    refusal_reason = models.CharField(_("legal reason"), max_length=20, choices=RefusalReason.choices, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_question = LimitedTextField(_("question as published"), max_length=TEXT_MAX_LENGTH, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-case__received_on", "-id"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        indexes = [
            models.Index(
                fields=["published_at"], name="information_published", condition=models.Q(published_at__isnull=False)
            )
        ]

    def __str__(self) -> str:
        return self.case.number

    @property
    def number(self) -> str:
        return self.case.number

    @property
    def collectivity(self):
        return self.case.collectivity

    @property
    def status(self) -> str:
        return self.case.status

    def get_status_display(self) -> str:
        return str(Status(self.case.status).label) if self.case.status in Status.values else self.case.status

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_refusal(self) -> bool:
        return bool(self.refusal_reason)

    def get_absolute_url(self) -> str:
        return reverse("information:request", kwargs={"slug": self.case.collectivity.slug, "pk": self.pk})

    def get_public_url(self) -> str:
        return reverse("information:answer", kwargs={"slug": self.case.collectivity.slug, "pk": self.pk})

    def save(self, *args, **kwargs):
        self.search_text = normalise(" ".join(filter(None, (self.published_question, self.answer))))
        super().save(*args, **kwargs)


class Complaint(models.Model):
    """The requester's complaint to the head of the collectivity (art. 19), and the answer recorded by staff."""

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("upheld: the information will be given")
        REJECTED = "rejected", _("rejected: the first answer stands")

    request = models.OneToOneField(InformationRequest, on_delete=models.CASCADE, related_name="complaint")
    text = LimitedTextField(_("complaint"), max_length=TEXT_MAX_LENGTH)
    lodged_on = models.DateField(_("lodged on"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    answer = LimitedTextField(_("answer of the head of the collectivity"), max_length=TEXT_MAX_LENGTH, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")

    def __str__(self) -> str:
        return str(self.request)


class DisclosureDocument(TimeStampedModel):
    """A document a collectivity publishes of its own accord (proactive disclosure, art. 10 of law 31.13)."""

    class Category(models.TextChoices):
        BUDGET = "budget", _("budget")
        DELIBERATIONS = "deliberations", _("deliberations")
        PROGRAMMES = "programmes", _("programmes")
        OTHER = "other", _("other")

    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivity"),
        on_delete=models.CASCADE,
        related_name="disclosures",
    )
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    published_on = models.DateField(_("date"))
    file = models.FileField(_("file"), upload_to="information/disclosures/%Y/", blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    description = LimitedTextField(_("description"), max_length=2000, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("published document")
        verbose_name_plural = _("published documents")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(link=""), name="disclosure_has_file_or_link"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("information:disclosure", kwargs={"slug": self.collectivity.slug, "pk": self.pk})

    def get_file_url(self) -> str:
        if self.file:
            return reverse("information:disclosure_file", kwargs={"slug": self.collectivity.slug, "pk": self.pk})
        return self.link

    def save(self, *args, **kwargs):
        self.search_text = normalise(f"{self.title} {self.description}")
        super().save(*args, **kwargs)
