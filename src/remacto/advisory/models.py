"""Advisory bodies of a collectivity (art. 117 of organic law 111.14, art. 111 of 112.14, art. 120 of 113.14),
their members and meetings, the opinion requests the council or its president sends them on a draft, and their
opinions.

A request is a case of the ``cases`` core (procedure ``opinion``): its number, status history and deadline live
there. Requests migrated from the co-creation opinions have no case: no request had been recorded for them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from remacto.core.models import LimitedTextField, TimeStampedModel


class BodyKind(models.TextChoices):
    EQUITY = "equity", _("Equity, equal opportunity and gender approach body")
    YOUTH = "youth", _("Youth affairs advisory body")
    ECONOMIC = "economic", _("Economic affairs advisory body")
    STANDING_COMMITTEE = "standing_committee", _("Standing committee of the council")


# Which bodies each kind of collectivity has: the equity body everywhere, youth and economic bodies for regions.
# Standing committees also give opinions on drafts (the co-creation opinions recorded some).
ALLOWED_KINDS = {
    "region": (BodyKind.EQUITY, BodyKind.YOUTH, BodyKind.ECONOMIC, BodyKind.STANDING_COMMITTEE),
    "prefecture_council": (BodyKind.EQUITY, BodyKind.STANDING_COMMITTEE),
    "province_council": (BodyKind.EQUITY, BodyKind.STANDING_COMMITTEE),
    "commune": (BodyKind.EQUITY, BodyKind.STANDING_COMMITTEE),
}
# At most one body of these kinds per collectivity (the law creates one each).
SINGLE_KINDS = (BodyKind.EQUITY, BodyKind.YOUTH, BodyKind.ECONOMIC)


class Body(TimeStampedModel):
    """An advisory body (or a standing committee) of a collectivity's council."""

    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivity"),
        on_delete=models.PROTECT,
        related_name="advisory_bodies",
    )
    kind = models.CharField(_("kind of body"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("name of the body"), max_length=200)
    description = LimitedTextField(_("description"), max_length=4000, blank=True)

    class Meta:
        ordering = ["collectivity", "kind", "name"]
        verbose_name = _("advisory body")
        verbose_name_plural = _("advisory bodies")
        constraints = [models.UniqueConstraint(fields=["collectivity", "name"], name="advisory_body_name_once")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("advisory:body", kwargs={"slug": self.collectivity.slug, "pk": self.pk})


class BureauRole(models.TextChoices):
    PRESIDENT = "president", _("president")
    VICE_PRESIDENT = "vice_president", _("vice-president")
    RAPPORTEUR = "rapporteur", _("rapporteur")
    MEMBER = "member", _("member")


BUREAU = (BureauRole.PRESIDENT, BureauRole.VICE_PRESIDENT, BureauRole.RAPPORTEUR)


class Member(models.Model):
    """A member of a body: a user holding the advisory-member role in the collectivity, or a named external
    member without an account."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=160, blank=True)
    affiliation = models.CharField(_("association or affiliation"), max_length=200, blank=True)
    role = models.CharField(_("role in the bureau"), max_length=20, choices=BureauRole.choices)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["body", "role", "name", "id"]
        verbose_name = _("member of an advisory body")
        verbose_name_plural = _("members of advisory bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "user"], condition=Q(user__isnull=False), name="advisory_member_once"
            ),
            models.UniqueConstraint(fields=["body"], condition=Q(role="president"), name="advisory_one_president"),
            models.CheckConstraint(condition=Q(user__isnull=False) | ~Q(name=""), name="advisory_member_named"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name or (str(self.user) if self.user_id else "")

    @property
    def in_bureau(self) -> bool:
        return self.role in BUREAU


class Meeting(models.Model):
    """A meeting of a body: its date and agenda, then its minutes (text and signed PDF)."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    agenda = LimitedTextField(_("agenda"), max_length=4000)
    minutes = LimitedTextField(_("minutes"), max_length=10000, blank=True)
    minutes_document = models.FileField(_("signed minutes"), upload_to="advisory/minutes/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("meeting of an advisory body")
        verbose_name_plural = _("meetings of advisory bodies")

    def __str__(self) -> str:
        return f"{self.body} — {self.held_on}"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("opinion requested")
    GIVEN = "given", _("opinion given")
    CLOSED = "closed", _("closed without an opinion")


class SubjectKind(models.TextChoices):
    PROGRAMME = "programme", _("draft openness action programme")
    BUDGET = "budget", _("draft budget")
    PB_RULES = "pb_rules", _("rules of a participatory budget campaign")


class AskedBy(models.TextChoices):
    COUNCIL = "council", _("the council")
    PRESIDENT = "president", _("the president of the council")


class OpinionRequest(TimeStampedModel):
    """The council's or its president's request for a body's opinion on a draft, with its deadline (a case)."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="requests")
    case = models.OneToOneField(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="opinion_request"
    )
    asked_by = models.CharField(_("requested by"), max_length=20, choices=AskedBy.choices, default=AskedBy.COUNCIL)
    subject_kind = models.CharField(_("draft"), max_length=20, choices=SubjectKind.choices)
    programme = models.ForeignKey(
        "cocreation.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinion_requests",
    )
    campaign = models.ForeignKey(
        "budgets.Campaign",
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinion_requests",
    )
    subject_title = models.CharField(_("title of the draft"), max_length=200, blank=True)
    subject_description = LimitedTextField(_("description of the draft"), max_length=4000, blank=True)
    subject_document = models.FileField(_("draft document"), upload_to="advisory/drafts/%Y/", blank=True)
    question = LimitedTextField(_("question put to the body"), max_length=2000, blank=True)
    received_on = models.DateField(_("received by the body on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # The co-creation Opinion this request was made from by the data migration (none for requests made here).
    legacy_opinion_id = models.PositiveIntegerField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("opinion request")
        verbose_name_plural = _("opinion requests")
        constraints = [
            models.CheckConstraint(
                condition=(Q(subject_kind="programme") & Q(programme__isnull=False) & Q(campaign__isnull=True))
                | (Q(subject_kind="pb_rules") & Q(campaign__isnull=False) & Q(programme__isnull=True))
                | (Q(subject_kind="budget") & Q(programme__isnull=True) & Q(campaign__isnull=True)),
                name="advisory_request_subject_matches_kind",
            )
        ]

    def __str__(self) -> str:
        return self.case.number if self.case_id else f"{self.body} — {self.subject}"

    @property
    def subject(self):
        """What the opinion is about: the programme, the campaign or the budget's title."""
        return self.programme or self.campaign or self.subject_title

    @property
    def status(self) -> str:
        if self.case_id:
            return self.case.status
        return RequestStatus.GIVEN

    def get_status_display(self) -> str:
        return str(dict(RequestStatus.choices).get(self.status, self.status))

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.REQUESTED

    def get_absolute_url(self) -> str:
        return reverse("advisory:request", kwargs={"slug": self.body.collectivity.slug, "pk": self.pk})


class Opinion(models.Model):
    """A body's opinion on the draft of a request: the text, the body's vote, its recommendations, the document."""

    request = models.OneToOneField(OpinionRequest, on_delete=models.CASCADE, related_name="opinion")
    received_on = models.DateField(_("adopted on"))
    text = LimitedTextField(_("opinion"), max_length=10000)
    votes_for = models.PositiveIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    recommendations = models.JSONField(_("recommendations"), default=list, blank=True)
    document = models.FileField(_("document"), upload_to="opinions/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("advisory opinion")
        verbose_name_plural = _("advisory opinions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(votes_for__isnull=True) & Q(votes_against__isnull=True) & Q(votes_abstain__isnull=True))
                | (Q(votes_for__isnull=False) & Q(votes_against__isnull=False) & Q(votes_abstain__isnull=False)),
                name="advisory_vote_all_or_nothing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.request.body} — {self.received_on}"

    @property
    def has_vote(self) -> bool:
        return self.votes_for is not None
