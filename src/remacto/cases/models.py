"""The case core shared by the procedures that give citizens a right with a legal deadline (issue 13).

- ``Case``: one request, petition or opinion request toward a collectivity; its ``status`` is the procedure's own
  value (each procedure app defines and checks its statuses), its ``number`` is given when it is opened;
- ``CaseEvent``: the status history (who, when, what, why), public or kept for staff;
- ``CaseDocument``: a document of the case, public or private;
- ``Deadline``: a legal clock on the case, in working or calendar days from a start date; its due date is
  computed by ``cases.calendar`` and recomputed when the holiday table is corrected;
- ``IslamicHoliday``: the holidays whose dates are announced each year, edited by network admins;
- ``CaseCounter``: the last sequence number given per collectivity, procedure and year.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remacto.core.models import LimitedTextField, TimeStampedModel

NOTE_MAX_LENGTH = 4000


class Case(TimeStampedModel):
    """A matter with a legal clock brought to a collectivity."""

    class Procedure(models.TextChoices):
        INFORMATION = "information", _("Access to information")
        PETITION = "petition", _("Petition")
        OPINION = "opinion", _("Advisory opinion")

    collectivity = models.ForeignKey(
        "territories.Collectivity", verbose_name=_("collectivity"), on_delete=models.PROTECT, related_name="cases"
    )
    procedure = models.CharField(_("procedure"), max_length=20, choices=Procedure.choices)
    number = models.CharField(_("number"), max_length=40)
    status = models.CharField(_("status"), max_length=40)
    received_on = models.DateField(_("received on"))
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [models.UniqueConstraint(fields=["collectivity", "number"], name="case_number_per_collectivity")]
        indexes = [models.Index(fields=["procedure", "received_on"], name="case_procedure_received")]

    def __str__(self) -> str:
        return self.number


class CaseCounter(models.Model):
    """The last sequence number given to a case of one procedure, in one collectivity and year."""

    collectivity = models.ForeignKey("territories.Collectivity", on_delete=models.CASCADE, related_name="+")
    procedure = models.CharField(max_length=20, choices=Case.Procedure.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collectivity", "procedure", "year"], name="one_counter_per_sequence")
        ]

    def __str__(self) -> str:
        return f"{self.procedure}-{self.year}: {self.last}"


class CaseEvent(models.Model):
    """One step of a case's history: who moved it to which status, when and why."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("when"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=40)
    note = LimitedTextField(_("reason"), max_length=NOTE_MAX_LENGTH, blank=True)
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        ordering = ["case", "at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case}: {self.status}"


class CaseDocument(models.Model):
    """A document of a case (PDF or photo), shown to everyone who sees the case when public, else to staff."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="cases/%Y/%m/")
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["case", "uploaded_at", "id"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")

    def __str__(self) -> str:
        return self.title


class Deadline(models.Model):
    """A legal clock on a case: ``amount`` working or calendar days after ``start``, due on ``due``."""

    class Unit(models.TextChoices):
        WORKING = "working", _("working days")
        CALENDAR = "calendar", _("calendar days")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.SlugField(_("kind"), max_length=40)
    start = models.DateField(_("start"))
    amount = models.PositiveIntegerField(_("days"))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    due = models.DateField(_("due on"))
    counts_for_answer = models.BooleanField(
        _("counts for the answer"), default=False, help_text=_("The deadline the transparency figures judge by.")
    )
    met_on = models.DateField(_("met on"), null=True, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    half_reminded_at = models.DateTimeField(null=True, blank=True)
    soon_reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "due", "id"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        indexes = [
            models.Index(
                fields=["due"], name="deadline_open_due", condition=models.Q(met_on__isnull=True, cancelled=False)
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=models.Q(met_on__isnull=True, cancelled=False),
                name="one_open_deadline_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case} {self.kind}: {self.due}"

    @property
    def is_open(self) -> bool:
        return self.met_on is None and not self.cancelled


class IslamicHoliday(models.Model):
    """An Islamic public holiday of one Hijri year, on the Gregorian date announced (or expected) in Morocco."""

    class Key(models.TextChoices):
        EID_AL_FITR = "eid_al_fitr", _("Eid al-Fitr")
        EID_AL_ADHA = "eid_al_adha", _("Eid al-Adha")
        ISLAMIC_NEW_YEAR = "islamic_new_year", _("Islamic New Year (1 Muharram)")
        MAWLID = "mawlid", _("Mawlid (the Prophet's birthday)")

    key = models.CharField(_("holiday"), max_length=20, choices=Key.choices)
    date = models.DateField(_("first day"))
    hijri_year = models.PositiveSmallIntegerField(_("Hijri year"))
    expected = models.BooleanField(
        _("expected date"), default=True, help_text=_("Not yet confirmed by the official announcement.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["date", "key"]
        verbose_name = _("Islamic holiday")
        verbose_name_plural = _("Islamic holidays")
        constraints = [models.UniqueConstraint(fields=["key", "hijri_year"], name="one_islamic_holiday_per_hijri_year")]

    def __str__(self) -> str:
        return f"{self.get_key_display()} {self.hijri_year} ({self.date})"
