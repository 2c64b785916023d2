"""Background import of a file of spending lines (all rows or none, with a report naming each bad row and column).

The file is read by co-creation's import machinery (``cocreation.imports.table``) and its bookkeeping follows the
import of ideas (``cocreation.tasks``): the job keeps its progress (``total``/``processed``) for the page that
polls it, its report in the uploader's language, and the file is deleted once read.
"""

import logging

from celery import shared_task
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext

from remacto.cocreation import imports

from .models import SpendingImport
from .services import spending

logger = logging.getLogger(__name__)

FILE_LINE = 0  # the line of errors about the whole file rather than one row


def _count_rows(upload) -> int:
    """Non-empty rows under the header (read once more, cheap next to the checks), so progress has a total."""
    _, rows = imports.table(
        upload, spending.COLUMNS, max_bytes=spending.MAX_IMPORT_BYTES, max_lines=spending.MAX_IMPORT_LINES
    )
    return sum(1 for _ in rows)


@shared_task
def import_spending(job_id: int) -> str:
    """Check and import the file of ``SpendingImport`` ``job_id``; the job keeps its progress and its report."""
    job = SpendingImport.objects.select_related("programme__collectivity", "uploaded_by").get(pk=job_id)
    if job.status != SpendingImport.Status.PENDING:
        return job.status
    job.status = SpendingImport.Status.RUNNING
    job.save(update_fields=["status"])
    with translation.override(job.language or None):
        try:
            with job.file.open("rb") as upload:
                job.total = _count_rows(upload)
                job.save(update_fields=["total"])
                positions, rows = imports.table(
                    upload, spending.COLUMNS, max_bytes=spending.MAX_IMPORT_BYTES, max_lines=spending.MAX_IMPORT_LINES
                )
                checked = spending.check_rows(
                    job.programme,
                    rows,
                    positions,
                    actor=job.uploaded_by,
                    source=job,
                    progress=lambda n: job.save_progress(n),
                )
        except ValidationError as exc:
            return job.finish(SpendingImport.Status.FAILED, [{"line": FILE_LINE, "messages": exc.messages}])
        job.total = checked.total
        if checked.errors:
            return job.finish(SpendingImport.Status.FAILED, checked.report())
        try:
            created = spending.import_lines(job.uploaded_by, job.programme, checked.lines, source=job)
        except (ValidationError, PermissionDenied) as exc:
            messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
            return job.finish(SpendingImport.Status.FAILED, [{"line": FILE_LINE, "messages": messages}])
        except Exception:
            logger.exception("import of spending lines %s failed", job.pk)
            message = gettext(
                "The import stopped because of an unexpected error. Nothing was imported; try again later."
            )
            return job.finish(SpendingImport.Status.FAILED, [{"line": FILE_LINE, "messages": [message]}])
    return job.finish(SpendingImport.Status.DONE, created=len(created))
