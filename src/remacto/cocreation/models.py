"""The openness action programme of a collectivity and everything co-created for it.

A ``Programme`` (one per collectivity and cycle, e.g. 2024-2025) moves through ``Phase``s, each with dates
(``ProgrammePhase``); every move is a ``PhaseChange``. It chooses ``Axis``es, holds ``Meeting``s (information
meetings, co-creation and consultation workshops, committee meetings, council sessions), collects ``Idea``s on
every channel, which the follow-up committee (``CommitteeMember``) triages with a public ``TriageDecision``.
Accepted ideas become ``Project``s (with ``Activity``, ``Indicator``), consulted on again, then adopted by the
council (``Adoption``); later changes are ``Amendment``s.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from remacto.core.models import LimitedTextField, TimeStampedModel
from remacto.participation.models import ParticipationTarget


class Phase(models.TextChoices):
    """The programme's phases, in order."""

    INFORMATION = "information", _("Information meetings")
    AXES = "axes", _("Choice of axes")
    IDEAS = "ideas", _("Idea collection")
    TRIAGE = "triage", _("Triage of ideas")
    DRAFTING = "drafting", _("Drafting of projects")
    CONSULTATION = "consultation", _("Consultation on the draft")
    ADOPTION = "adoption", _("Adoption by the council")
    IMPLEMENTATION = "implementation", _("Implementation")
    EVALUATION = "evaluation", _("Evaluation")
    CLOSED = "closed", _("Closed")

    @classmethod
    def order(cls, phase: str) -> int:
        return cls.values.index(phase)


class Principle(models.TextChoices):
    """The four openness principles a project or an axis serves."""

    TRANSPARENCY = "transparency_accountability", _("Transparency and accountability")
    INFORMATION = "access_to_information", _("Access to information")
    PARTICIPATION = "citizen_participation", _("Citizen participation")
    DIGITALISATION = "digitalisation", _("Digitalisation")


class PrinciplesMixin(models.Model):
    """Yes/no for each of the four openness principles."""

    serves_transparency = models.BooleanField(_("transparency and accountability"), default=False)
    serves_information = models.BooleanField(_("access to information"), default=False)
    serves_participation = models.BooleanField(_("citizen participation"), default=False)
    serves_digitalisation = models.BooleanField(_("digitalisation"), default=False)

    PRINCIPLE_FIELDS = {
        Principle.TRANSPARENCY: "serves_transparency",
        Principle.INFORMATION: "serves_information",
        Principle.PARTICIPATION: "serves_participation",
        Principle.DIGITALISATION: "serves_digitalisation",
    }

    class Meta:
        abstract = True

    @property
    def principles(self) -> list[Principle]:
        return [p for p, field in self.PRINCIPLE_FIELDS.items() if getattr(self, field)]


class Programme(TimeStampedModel):
    """A collectivity's two-year openness action programme, co-created with citizens."""

    collectivity = models.ForeignKey(
        "territories.Collectivity", verbose_name=_("collectivity"), on_delete=models.PROTECT, related_name="programmes"
    )
    cycle = models.CharField(_("cycle"), max_length=9, help_text=_("For example 2024-2025."))
    title = models.CharField(_("title"), max_length=200)
    description = LimitedTextField(_("description (Markdown)"), blank=True, max_length=10000)
    phase = models.CharField(_("current phase"), max_length=16, choices=Phase.choices, default=Phase.INFORMATION)
    implementation_start = models.DateField(_("implementation starts"), null=True, blank=True)
    implementation_end = models.DateField(_("implementation ends"), null=True, blank=True)
    implementation_note = LimitedTextField(_("implementation note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-cycle"]
        verbose_name = _("openness action programme")
        verbose_name_plural = _("openness action programmes")
        constraints = [
            models.UniqueConstraint(fields=["collectivity", "cycle"], name="one_programme_per_cycle"),
            models.CheckConstraint(
                condition=Q(implementation_end__isnull=True)
                | Q(implementation_start__isnull=True)
                | Q(implementation_end__gte=models.F("implementation_start")),
                name="programme_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.cycle}"

    def get_absolute_url(self) -> str:
        return reverse("cocreation:programme", kwargs={"slug": self.collectivity.slug, "cycle": self.cycle})

    @property
    def is_adopted(self) -> bool:
        return Phase.order(self.phase) > Phase.order(Phase.ADOPTION)


class ProgrammePhase(models.Model):
    """The planned or actual dates of one phase of a programme."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phase_dates")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "starts_on"]
        verbose_name = _("phase dates")
        verbose_name_plural = _("phase dates")
        constraints = [
            models.UniqueConstraint(fields=["programme", "phase"], name="one_date_range_per_phase"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="phase_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} — {self.get_phase_display()}"


class PhaseChange(models.Model):
    """One move of a programme from a phase to another: the public timeline."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("from"), max_length=16, choices=Phase.choices)
    to_phase = models.CharField(_("to"), max_length=16, choices=Phase.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.programme}: {self.from_phase} → {self.to_phase}"


class Axis(PrinciplesMixin):
    """A priority axis chosen by the programme, serving one or more openness principles."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="axes")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    description = LimitedTextField(_("description"), blank=True, max_length=4000)

    class Meta:
        ordering = ["programme", "order", "id"]
        verbose_name = _("axis")
        verbose_name_plural = _("axes")

    def __str__(self) -> str:
        return self.title


class Meeting(TimeStampedModel):
    """An information meeting, workshop, committee meeting, standing-committee review or council session."""

    class Kind(models.TextChoices):
        INFORMATION = "information_meeting", _("Information meeting")
        WORKSHOP = "co_creation_workshop", _("Co-creation workshop")
        CONSULTATION_WORKSHOP = "consultation_workshop", _("Consultation workshop")
        COMMITTEE = "committee_meeting", _("Follow-up committee meeting")
        STANDING_COMMITTEE = "standing_committee_review", _("Standing committees review")
        COUNCIL = "council_session", _("Council session")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    axis = models.ForeignKey(
        Axis, verbose_name=_("axis"), null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings"
    )
    agenda = LimitedTextField(_("agenda (Markdown)"), blank=True, max_length=10000)
    facilitators = models.CharField(_("facilitators"), max_length=500, blank=True)
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    minutes = LimitedTextField(_("minutes (Markdown)"), blank=True, max_length=50000)
    attendees_women = models.PositiveIntegerField(_("women attending"), default=0)
    attendees_men = models.PositiveIntegerField(_("men attending"), default=0)
    attendees_under_18 = models.PositiveIntegerField(_("under 18"), default=0)
    attendees_18_29 = models.PositiveIntegerField(_("18 to 29"), default=0)
    attendees_30_44 = models.PositiveIntegerField(_("30 to 44"), default=0)
    attendees_45_59 = models.PositiveIntegerField(_("45 to 59"), default=0)
    attendees_60_plus = models.PositiveIntegerField(_("60 and over"), default=0)
    committee_attendees = models.ManyToManyField(
        "CommitteeMember", verbose_name=_("committee members present"), blank=True, related_name="meetings"
    )

    AGE_FIELDS = ("attendees_under_18", "attendees_18_29", "attendees_30_44", "attendees_45_59", "attendees_60_plus")

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="meeting_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def attendance(self) -> int:
        return self.attendees_women + self.attendees_men


class MeetingRegistration(models.Model):
    """A person registered for a meeting that takes registrations."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="one_registration_per_meeting")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.meeting}"


class MeetingPhoto(models.Model):
    """A photo of a meeting, with a caption for screen readers."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="meetings/%Y/")
    caption = models.CharField(_("caption"), max_length=300)

    def __str__(self) -> str:
        return self.caption


class CommitteeMember(models.Model):
    """A member of the programme's follow-up committee: an elected official or a civil-society representative."""

    class Kind(models.TextChoices):
        ELECTED = "elected", _("Elected official")
        CIVIL_SOCIETY = "civil_society", _("Civil-society representative")
        STAFF = "staff", _("Collectivity staff")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="committee_seats"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(pgettext_lazy("committee seat", "seat"), max_length=16, choices=Kind.choices)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    is_chair = models.BooleanField(_("chair"), default=False)

    class Meta:
        ordering = ["-is_chair", "kind", "name"]
        verbose_name = _("committee member")
        verbose_name_plural = _("follow-up committee")

    def __str__(self) -> str:
        return self.name


class ProgrammeContent(ParticipationTarget):
    """What ideas and projects share: their page URL, their collectivity, and when people may take part.

    ``url_name`` names the page; comments and supports are open during ``open_phases``; follows and flags are
    always open; nothing is open on hidden content.
    """

    url_name = ""
    open_phases: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse(
            f"cocreation:{self.url_name}",
            kwargs={"slug": self.programme.collectivity.slug, "cycle": self.programme.cycle, "pk": self.pk},
        )

    @property
    def collectivity(self):
        return self.programme.collectivity

    def accepts(self, action: str, user) -> bool:
        if self.is_hidden:
            return False
        if action in ("follow", "flag"):
            return True
        return self.programme.phase in self.open_phases


class Idea(ProgrammeContent, TimeStampedModel):
    """An idea for the programme, from any channel. Workshop ideas keep the workshop they came from."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        WORKSHOP = "workshop", _("Workshop")
        PAPER = "paper", _("Paper form")
        DESK = "desk", _("Front desk")
        SMS = "sms", _("SMS")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting triage")
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged into another idea")
        REJECTED = "rejected", _("Not accepted")
        # Ideas entered from a record of a past cycle that says they were triaged but not what was decided.
        UNRECORDED = "unrecorded", _("Decision not recorded")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="ideas")
    axis = models.ForeignKey(Axis, verbose_name=_("axis"), null=True, blank=True, on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=150)
    problem = LimitedTextField(_("problem"), max_length=3000)
    solution = LimitedTextField(_("proposed solution"), max_length=3000)
    expected_impact = LimitedTextField(_("expected impact"), blank=True, max_length=2000)
    place = models.CharField(_("place"), max_length=200, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas"
    )
    author_name = models.CharField(
        _("author's name"), max_length=120, blank=True, help_text=_("For ideas given on paper or at a workshop.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, default=Channel.ONLINE)
    workshop = models.ForeignKey(
        Meeting, verbose_name=_("workshop"), null=True, blank=True, on_delete=models.PROTECT, related_name="ideas"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    is_sample = models.BooleanField(
        _("sample data"), default=False, help_text=_("Demo text standing in for an idea the sources do not give.")
    )

    participation_author_field = "author"
    url_name = "idea"
    open_phases = (Phase.IDEAS, Phase.TRIAGE)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        indexes = [
            models.Index(fields=["programme", "status", "-support_count"], name="idea_list_by_support"),
            models.Index(fields=["programme", "-created_at"], name="idea_list_by_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(channel="workshop") | Q(workshop__isnull=False), name="workshop_idea_has_workshop"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def author_was_deleted(self) -> bool:
        """Online ideas keep their author until that account is deleted (sample ideas never had one)."""
        return self.channel == self.Channel.ONLINE and self.author_id is None and not self.is_sample


class IdeaAttachment(models.Model):
    """A file attached to an idea (photo or document), checked for type and size on upload."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="ideas/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))

    def __str__(self) -> str:
        return self.name


class TriageDecision(models.Model):
    """The follow-up committee's public decision on an idea, with its reason."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        MERGED = "merged", _("Merged into another idea")
        REJECTED = "rejected", _("Not accepted")

    idea = models.OneToOneField(Idea, on_delete=models.CASCADE, related_name="decision")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = LimitedTextField(_("public reason"), max_length=2000)
    merged_into = models.ForeignKey(
        Idea, verbose_name=_("merged into"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("committee meeting"), null=True, blank=True, on_delete=models.SET_NULL
    )
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    class Meta:
        verbose_name = _("triage decision")
        verbose_name_plural = _("triage decisions")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="merged", merged_into__isnull=False)
                | (~Q(decision="merged") & Q(merged_into=None)),
                name="merged_decision_names_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.idea}: {self.decision}"


class Project(ProgrammeContent, PrinciplesMixin, TimeStampedModel):
    """An openness project of the programme, drafted from accepted ideas, consulted on, adopted, implemented."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONSULTATION = "consultation", _("In consultation")
        ADOPTED = "adopted", _("Adopted")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="projects")
    axis = models.ForeignKey(Axis, verbose_name=_("axis"), on_delete=models.PROTECT, related_name="projects")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=300)
    problem = LimitedTextField(_("problem"), blank=True, max_length=4000)
    solution = LimitedTextField(_("proposed solution"), blank=True, max_length=4000)
    budget = models.DecimalField(
        _("budget (MAD)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    # The budget column takes a figure (0 at least); a project drafted without one (copied from a good practice)
    # holds 0 and shows "to be estimated" until someone gives its budget.
    budget_to_estimate = models.BooleanField(_("budget to be estimated"), default=False, editable=False)
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    result_trust = models.BooleanField(_("strengthens citizens' trust"), default=False)
    result_civil_society = models.BooleanField(_("works closely with civil society"), default=False)
    result_services = models.BooleanField(_("improves local public services"), default=False)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.DRAFT)
    progress = models.PositiveSmallIntegerField(
        _("progress %"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    source_ideas = models.ManyToManyField(Idea, verbose_name=_("source ideas"), blank=True, related_name="projects")

    participation_author_field = None
    url_name = "project"
    open_phases = (Phase.CONSULTATION,)

    class Meta:
        ordering = ["programme", "axis__order", "order", "id"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="project_end_after_start",
            ),
            models.CheckConstraint(condition=Q(budget__gte=0), name="project_budget_not_negative"),
            models.CheckConstraint(condition=Q(progress__lte=100), name="project_progress_at_most_100"),
        ]

    def __str__(self) -> str:
        return self.title


class Activity(models.Model):
    """An activity of a project, with its dates and target groups."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="activities")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("activity"), max_length=300)
    target_groups = models.CharField(_("target groups"), max_length=500, blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        ordering = ["project", "order", "id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="activity_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """A measure of a project's result, with its baseline and target."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name


class WorkshopFeedback(models.Model):
    """Feedback on a draft project recorded from the consultation workshop."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="workshop_feedback")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    text = LimitedTextField(_("feedback"), max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("workshop feedback")
        verbose_name_plural = _("workshop feedback")

    def __str__(self) -> str:
        return self.text[:60]


class ContributionAnswer(models.Model):
    """The committee's answer to one consultation contribution: an online comment or workshop feedback."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="answers")
    comment = models.OneToOneField(
        "participation.Comment", null=True, blank=True, on_delete=models.CASCADE, related_name="committee_answer"
    )
    feedback = models.OneToOneField(
        WorkshopFeedback, null=True, blank=True, on_delete=models.CASCADE, related_name="committee_answer"
    )
    taken_into_account = models.BooleanField(_("taken into account"))
    answer = LimitedTextField(_("answer"), max_length=2000)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer to a contribution")
        verbose_name_plural = _("answers to contributions")
        constraints = [
            models.CheckConstraint(
                condition=(Q(comment__isnull=False) & Q(feedback__isnull=True))
                | (Q(comment__isnull=True) & Q(feedback__isnull=False)),
                name="answer_to_exactly_one_contribution",
            )
        ]

    def __str__(self) -> str:
        return self.answer[:60]


class Opinion(models.Model):
    """An opinion of an advisory body or a standing committee on the draft programme."""

    class Body(models.TextChoices):
        ADVISORY = "advisory_body", _("Advisory body")
        STANDING_COMMITTEE = "standing_committee", _("Standing committee")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="opinions")
    body_kind = models.CharField(_("body"), max_length=20, choices=Body.choices)
    body_name = models.CharField(_("name of the body"), max_length=200)
    received_on = models.DateField(_("received on"))
    summary = LimitedTextField(_("summary"), max_length=4000)
    document = models.FileField(_("document"), upload_to="opinions/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")

    def __str__(self) -> str:
        return self.body_name


class Adoption(models.Model):
    """The council session that adopted the programme."""

    programme = models.OneToOneField(Programme, on_delete=models.CASCADE, related_name="adoption")
    session_date = models.DateField(_("session date"))
    deliberation_number = models.CharField(_("deliberation number"), max_length=50)
    votes_for = models.PositiveIntegerField(_("votes for"))
    votes_against = models.PositiveIntegerField(_("votes against"), default=0)
    votes_abstain = models.PositiveIntegerField(_("abstentions"), default=0)
    document = models.FileField(_("deliberation document"), upload_to="deliberations/%Y/", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self) -> str:
        return f"{self.programme} — {self.deliberation_number}"


class Amendment(models.Model):
    """A recorded change to a project after the programme's adoption."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="amendments")
    decided_on = models.DateField(_("decided on"))
    reference = models.CharField(_("deliberation or decision reference"), max_length=100, blank=True)
    reason = LimitedTextField(_("reason"), max_length=2000)
    changes = models.JSONField(_("changes"), default=dict)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_on", "id"]
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")

    def __str__(self) -> str:
        return f"{self.project}: {self.decided_on}"


# The record of a file import of ideas lives in its own module; imported here so Django registers it.
from .import_jobs import ImportJob  # noqa: E402, F401
