"""A participatory-budget campaign of a collectivity and everything cast in it.

A ``Campaign`` has a budget in MAD, optional ``District``s (districts or categories, each with its own budget),
dated phases (proposals, feasibility review with an appeal window, voting, results), a ballot type, a counting
rule of :mod:`remacto.pb` and its eligibility conditions. The rules are locked before voting opens.

Residents propose ``Proposal``s; staff review their feasibility with a public reason; accepted proposals go on
the ballot. A ``Ballot`` (online or entered from paper) holds ``BallotChoice``s; ``voter_key`` is a keyed hash
naming the voter within the campaign, the same whichever channel they voted on, so that a unique constraint
guarantees one ballot per voter per campaign.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from remacto.core.models import LimitedTextField, TimeStampedModel
from remacto.participation.models import ParticipationTarget

AMOUNT = {"max_digits": 16, "decimal_places": 2}
"""MAD amounts: whole dirhams in practice, cents for files counted elsewhere."""


class BallotType(models.TextChoices):
    APPROVAL = "approval", _("Approval: choose between a minimum and a maximum number of projects")
    KNAPSACK = "knapsack", _("Knapsack: choose projects whose total cost fits in the budget")
    CUMULATIVE = "cumulative", _("Cumulative: share a number of points between projects")
    RANKED = "ranked", _("Ranked: put projects in order of preference")


class Rule(models.TextChoices):
    GREEDY = "greedy", _("Greedy: most voted first, while the budget lasts")
    GREEDY_THRESHOLD = "greedy-threshold", _("Greedy with a threshold: only projects with enough votes")
    MES = "mes", _("Method of Equal Shares")


class Completion(models.TextChoices):
    NONE = "none", _("No completion")
    ADD1 = "add1", _("Add1: raise every voter's share until the budget is used")
    ADD1_CONTINUE = "add1-continue", _("Add1, then greedy with the money left")
    ADD1U = "add1u", _("Add1 with utilitarian completion")


class Comparison(models.TextChoices):
    """The comparison step after the Method of Equal Shares (pabulib's ``equalshares...-comparison`` rules)."""

    NONE = "none", _("No comparison")
    SATISFACTION = "satisfaction", _("Compared with greedy: the outcome more voters prefer is kept")


class TieBreaking(models.TextChoices):
    LOWER_COST = "lower-cost,more-votes", _("Cheaper project first, then more votes")
    MORE_VOTES = "more-votes,lower-cost", _("More votes first, then cheaper project")
    HIGHER_COST = "higher-cost,more-votes", _("More expensive project first, then more votes")


class Verification(models.TextChoices):
    EMAIL = "email", _("Verified email address")
    PHONE = "phone", _("Verified phone number (one-time code by SMS)")
    DESK_CODE = "desk_code", _("One-time voting code given at a desk")


class CampaignPhase(models.TextChoices):
    """Where a campaign stands, derived from its dates (see :meth:`Campaign.phase_at`)."""

    UPCOMING = "upcoming", _("Upcoming")
    PROPOSALS = "proposals", _("Proposals")
    REVIEW = "review", _("Feasibility review")
    BALLOT = "ballot", _("Ballot being prepared")
    VOTING = "voting", _("Voting")
    COUNTING = "counting", _("Counting")
    RESULTS = "results", _("Results")


class Campaign(TimeStampedModel):
    """One participatory-budget campaign: its envelope, calendar, ballot, counting rule and eligibility."""

    collectivity = models.ForeignKey(
        "territories.Collectivity", verbose_name=_("collectivity"), on_delete=models.PROTECT, related_name="campaigns"
    )
    title = models.CharField(_("title"), max_length=200)
    description = LimitedTextField(_("description (Markdown)"), blank=True, max_length=10000)
    budget = models.DecimalField(_("total budget (MAD)"), validators=[MinValueValidator(1)], **AMOUNT)

    proposals_start = models.DateTimeField(_("proposals open"), null=True, blank=True)
    proposals_end = models.DateTimeField(_("proposals close"), null=True, blank=True)
    review_end = models.DateTimeField(_("feasibility review ends"), null=True, blank=True)
    appeals_end = models.DateTimeField(_("appeals close"), null=True, blank=True)
    voting_start = models.DateTimeField(_("voting opens"))
    voting_end = models.DateTimeField(_("voting closes"))
    implementation_note = LimitedTextField(_("implementation note"), blank=True, max_length=2000)

    ballot_type = models.CharField(_("ballot type"), max_length=12, choices=BallotType.choices)
    min_choices = models.PositiveSmallIntegerField(_("minimum number of projects"), default=1)
    max_choices = models.PositiveSmallIntegerField(_("maximum number of projects"), null=True, blank=True)
    max_points = models.PositiveSmallIntegerField(_("points per voter (cumulative)"), null=True, blank=True)
    rule = models.CharField(_("counting rule"), max_length=20, choices=Rule.choices, default=Rule.GREEDY)
    completion = models.CharField(_("completion"), max_length=16, choices=Completion.choices, default=Completion.NONE)
    comparison = models.CharField(
        _("comparison step"), max_length=12, choices=Comparison.choices, default=Comparison.NONE
    )
    threshold = models.DecimalField(
        _("minimum score to be selected"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    tie_breaking = models.CharField(
        _("tie-breaking"), max_length=40, choices=TieBreaking.choices, default=TieBreaking.LOWER_COST
    )
    rules_locked_at = models.DateTimeField(_("rules locked"), null=True, blank=True, editable=False)

    verification = models.CharField(
        _("identity check"), max_length=10, choices=Verification.choices, default=Verification.EMAIL
    )
    requires_residence = models.BooleanField(_("voters declare they live in the collectivity"), default=True)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    checks_cin = models.BooleanField(_("check national ID (CIN) numbers"), default=False)
    allow_ballot_change = models.BooleanField(_("voters may change their ballot until voting closes"), default=True)

    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True, editable=False)
    source = models.CharField(
        _("imported from"), max_length=300, blank=True, help_text=_("The pabulib file a past campaign came from.")
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-voting_start", "-id"]
        verbose_name = _("participatory-budget campaign")
        verbose_name_plural = _("participatory-budget campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_end__gt=models.F("voting_start")), name="voting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(max_choices__isnull=True) | Q(max_choices__gte=models.F("min_choices")),
                name="campaign_max_choices_at_least_min",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budgets:campaign", kwargs={"slug": self.collectivity.slug, "pk": self.pk})

    @property
    def rules_locked(self) -> bool:
        return self.rules_locked_at is not None

    def phase_at(self, now=None) -> str:
        """The phase at ``now`` (default: now), from the dates; results only once they are published."""
        now = now or timezone.now()
        if self.results_published_at is not None:
            return CampaignPhase.RESULTS
        if now >= self.voting_end:
            return CampaignPhase.COUNTING
        if now >= self.voting_start:
            return CampaignPhase.VOTING
        if self.proposals_start is None:
            return CampaignPhase.BALLOT  # proposals entered by staff (or imported): the ballot is being prepared
        if now < self.proposals_start:
            return CampaignPhase.UPCOMING
        if self.proposals_end is None or now < self.proposals_end:
            return CampaignPhase.PROPOSALS
        review_until = max(d for d in (self.proposals_end, self.review_end, self.appeals_end) if d is not None)
        return CampaignPhase.REVIEW if now < review_until else CampaignPhase.BALLOT

    @property
    def phase(self) -> str:
        return self.phase_at()


class District(models.Model):
    """A district or a category of a campaign with its own share of the budget."""

    class Kind(models.TextChoices):
        DISTRICT = "district", _("District")
        CATEGORY = "category", _("Category")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="districts")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DISTRICT)
    name = models.CharField(_("name"), max_length=150)
    budget = models.DecimalField(_("budget (MAD)"), validators=[MinValueValidator(1)], **AMOUNT)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("district or category")
        verbose_name_plural = _("districts and categories")

    def __str__(self) -> str:
        return self.name


class Proposal(ParticipationTarget, TimeStampedModel):
    """A project proposed for the ballot, its feasibility review and, once counted, whether it was selected."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        ACCEPTED = "accepted", _("On the ballot")
        REJECTED = "rejected", _("Not feasible")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="proposals")
    district = models.ForeignKey(
        District, verbose_name=_("district or category"), null=True, blank=True, on_delete=models.PROTECT
    )
    code = models.CharField(
        _("public code"), max_length=64, help_text=_("The project's id on the ballot and in files.")
    )
    title = models.CharField(_("title"), max_length=200)
    description = LimitedTextField(_("description"), max_length=5000)
    place = models.CharField(_("place"), max_length=200, blank=True)
    estimated_cost = models.DecimalField(_("estimated cost (MAD)"), validators=[MinValueValidator(0)], **AMOUNT)
    cost = models.DecimalField(
        _("cost after review (MAD)"), null=True, blank=True, validators=[MinValueValidator(0)], **AMOUNT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_proposals",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_proposals",
    )
    source_idea = models.ForeignKey(
        "cocreation.Idea",
        verbose_name=_("co-creation idea"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_proposals",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    review_reason = LimitedTextField(_("public reason of the review"), blank=True, max_length=2000)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position on the ballot"), default=0)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "code"], name="proposal_code_unique_in_campaign"),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(cost__isnull=False), name="accepted_proposal_has_cost"
            ),
        ]
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "budgets:proposal",
            kwargs={"slug": self.campaign.collectivity.slug, "pk": self.campaign_id, "code": self.code},
        )

    @property
    def collectivity(self):
        return self.campaign.collectivity

    @property
    def on_ballot(self) -> bool:
        return self.status == self.Status.ACCEPTED

    def accepts(self, action: str, user) -> bool:
        if self.is_hidden:
            return False
        if action in ("follow", "flag"):
            return True
        if self.status == self.Status.WITHDRAWN:  # its author took it back: no more supports or comments
            return False
        return self.campaign.phase in (CampaignPhase.PROPOSALS, CampaignPhase.REVIEW, CampaignPhase.BALLOT)


class Ballot(models.Model):
    """One voter's ballot in a campaign, cast online or entered from paper.

    ``voter_key`` is an HMAC (keyed with the site's secret) of the voter's identity in the campaign: their
    national ID number, phone number, desk code or account, whichever the campaign's check uses. It is the
    same on both channels, so the unique constraint on (campaign, voter_key) keeps one ballot per voter.
    ``receipt`` lets the voter check later that the ballot was counted; it reveals nothing of its content.
    ``address_hash`` and ``device_hash`` (keyed hashes, never the address) serve the integrity signals.
    """

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper")
        IMPORTED = "imported", _("Imported from an open-data file")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="ballots")
    voter_key = models.CharField(max_length=64, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="budget_ballots",
    )
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE)
    receipt = models.CharField(_("receipt code"), max_length=16, unique=True, editable=False)
    address_hash = models.CharField(max_length=16, blank=True, db_index=True, editable=False)
    device_hash = models.CharField(max_length=16, blank=True, db_index=True, editable=False)
    cast_at = models.DateTimeField(_("cast"), default=timezone.now, db_index=True)
    changed_at = models.DateTimeField(_("last changed"), null=True, blank=True)
    excluded_at = models.DateTimeField(_("excluded"), null=True, blank=True)
    exclusion_reason = models.CharField(_("reason for exclusion"), max_length=500, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["id"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "voter_key"], name="one_ballot_per_voter"),
            models.UniqueConstraint(
                fields=["campaign", "user"], condition=Q(user__isnull=False), name="one_ballot_per_account"
            ),
        ]

    def __str__(self) -> str:
        return self.receipt

    @property
    def is_excluded(self) -> bool:
        return self.excluded_at is not None


class BallotChoice(models.Model):
    """A project on a ballot: ``points`` for cumulative ballots, ``rank`` (1 = first) for ranked ones."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveIntegerField(default=1)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["ballot", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["ballot", "proposal"], name="proposal_once_per_ballot")]

    def __str__(self) -> str:
        return f"{self.ballot_id}: {self.proposal_id}"


# Proposals: photos and appeals ----------------------------------------------------------------------------------


class ProposalPhoto(models.Model):
    """A photo of a proposal (JPEG or PNG), stored re-encoded without its metadata; served only through the
    proposal's pages, so that a hidden proposal's photos are hidden too."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to="proposals/%Y/%m/")
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("proposal photo")
        verbose_name_plural = _("proposal photos")

    def __str__(self) -> str:
        return self.caption or f"{self.proposal_id}/{self.position}"


class Appeal(models.Model):
    """The author's appeal against the rejection of their proposal (one per proposal), and the reviewers' answer:
    upheld (the rejection stands, with a public answer) or overturned (the proposal goes on the ballot)."""

    class Decision(models.TextChoices):
        UPHELD = "upheld", _("Rejection upheld")
        OVERTURNED = "overturned", _("Rejection overturned")

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="appeal")
    text = LimitedTextField(_("appeal"), max_length=2000)
    created_at = models.DateTimeField(_("appealed"), default=timezone.now)
    answer = LimitedTextField(_("public answer"), blank=True, max_length=2000)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return str(self.proposal)

    @property
    def is_answered(self) -> bool:
        return bool(self.decision)


# --- Paper ballots and integrity signals ---------------------------------------------------------------------


class PaperBatch(models.Model):
    """A pile of paper ballot sheets from one polling desk, entered twice (see :mod:`.services.paper`)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="paper_batches")
    desk = models.CharField(_("polling desk"), max_length=150)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.OPEN)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("batch of paper ballots")
        verbose_name_plural = _("batches of paper ballots")

    def __str__(self) -> str:
        return self.desk

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class PaperEntry(models.Model):
    """One typing of one paper sheet: round 1 and round 2 are typed independently; round 3 is the correction of
    a sheet whose first two entries disagree. ``identity_hash`` is the voter key of the identity typed (a keyed
    hash, never the CIN or phone number); ``choices`` are the ``[code, points]`` pairs as typed (normalised)."""

    class Round(models.IntegerChoices):
        FIRST = 1, _("First entry")
        SECOND = 2, _("Second entry")
        CORRECTION = 3, _("Correction")

    class Outcome(models.TextChoices):
        RECORDED = "", _("Awaiting the other entry")
        STORED = "stored", _("Ballot stored")
        MISMATCH = "mismatch", _("Entries disagree")
        ALREADY_VOTED = "already_voted", _("Not counted: this voter had already voted")

    batch = models.ForeignKey(PaperBatch, on_delete=models.CASCADE, related_name="entries")
    sheet = models.PositiveIntegerField(_("sheet number"), validators=[MinValueValidator(1)])
    round = models.PositiveSmallIntegerField(_("entry"), choices=Round.choices)
    identity_hash = models.CharField(max_length=64, editable=False)
    district = models.ForeignKey(District, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")
    choices = models.JSONField(_("choices as typed"), default=list)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=14, choices=Outcome.choices, blank=True, default="")
    ballot = models.ForeignKey(Ballot, null=True, blank=True, on_delete=models.RESTRICT, related_name="+")

    class Meta:
        ordering = ["batch", "sheet", "round"]
        verbose_name = _("paper ballot entry")
        verbose_name_plural = _("paper ballot entries")
        constraints = [
            models.UniqueConstraint(fields=["batch", "sheet", "round"], name="paper_sheet_round_once"),
        ]

    def __str__(self) -> str:
        return f"{self.batch_id}/{self.sheet}/{self.round}"


class IntegrityFlag(models.Model):
    """A signal that some ballots may not be independent votes, for staff to review. Never acted on by itself:
    staff clear it or exclude some of its ballots, always with a reason; nothing is deleted."""

    class Kind(models.TextChoices):
        ADDRESS_BURST = "address_burst", _("Many ballots from one network address in a short time")
        DEVICE_BURST = "device_burst", _("Many ballots from one device in a short time")
        NEW_ACCOUNTS_SAME_SET = "new_accounts_same_set", _("New accounts voting for exactly the same projects")

    class Status(models.TextChoices):
        OPEN = "open", _("To review")
        CLEARED = "cleared", _("Cleared")
        EXCLUDED = "excluded", _("Ballots excluded")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="integrity_flags")
    kind = models.CharField(_("signal"), max_length=24, choices=Kind.choices)
    key = models.CharField(max_length=64, editable=False)
    ballot_ids = models.JSONField(default=list)
    detected_at = models.DateTimeField(_("detected"), default=timezone.now)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)

    class Meta:
        ordering = ["-detected_at", "-id"]
        verbose_name = _("integrity signal")
        verbose_name_plural = _("integrity signals")
        indexes = [models.Index(fields=["campaign", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_kind_display()}"


# --- Counting and results -------------------------------------------------------------------------------------


class ImplementationStatus(models.TextChoices):
    """Where a selected project stands once the results are out."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


# A selected project's follow-up, added to Proposal here so that the counting and results block stays in one place.
Proposal.add_to_class(
    "implementation_status",
    models.CharField(
        _("implementation"),
        max_length=12,
        choices=ImplementationStatus.choices,
        default=ImplementationStatus.NOT_STARTED,
    ),
)
Proposal.add_to_class(
    "implementation_progress",
    models.PositiveSmallIntegerField(
        _("implementation progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    ),
)
Proposal.add_to_class("implementation_note", LimitedTextField(_("implementation note"), blank=True, max_length=2000))
Proposal.add_to_class(
    "implementation_updated_at", models.DateTimeField(_("implementation updated"), null=True, blank=True)
)


class Count(models.Model):
    """One count of a campaign's ballots with its stored result, computed in the background.

    The result is kept as it was computed (rule, budget, selected codes in order, per-project votes, scores
    and the engine's reason as a code with its figures, per-district outcomes), so the results page, the PDF
    and the exports read one row and never recount. ``published_at`` marks the count the public sees.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Counting")
        DONE = "done", _("Counted")
        FAILED = "failed", _("Failed")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="counts")
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    rule = models.CharField(_("counting rule"), max_length=20, blank=True)
    completion = models.CharField(_("completion"), max_length=16, blank=True)
    tie_breaking = models.CharField(_("tie-breaking"), max_length=40, blank=True)
    budget = models.DecimalField(_("budget (MAD)"), null=True, blank=True, **AMOUNT)
    total_cost = models.DecimalField(_("budget used (MAD)"), null=True, blank=True, **AMOUNT)
    selected = models.JSONField(_("selected projects"), default=list, blank=True)
    voters = models.PositiveIntegerField(_("voters"), default=0)
    ballots = models.PositiveIntegerField(_("ballots counted"), default=0)
    online = models.PositiveIntegerField(_("online ballots"), default=0)
    paper = models.PositiveIntegerField(_("paper ballots"), default=0)
    excluded = models.PositiveIntegerField(_("excluded ballots"), default=0)
    voters_with_selected_share = models.FloatField(_("voters with a selected project"), default=0)
    projects = models.JSONField(_("projects"), default=list, blank=True)
    districts = models.JSONField(_("districts or categories"), default=list, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("count")
        verbose_name_plural = _("counts")

    def __str__(self) -> str:
        return f"{self.campaign_id}#{self.pk}"

    STALE_AFTER = datetime.timedelta(minutes=15)

    @property
    def is_running(self) -> bool:
        """Waiting or counting and not stuck (the progress page polls only then)."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING) and not self.is_stale

    @property
    def is_stale(self) -> bool:
        """Unfinished long after it was requested: the background worker probably stopped."""
        return (
            self.status in (self.Status.QUEUED, self.Status.RUNNING)
            and self.created_at is not None
            and timezone.now() - self.created_at > self.STALE_AFTER
        )

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def budget_share_used(self) -> float:
        return float(self.total_cost / self.budget) if self.budget and self.total_cost is not None else 0.0


# --- Eligibility, verification and online voting --------------------------------------------------------------


class VoterCheck(models.Model):
    """What a person declared and proved to vote online in a campaign.

    Declarations (residence, district, age) are recorded by their date only: no birth date is kept. ``voter_key``
    is the keyed hash of the identity that names the voter in the campaign (see :func:`identity.identity_kind`):
    their national ID number, verified email, phone number or desk code, never the value itself. It is set once
    the identity is known, and unique in the campaign, so one identity verifies one account.
    """

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="voter_checks")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="budget_voter_checks")
    voter_key = models.CharField(max_length=64, blank=True, editable=False)
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    residence_declared_at = models.DateTimeField(null=True, blank=True)
    age_declared_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(_("identity verified"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("voter check")
        verbose_name_plural = _("voter checks")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="one_check_per_account"),
            models.UniqueConstraint(
                fields=["campaign", "voter_key"], condition=~Q(voter_key=""), name="one_check_per_identity"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}: {self.user_id}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None and bool(self.voter_key)


class PhoneCode(models.Model):
    """A one-time code sent by SMS to confirm a voter's phone number: only hashes are kept (the number's voter key
    and the code's keyed hash); it expires, allows a few attempts and is used once."""

    voter_check = models.ForeignKey(VoterCheck, on_delete=models.CASCADE, related_name="phone_codes")
    phone_key = models.CharField(max_length=64, editable=False)
    code_hash = models.CharField(max_length=64, editable=False)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.voter_check_id} {self.sent_at:%Y-%m-%d %H:%M}"


class DeskCode(models.Model):
    """A one-time voting code handed out at a desk of the collectivity. Only its keyed hash is stored: the clear
    code is shown once, on the printable sheet made when the batch is generated."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="desk_codes")
    code_hash = models.CharField(max_length=64, unique=True, editable=False)
    batch = models.CharField(_("batch"), max_length=100)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="budget_desk_codes"
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "id"]
        verbose_name = _("desk voting code")
        verbose_name_plural = _("desk voting codes")
        indexes = [models.Index(fields=["campaign", "batch"])]

    def __str__(self) -> str:
        return f"{self.campaign_id} {self.batch}"


# --- End of eligibility, verification and online voting -------------------------------------------------------
