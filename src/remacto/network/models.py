"""Membership applications of collectivities and news posts of the network and of its members.

A ``MembershipApplication`` is made by a signed-in person for a collectivity that is not yet a member: the
council's deliberation (PDF), the charter version accepted and the focal point named with a contact. A network
admin decides with a public text; acceptance creates the ``territories.Membership``. A ``NewsPost`` belongs to
one member's space, or to the network home when it has no collectivity.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from remacto.core.models import LimitedTextField, TimeStampedModel


class MembershipApplication(TimeStampedModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivity"),
        on_delete=models.CASCADE,
        related_name="membership_applications",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("applicant"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="ar")
    deliberation = models.FileField(_("council deliberation (PDF)"), upload_to="network/applications/")
    charter = models.ForeignKey(
        "territories.Charter", verbose_name=_("charter accepted"), on_delete=models.PROTECT, related_name="+"
    )
    focal_name = models.CharField(_("focal point's name"), max_length=120)
    focal_title = models.CharField(_("focal point's title"), max_length=120)
    focal_email = models.EmailField(_("focal point's email"))
    focal_phone = models.CharField(_("focal point's phone"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_text = LimitedTextField(_("public decision"), blank=True, max_length=2000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    cohort_year = models.PositiveSmallIntegerField(_("cohort year"), null=True, blank=True)
    focal_role_granted = models.BooleanField(_("focal point role granted"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity"], condition=models.Q(status="pending"), name="one_pending_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.collectivity} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("network:application", kwargs={"pk": self.pk})


class NewsPost(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news",
        help_text=_("Empty for news of the network itself."),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = LimitedTextField(_("text (Markdown)"), max_length=20000)
    image = models.ImageField(_("image"), upload_to="network/news/", blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        indexes = [models.Index(fields=["collectivity", "status", "-published_at"], name="news_listing")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.collectivity_id:
            return reverse("network:member_post", kwargs={"slug": self.collectivity.slug, "pk": self.pk})
        return reverse("network:post", kwargs={"pk": self.pk})
