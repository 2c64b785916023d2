"""The record of one import of a file of ideas: its file, progress and per-row report (imported by models.py)."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportProgress:
    """What the progress page of a background import reads (``cocreation/import_progress.html``): mixed into the
    model of each kind of import, which has ``status`` (``pending``, ``running``, ``done``, ``failed``) and
    ``created_at``."""

    STALE_AFTER = datetime.timedelta(minutes=15)

    @property
    def is_running(self) -> bool:
        """Still waiting or being checked, and not stuck (the progress page polls only then)."""
        return self.status in ("pending", "running") and not self.is_stale

    @property
    def is_stale(self) -> bool:
        """Unfinished long after its upload: the background worker probably stopped."""
        return (
            self.status in ("pending", "running")
            and self.created_at is not None
            and timezone.now() - self.created_at > self.STALE_AFTER
        )

    def save_progress(self, processed: int) -> None:
        """Record how many rows are checked (the progress page polls it), without touching the rest of the row."""
        type(self).objects.filter(pk=self.pk).update(processed=processed)

    def finish(self, status: str, errors: list[dict] | None = None, created: int = 0) -> str:
        """End the import with ``status`` and its report; the uploaded file (people's names, amounts) is deleted,
        the report kept."""
        self.status = status
        self.errors = errors or []
        self.created_count = created
        self.processed = self.total
        self.finished_at = timezone.now()
        if self.file:
            self.file.delete(save=False)
        self.save(update_fields=["status", "errors", "created_count", "processed", "finished_at", "file"])
        return status


class ImportJob(ImportProgress, models.Model):
    """One CSV or XLSX file of ideas uploaded by staff, checked and imported in the background, all or nothing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being checked")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    programme = models.ForeignKey("cocreation.Programme", on_delete=models.CASCADE, related_name="import_jobs")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    channel = models.CharField(_("channel"), max_length=10)
    workshop = models.ForeignKey(
        "cocreation.Meeting",
        verbose_name=_("workshop"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    language = models.CharField(_("language of the report"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("ideas imported"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        app_label = "cocreation"
        ordering = ["-created_at", "-id"]
        verbose_name = _("import of ideas")
        verbose_name_plural = _("imports of ideas")

    def __str__(self) -> str:
        return self.name

    def get_channel_display(self) -> str:
        from .models import Idea

        return dict(Idea.Channel.choices).get(self.channel, self.channel)
