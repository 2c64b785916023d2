"""The good-practice library: practices that members submit and the network team publishes, their own structure of
axes and projects (what "use as a template" copies), their documents, and the trace of each use as a template.

A practice carries its own structure (:class:`PracticeAxis`, :class:`PracticeProject`), copied when it is submitted
from one of the member's programmes or typed by the submitter: the practice stays readable and reusable when the
source programme later changes or is closed. ``source_programme`` keeps the link to where it came from.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from remacto.cocreation.models import Axis, PrinciplesMixin, Programme, Project
from remacto.core.models import TimeStampedModel
from remacto.core.text import normalise

TITLE_MAX = 200
SUMMARY_MAX = 500
TEXT_MAX = 20_000


class Practice(PrinciplesMixin, TimeStampedModel):
    """A member's experience told for the others: what, where, when, with which results, and whom to ask."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting review")
        CHANGES = "changes", _("Changes requested")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Withdrawn")

    collectivity = models.ForeignKey(
        "territories.Collectivity", verbose_name=_("collectivity"), on_delete=models.PROTECT, related_name="practices"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_programme = models.ForeignKey(
        Programme,
        verbose_name=_("source programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    summary = models.CharField(_("summary"), max_length=SUMMARY_MAX)
    description = models.TextField(_("description"), help_text=_("Markdown: lists, links, emphasis."))
    results = models.TextField(_("results"), blank=True)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    review_note = models.CharField(_("note from the network team"), max_length=1000, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["status", "-published_at"], name="practice_status_published")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def refresh_search_text(self) -> None:
        """The folded words a search looks in (title, summary, description, results, axes and projects)."""
        parts = [self.title, self.summary, self.description, self.results]
        if self.pk:
            for axis in self.axes.all():
                for obj in (axis, *axis.projects.all()):  # every language of each title
                    parts.extend(
                        dict.fromkeys(
                            getattr(obj, f"title_{code}", "") or "" for code in settings.MODELTRANSLATION_LANGUAGES
                        )
                    )
        self.search_text = " ".join(normalise(p) for p in parts if p)


class PracticeAxis(PrinciplesMixin):
    """One axis of the practice's structure, with the principles it serves."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="axes")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("axis"), max_length=TITLE_MAX)

    class Meta:
        verbose_name = _("axis of a practice")
        verbose_name_plural = _("axes of a practice")
        ordering = ["practice", "order"]

    def __str__(self) -> str:
        return self.title


class PracticeProject(models.Model):
    """One project under an axis of the practice's structure."""

    axis = models.ForeignKey(PracticeAxis, on_delete=models.CASCADE, related_name="projects")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("project"), max_length=300)

    class Meta:
        verbose_name = _("project of a practice")
        verbose_name_plural = _("projects of a practice")
        ordering = ["axis", "order"]

    def __str__(self) -> str:
        return self.title


class PracticeDocument(models.Model):
    """A PDF or a photo attached to a practice (checked like every upload; photos stored without metadata)."""

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    file = models.FileField(_("file"), upload_to="practices/%Y/")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("document of a practice")
        verbose_name_plural = _("documents of a practice")
        ordering = ["practice", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("practices:document", args=[self.pk])


class TemplateUse(models.Model):
    """A practice used as a template for a programme: who, when, and (in its items) what it added."""

    practice = models.ForeignKey(Practice, on_delete=models.PROTECT, related_name="uses")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="practice_uses")
    used_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("use of a practice as a template")
        verbose_name_plural = _("uses of practices as templates")
        constraints = [models.UniqueConstraint(fields=["practice", "programme"], name="practice_used_once")]

    def __str__(self) -> str:
        return f"{self.practice} → {self.programme}"


class TemplateItem(models.Model):
    """What one use added to the programme, with its link back to the practice: an axis, a draft project, or a
    project outline (a project title kept for the drafting phase, when the programme is not drafting yet)."""

    use = models.ForeignKey(TemplateUse, on_delete=models.CASCADE, related_name="items")
    axis = models.ForeignKey(Axis, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    outline = models.CharField(_("project outline"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("item copied from a practice")
        verbose_name_plural = _("items copied from practices")
        ordering = ["use", "pk"]

    def __str__(self) -> str:
        return str(self.project or self.axis or self.outline)
