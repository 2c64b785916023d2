"""Petitions, their signatures and the signature thresholds.

A ``Petition`` is filed by an agent (citizens' petition) or by the legal representative of an association. It is a
draft until its petitioner opens the collection of ``Signature`` rows (online, or typed by staff from paper lists);
once the ``Threshold`` of its council is reached it is submitted and becomes a ``cases.Case`` (number, receipt,
decision deadline, status history); short of it once the grace period for paper lists after its closing date
(``Threshold.grace_days``) has passed, it lapses. A signature names its signer only through a keyed hash of the
national ID (CIN) number (law 09-08): never the number itself.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from remacto.core.models import LimitedTextField, TimeStampedModel
from remacto.territories.models import Collectivity

from .defaults import GRACE_DAYS


class Threshold(models.Model):
    """The signatures a petition to a council of ``kind`` needs, for a population band (``min_population``
    included, ``max_population`` excluded, no upper bound when empty), or for communes with arrondissements."""

    kind = models.CharField(_("council"), max_length=20, choices=Collectivity.Kind.choices)
    min_population = models.PositiveIntegerField(_("from (inhabitants)"), default=0)
    max_population = models.PositiveIntegerField(
        _("below (inhabitants)"), null=True, blank=True, help_text=_("Empty: no upper bound.")
    )
    with_arrondissements = models.BooleanField(_("communes with arrondissements"), default=False)
    signatures = models.PositiveIntegerField(_("signatures required"))
    province_share = models.PositiveSmallIntegerField(
        _("share required in each prefecture or province (%)"),
        default=0,
        help_text=_("Regions: at least this percentage of the required number must reside in each of them."),
    )
    legal_source = models.CharField(_("legal source"), max_length=300)
    to_confirm = models.BooleanField(_("to be confirmed"), default=False)
    grace_days = models.PositiveSmallIntegerField(
        _("days to type paper lists after the closing date"),
        default=GRACE_DAYS,
        help_text=_(
            "Paper lists collected before the closing date may be typed during these days; then a petition short "
            "of signatures lapses."
        ),
    )
    grace_to_confirm = models.BooleanField(_("grace period to be confirmed"), default=True)

    class Meta:
        ordering = ["kind", "with_arrondissements", "min_population"]
        verbose_name = _("petition threshold")
        verbose_name_plural = _("petition thresholds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_population__isnull=True)
                | models.Q(max_population__gt=models.F("min_population")),
                name="petition_threshold_band_not_empty",
            ),
            models.CheckConstraint(condition=models.Q(province_share__lte=100), name="petition_threshold_share_pct"),
            models.CheckConstraint(condition=models.Q(signatures__gte=1), name="petition_threshold_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.signatures}"


class Petition(TimeStampedModel):
    """A petition asking a council to put a point within its powers on its agenda."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        COLLECTING = "collecting", _("collecting signatures")
        SUBMITTED = "submitted", _("submitted")
        REVIEW = "review", _("bureau review")
        ACCEPTED = "accepted", _("accepted, on the agenda")
        REJECTED = "rejected", _("rejected")
        EXAMINED = "examined", _("examined in session")
        LAPSED = "lapsed", _("lapsed: not enough signatures")

    class Kind(models.TextChoices):
        CITIZENS = "citizens", _("citizens' petition (through an agent)")
        ASSOCIATION = "association", _("association's petition (through its legal representative)")

    collectivity = models.ForeignKey(
        Collectivity, verbose_name=_("council addressed"), on_delete=models.PROTECT, related_name="petitions"
    )
    kind = models.CharField(_("petition by"), max_length=12, choices=Kind.choices)
    petitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agent or legal representative"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="petitions",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("association"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    conditions = models.JSONField(_("admissibility conditions confirmed"), default=list, blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    reasons = LimitedTextField(_("reasons"), max_length=6000)
    expected_outcome = LimitedTextField(_("expected outcome"), max_length=3000)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    threshold = models.ForeignKey(
        Threshold, verbose_name=_("threshold"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    required_signatures = models.PositiveIntegerField(_("signatures required"), null=True, blank=True)
    province_share = models.PositiveSmallIntegerField(_("share required in each province (%)"), default=0)
    collection_opened_on = models.DateField(_("collection opened on"), null=True, blank=True)
    closes_on = models.DateField(_("collection closes on"), null=True, blank=True)
    signature_count = models.PositiveIntegerField(_("signatures"), default=0)
    case = models.OneToOneField(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, null=True, blank=True, related_name="petition"
    )
    session_date = models.DateField(_("ordinary session"), null=True, blank=True)
    committee = models.CharField(_("standing committee"), max_length=200, blank=True)
    decision = LimitedTextField(_("decision"), max_length=6000, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    outcome = LimitedTextField(_("outcome of the session"), max_length=6000, blank=True)
    lapsed_on = models.DateField(_("lapsed on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [models.Index(fields=["collectivity", "status"], name="petition_member_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="citizens", organisation__isnull=True)
                | models.Q(kind="association", organisation__isnull=False),
                name="petition_association_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", kwargs={"pk": self.pk})

    @property
    def number(self) -> str:
        return self.case.number if self.case_id else ""


class Signature(models.Model):
    """One person's signature of a petition, online or from a paper list; ``cin_hash`` names the person."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("online")
        PAPER = "paper", _("paper list")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    cin_hash = models.CharField(max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    full_name = models.CharField(_("full name"), max_length=160)
    show_name = models.BooleanField(_("name shown publicly"), default=False)
    province = models.ForeignKey(
        "territories.Province",
        verbose_name=_("prefecture or province of residence"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_on = models.DateField(_("signed on"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        constraints = [
            models.UniqueConstraint(fields=["petition", "cin_hash"], name="one_signature_per_person"),
            models.UniqueConstraint(
                fields=["petition", "user"], condition=models.Q(user__isnull=False), name="one_signature_per_account"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.get_channel_display()}"
