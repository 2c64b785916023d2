"""The network's events and trainings: national meetings, regional meetings and a collectivity's own events, with
their agenda, speakers and outputs; registrations with a capacity and a waiting list; attendance at the door.

A training is an event of kind ``training`` (topic, audience, trainer, remote or in person, materials): the same
registration and attendance mechanism serves both. Dates and times are Moroccan time (``TIME_ZONE``).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remacto.core.models import LimitedTextField, TimeStampedModel


def time_range(start: datetime.time, end: datetime.time | None) -> str:
    """``09:30–14:00`` (or the start alone), to show as one left-to-right run."""
    return start.strftime("%H:%M") + (f"–{end.strftime('%H:%M')}" if end else "")


class Kind(models.TextChoices):
    MEETING = "meeting", _("meeting")
    TRAINING = "training", _("training")


class Level(models.TextChoices):
    NATIONAL = "national", _("national")
    REGIONAL = "regional", _("regional")
    COLLECTIVITY = "collectivity", _("collectivity")


class Topic(models.TextChoices):
    PETITIONS = "petitions", _("Petitions")
    INFORMATION = "information", _("Access to information")
    PARTICIPATORY_DEMOCRACY = "participatory_democracy", _("Participatory democracy")
    ADVISORY_BODIES = "advisory_bodies", _("Advisory bodies")
    FACILITATION = "facilitation", _("Facilitation of multi-stakeholder workshops")
    OPENNESS = "openness", _("Openness principles and method")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    REMOTE = "remote", _("remote")


class Category(models.TextChoices):
    """Who takes part, as the seeds' meetings list them."""

    ELECTED = "elected", _("elected official")
    FOCAL_POINT = "focal_point", _("focal point")
    STAFF = "staff", _("staff of a collectivity")
    ADVISORY_BODY = "advisory_body", _("advisory body representative")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    PARTNER = "partner", _("partner or institution")
    CITIZEN = "citizen", _("citizen")


class Event(TimeStampedModel):
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MEETING)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("organising collectivity"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Empty when the network organises the event."),
    )
    region = models.ForeignKey(
        "territories.Region", verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme or slogan"), max_length=300, blank=True)
    description = LimitedTextField(_("description"), max_length=6000, blank=True)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=200)
    organisers = models.CharField(_("organisers"), max_length=400)
    partners = models.CharField(_("partners"), max_length=600, blank=True)
    categories = models.JSONField(_("participant categories"), default=list, blank=True)
    expected_headcount = models.PositiveIntegerField(_("expected headcount"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True, help_text=_("Empty: no limit."))
    waiting_list = models.BooleanField(_("waiting list when full"), default=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    recommendations = LimitedTextField(_("recommendations"), max_length=8000, blank=True)
    # Trainings
    topic = models.CharField(_("topic"), max_length=32, choices=Topic.choices, blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True)
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices, default=Mode.IN_PERSON)
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-start_time", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_on"], name="events_event_starts")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="events_event_dates"),
            models.CheckConstraint(
                condition=~Q(level="collectivity") | Q(collectivity__isnull=False), name="events_collectivity_level"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", kwargs={"pk": self.pk})

    def starts_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.starts_on, self.start_time))

    def ends_at(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.ends_on, self.end_time))

    @property
    def time_range(self) -> str:
        return time_range(self.start_time, self.end_time)

    @property
    def is_training(self) -> bool:
        return self.kind == Kind.TRAINING

    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [str(labels[value]) for value in self.categories if value in labels]


class AgendaItem(models.Model):
    """One slot of the programme; items sharing a ``parallel_group`` on the same day run at the same time."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    parallel_group = models.CharField(_("parallel workshops"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["day", "starts_at", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    @property
    def time_range(self) -> str:
        return time_range(self.starts_at, self.ends_at)


class Speaker(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=160)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return self.name


class Output(models.Model):
    """A document, a photo or (for trainings) a material of the event."""

    class Type(models.TextChoices):
        DOCUMENT = "document", _("document")
        PHOTO = "photo", _("photo")
        MATERIAL = "material", _("training material")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="outputs")
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="events/%Y/")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["type", "added_at", "pk"]
        verbose_name = _("event output")
        verbose_name_plural = _("event outputs")

    def __str__(self) -> str:
        return self.title


class Status(models.TextChoices):
    CONFIRMED = "confirmed", _("registered")
    WAITING = "waiting", _("on the waiting list")
    CANCELLED = "cancelled", _("cancelled")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    category = models.CharField(_("participant category"), max_length=16, choices=Category.choices)
    collectivity = models.ForeignKey(
        "territories.Collectivity",
        verbose_name=_("collectivity"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    attended_at = models.DateTimeField(_("present"), null=True, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="events_registration_once")]
        indexes = [models.Index(fields=["event", "status"], name="events_registration_status")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"
