"""Implementation of an adopted programme, followed and judged together: the half of the cycle after adoption.

Every adopted ``cocreation.Project`` is followed through:

- ``ProjectAssignment``: the staff of the responsible unit who, with the focal point, post progress;
- ``ProgressUpdate`` (physical progress %, narrative, ``UpdatePhoto``/``UpdateDocument``), ``ActivityStatus``
  (the status of an activity with its real dates) and ``IndicatorValue`` (an indicator measured on a date): each
  is a dated record kept for ever, never overwritten; the latest one is the current state;
- ``SpendingLine``: money committed or paid, typed by hand or imported from the finance department's file
  (``SpendingImport``, all or nothing with a row report);
- ``Alert``: a divergence found by the scheduled checks, open until its cause is gone, acknowledged with a note;
- ``Observation``: what a resident saw on the ground, moderated like every contribution, answered publicly by
  the responsible unit; ``ReviewMeeting`` (with ``ReviewDecision``\\ s): the follow-up committee's periodic
  review, minuted on the programme;
- ``Evaluation`` of a project or of the whole programme: a short questionnaire for citizens (``CitizenAnswer``,
  one per person) and a scorecard per committee member (``Scorecard`` of ``Score``\\ s, one per
  ``EvaluationCriterion`` of the programme).

Rows marked ``is_sample`` are demo data.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from remacto.cocreation.import_jobs import ImportProgress
from remacto.core.models import LimitedTextField, TimeStampedModel
from remacto.participation.models import ParticipationTarget

AMOUNT = {"max_digits": 16, "decimal_places": 2}
"""MAD amounts, as the finance department writes them (cents allowed)."""

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]
RATING = [MinValueValidator(1), MaxValueValidator(5)]


def _sample_field():
    return models.BooleanField(_("sample data"), default=False, help_text=_("Demo data, not a real record."))


class ProjectAssignment(models.Model):
    """A member of the responsible unit's staff, allowed to post the progress of one project."""

    project = models.ForeignKey("cocreation.Project", on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="project_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        ordering = ["project", "assigned_at", "id"]
        verbose_name = _("project assignment")
        verbose_name_plural = _("project assignments")
        constraints = [models.UniqueConstraint(fields=["project", "user"], name="one_assignment_per_project_user")]

    def __str__(self) -> str:
        return f"{self.project}: {self.user}"


class ProgressUpdate(TimeStampedModel):
    """A dated report on a project's physical progress. Kept for ever: a correction is a new update."""

    project = models.ForeignKey("cocreation.Project", on_delete=models.CASCADE, related_name="progress_updates")
    reported_on = models.DateField(_("date of the situation"))
    progress = models.PositiveSmallIntegerField(_("physical progress %"), validators=PERCENT)
    narrative = LimitedTextField(_("what was done"), max_length=4000)
    decrease_reason = models.CharField(
        _("reason for lower progress"),
        max_length=500,
        blank=True,
        help_text=_("Required when progress is lower than in the previous update."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="progress_updates"
    )
    is_sample = _sample_field()

    class Meta:
        ordering = ["project", "-reported_on", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        indexes = [models.Index(fields=["project", "-reported_on", "-id"], name="update_latest_first")]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="update_progress_at_most_100")]

    def __str__(self) -> str:
        return f"{self.project}: {self.progress}% ({self.reported_on})"


class UpdatePhoto(models.Model):
    """A photo of a progress update (JPEG or PNG, re-encoded without metadata)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="monitoring/photos/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("update photo")
        verbose_name_plural = _("update photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class UpdateDocument(models.Model):
    """A document of a progress update (PDF)."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("document"), upload_to="monitoring/documents/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["id"]
        verbose_name = _("update document")
        verbose_name_plural = _("update documents")

    def __str__(self) -> str:
        return self.name


class ActivityStatus(models.Model):
    """The status of an activity from a date on, with its real start and end. The latest record is current."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        LATE = "late", _("Late")
        CANCELLED = "cancelled", _("Cancelled")

    activity = models.ForeignKey("cocreation.Activity", on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    started_on = models.DateField(_("actual start"), null=True, blank=True)
    finished_on = models.DateField(_("actual end"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    update = models.ForeignKey(
        ProgressUpdate, null=True, blank=True, on_delete=models.SET_NULL, related_name="activity_statuses"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_sample = _sample_field()

    class Meta:
        ordering = ["activity", "-recorded_at", "-id"]
        verbose_name = _("activity status")
        verbose_name_plural = _("activity statuses")
        # The current status of an activity is its latest record: one index step per activity.
        indexes = [models.Index(fields=["activity", "-recorded_at", "-id"], name="activity_status_latest_first")]
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(finished_on__gte=models.F("started_on")),
                name="activity_status_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.status}"


class IndicatorValue(models.Model):
    """An indicator measured on a date (compared with its baseline and target)."""

    indicator = models.ForeignKey("cocreation.Indicator", on_delete=models.CASCADE, related_name="values")
    measured_on = models.DateField(_("measured on"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)
    update = models.ForeignKey(
        ProgressUpdate, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicator_values"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_sample = _sample_field()

    class Meta:
        ordering = ["indicator", "measured_on", "id"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class SpendingImport(ImportProgress, models.Model):
    """One file of budget execution lines from the finance department, checked and imported in the background,
    all or nothing, with a report naming each bad row."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being checked")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    programme = models.ForeignKey("cocreation.Programme", on_delete=models.CASCADE, related_name="spending_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    file = models.FileField(_("file"), upload_to="monitoring/imports/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    language = models.CharField(_("language of the report"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("lines imported"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import of spending lines")
        verbose_name_plural = _("imports of spending lines")

    def __str__(self) -> str:
        return self.name


class SpendingLine(models.Model):
    """An amount committed or paid for a project, as the finance department records it."""

    class Kind(models.TextChoices):
        COMMITTED = "committed", _("Committed")
        PAID = "paid", _("Paid")

    project = models.ForeignKey("cocreation.Project", on_delete=models.CASCADE, related_name="spending_lines")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(_("amount (MAD)"), validators=[MinValueValidator(0)], **AMOUNT)
    spent_on = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=100, help_text=_("The commitment or payment order number."))
    label = models.CharField(_("label"), max_length=300, blank=True)
    source = models.ForeignKey(SpendingImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="lines")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    is_sample = _sample_field()

    class Meta:
        ordering = ["project", "spent_on", "id"]
        verbose_name = _("spending line")
        verbose_name_plural = _("spending lines")
        indexes = [models.Index(fields=["project", "kind"], name="spending_project_kind")]
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="spending_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount}"


class Alert(models.Model):
    """A divergence found by the scheduled checks. Open until its cause is gone; staff acknowledge it with a note.

    At most one unclosed alert per kind and subject (project, or activity for late activities)."""

    class Kind(models.TextChoices):
        DIVERGENCE = "divergence", _("Spending and physical progress diverge")
        ACTIVITY_LATE = "activity_late", _("Activity past its end date")
        NO_UPDATE = "no_update", _("No progress update for 60 days")
        OVERSPENT = "overspent", _("Spending above budget without an amendment")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    project = models.ForeignKey("cocreation.Project", on_delete=models.CASCADE, related_name="alerts")
    activity = models.ForeignKey(
        "cocreation.Activity", null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    details = models.JSONField(_("details"), default=dict, blank=True)
    opened_at = models.DateTimeField(_("opened at"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledgement = models.CharField(_("note"), max_length=1000, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    is_sample = _sample_field()

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        # Open alerts by project (the dashboard's counts): closed ones pile up over the years and are left out.
        indexes = [models.Index(fields=["project"], condition=Q(closed_at__isnull=True), name="alert_open_by_project")]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "project"],
                condition=Q(closed_at__isnull=True, activity__isnull=True),
                name="one_open_alert_per_project_kind",
            ),
            models.UniqueConstraint(
                fields=["kind", "activity"],
                condition=Q(closed_at__isnull=True, activity__isnull=False),
                name="one_open_alert_per_activity_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.kind}"


class Observation(ParticipationTarget, TimeStampedModel):
    """What a resident saw of a project on the ground, answered publicly by the responsible unit."""

    project = models.ForeignKey("cocreation.Project", on_delete=models.CASCADE, related_name="observations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="observations",
    )
    text = LimitedTextField(_("observation"), max_length=2000)
    photo = models.ImageField(_("photo"), upload_to="monitoring/observations/%Y/%m/", blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    answer = LimitedTextField(_("answer"), max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    is_sample = _sample_field()

    url_name = "observation"

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        indexes = [models.Index(fields=["project", "-created_at"], name="observation_project_recent")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def collectivity(self):
        return self.project.programme.collectivity

    def get_absolute_url(self) -> str:
        programme = self.project.programme
        return reverse(
            "monitoring:observation",
            kwargs={"slug": programme.collectivity.slug, "project": self.project_id, "pk": self.pk},
        )

    def accepts(self, action: str, user) -> bool:
        """Comments, follows and reports while the project is being implemented; no supports."""
        return action != "support"


class ReviewMeeting(TimeStampedModel):
    """A periodic review meeting of the follow-up committee, with its minutes."""

    programme = models.ForeignKey("cocreation.Programme", on_delete=models.CASCADE, related_name="review_meetings")
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=300)
    attendees = models.CharField(_("attendees"), max_length=1000, blank=True)
    minutes = LimitedTextField(_("minutes"), max_length=10000)
    document = models.FileField(_("signed minutes (PDF)"), upload_to="monitoring/minutes/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    is_sample = _sample_field()

    class Meta:
        ordering = ["programme", "-held_on", "-id"]
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")

    def __str__(self) -> str:
        return self.title


class ReviewDecision(models.Model):
    """A decision of a review meeting, on one project or on the programme as a whole."""

    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="decisions")
    project = models.ForeignKey(
        "cocreation.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_decisions",
    )
    text = LimitedTextField(_("decision"), max_length=2000)
    responsible = models.CharField(_("who acts"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")

    def __str__(self) -> str:
        return self.text[:60]


class DefaultCriterion(models.TextChoices):
    """The default scorecard: the openness principles, each with a one-line question (:data:`DEFAULT_QUESTIONS`)."""

    TRANSPARENCY = "transparency", _("Transparency")
    PARTICIPATION = "participation", _("Participation")
    ACCOUNTABILITY = "accountability", _("Accountability")
    INNOVATION = "innovation", _("Innovation")


DEFAULT_QUESTIONS = {
    DefaultCriterion.TRANSPARENCY: _("Were decisions, spending and progress published in time and easy to find?"),
    DefaultCriterion.PARTICIPATION: _("Could citizens and associations take part and did their input count?"),
    DefaultCriterion.ACCOUNTABILITY: _("Did those responsible report and answer for the results and the delays?"),
    DefaultCriterion.INNOVATION: _("Did the project try new ways of serving and involving residents?"),
}


class EvaluationCriterion(models.Model):
    """A criterion of the committee's scorecard, per programme (default: the openness principles).

    A default criterion keeps its ``key`` and is shown in the reader's language (its ``title`` and
    ``description``, written in Arabic when it was created, are what a reader of the raw data sees); a criterion
    typed or edited by the focal point has no key and shows as typed.
    """

    programme = models.ForeignKey("cocreation.Programme", on_delete=models.CASCADE, related_name="evaluation_criteria")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    key = models.CharField(_("default criterion"), max_length=16, blank=True, choices=DefaultCriterion.choices)
    title = models.CharField(_("criterion"), max_length=200)
    description = models.CharField(_("what it asks"), max_length=500, blank=True)

    class Meta:
        ordering = ["programme", "order", "id"]
        verbose_name = _("evaluation criterion")
        verbose_name_plural = _("evaluation criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "key"], condition=~Q(key=""), name="one_default_criterion_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def label(self) -> str:
        """The title in the reader's language for a default criterion, else as typed."""
        return str(DefaultCriterion(self.key).label) if self.key else self.title

    @property
    def question(self) -> str:
        """The one-line description in the reader's language for a default criterion, else as typed."""
        return str(DEFAULT_QUESTIONS[DefaultCriterion(self.key)]) if self.key else self.description


class Evaluation(TimeStampedModel):
    """The co-evaluation of one finished project, or of the whole programme when ``project`` is empty."""

    programme = models.ForeignKey("cocreation.Programme", on_delete=models.CASCADE, related_name="evaluations")
    project = models.OneToOneField(
        "cocreation.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="evaluation"
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    summary = LimitedTextField(_("conclusions"), max_length=4000, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_sample = _sample_field()

    class Meta:
        ordering = ["programme", "-opens_on", "-id"]
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["programme"], condition=Q(project__isnull=True), name="one_programme_evaluation"
            ),
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="evaluation_closes_after"),
        ]

    def __str__(self) -> str:
        return str(self.project or self.programme)


class CitizenAnswer(models.Model):
    """One person's answer to the citizens' questionnaire of an evaluation."""

    class Usefulness(models.TextChoices):
        YES = "yes", _("Yes")
        PARTLY = "partly", _("Partly")
        NO = "no", _("No")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    satisfaction = models.PositiveSmallIntegerField(_("overall satisfaction (1 to 5)"), validators=RATING)
    useful = models.CharField(_("was it useful to you?"), max_length=6, choices=Usefulness.choices)
    informed = models.PositiveSmallIntegerField(_("how well were you informed? (1 to 5)"), validators=RATING)
    comment = LimitedTextField(_("comment"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_sample = _sample_field()

    class Meta:
        ordering = ["evaluation", "created_at", "id"]
        verbose_name = _("citizen answer")
        verbose_name_plural = _("citizen answers")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "user"], name="one_answer_per_person"),
            models.CheckConstraint(
                condition=Q(satisfaction__gte=1, satisfaction__lte=5, informed__gte=1, informed__lte=5),
                name="citizen_answer_ratings_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.satisfaction}"


class Scorecard(models.Model):
    """A committee member's scorecard for an evaluation."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scorecards")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    member_name = models.CharField(_("name"), max_length=120)
    comment = LimitedTextField(_("general comment"), max_length=2000, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    is_sample = _sample_field()

    class Meta:
        ordering = ["evaluation", "submitted_at", "id"]
        verbose_name = _("scorecard")
        verbose_name_plural = _("scorecards")
        constraints = [models.UniqueConstraint(fields=["evaluation", "member"], name="one_scorecard_per_member")]

    def __str__(self) -> str:
        return f"{self.evaluation}: {self.member_name}"


class Score(models.Model):
    """One criterion rated 1 to 5 on a scorecard."""

    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(EvaluationCriterion, on_delete=models.CASCADE, related_name="scores")
    rating = models.PositiveSmallIntegerField(_("rating (1 to 5)"), validators=RATING)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    class Meta:
        ordering = ["scorecard", "criterion__order", "id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="score_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.rating}"
