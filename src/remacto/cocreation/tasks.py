"""Background work of co-creation: importing a file of ideas (all rows or none, with a per-row report).

Celery's autodiscovery reads only ``tasks`` modules, so the PDF task of ``output_tasks`` is imported here too.
"""

import logging
from collections import defaultdict

from celery import shared_task
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation

from . import imports
from .models import ImportJob
from .output_tasks import render_programme_pdf  # noqa: F401 - registered with Celery here
from .services import ideas

logger = logging.getLogger(__name__)

FILE_LINE = 0  # the line of errors about the whole file rather than one row


def _row_number(key: str) -> int | None:
    """The number in a service error key such as ``"row 3"`` (translated, so only the digits are read)."""
    digits = "".join(ch for ch in key if ch.isdigit())
    return int(digits) if digits else None


def _record(job: ImportJob, parsed: imports.ParsedFile) -> int:
    """Save every row, grouped by channel, in one transaction; a refused row undoes them all."""
    groups: dict[str, list[imports.ParsedRow]] = defaultdict(list)
    for row in parsed.rows:
        groups[row.channel].append(row)
    created = 0
    with transaction.atomic():
        for channel, rows in groups.items():
            workshop = job.workshop if channel == "workshop" else None
            try:
                created += len(
                    ideas.record_ideas(job.uploaded_by, job.programme, channel, [r.values for r in rows], workshop)
                )
            except ValidationError as exc:
                errors: dict[int, list[str]] = {}
                if hasattr(exc, "error_dict"):
                    for key, messages in exc.message_dict.items():
                        number = _row_number(key)
                        line = rows[number - 1].line if number and number <= len(rows) else FILE_LINE
                        errors.setdefault(line, []).extend(messages)
                else:
                    errors[FILE_LINE] = exc.messages
                raise _RowErrors(errors) from exc
    return created


class _RowErrors(Exception):
    def __init__(self, errors: dict[int, list[str]]):
        super().__init__(errors)
        self.errors = errors


@shared_task
def import_ideas(job_id: int) -> str:
    """Check and import the file of ``ImportJob`` ``job_id``; the job keeps its progress and its report."""
    job = ImportJob.objects.select_related("programme__collectivity", "uploaded_by", "workshop").get(pk=job_id)
    if job.status != ImportJob.Status.PENDING:
        return job.status
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    with translation.override(job.language or None):
        try:
            with job.file.open("rb") as upload:
                parsed = imports.parse(
                    upload,
                    job.programme,
                    job.channel,
                    has_workshop=job.workshop_id is not None,
                    progress=lambda n: job.save_progress(n),
                )
        except ValidationError as exc:
            return job.finish(ImportJob.Status.FAILED, [{"line": FILE_LINE, "messages": exc.messages}])
        job.total = parsed.total
        job.save(update_fields=["total"])
        if parsed.errors:
            return job.finish(ImportJob.Status.FAILED, parsed.report())
        try:
            created = _record(job, parsed)
        except _RowErrors as exc:
            report = [{"line": line, "messages": msgs} for line, msgs in sorted(exc.errors.items())]
            return job.finish(ImportJob.Status.FAILED, report)
        except PermissionDenied as exc:
            return job.finish(ImportJob.Status.FAILED, [{"line": FILE_LINE, "messages": [str(exc)]}])
        except Exception:
            logger.exception("import of ideas %s failed", job.pk)
            return job.finish(ImportJob.Status.FAILED, [{"line": FILE_LINE, "messages": [_unexpected()]}])
    return job.finish(ImportJob.Status.DONE, created=created)


def _unexpected() -> str:
    from django.utils.translation import gettext

    return gettext("The import stopped because of an unexpected error. Nothing was imported; try again later.")
