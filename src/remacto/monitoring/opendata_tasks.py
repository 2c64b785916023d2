"""Background work of the monitoring open data: building a programme's file (see :mod:`remacto.core.outputs`).

Celery's autodiscovery imports ``tasks`` modules only: ``monitoring/tasks.py`` imports this task so workers know it.
"""

from celery import shared_task

from remacto.cocreation.models import Programme
from remacto.core.outputs import BackgroundOutput, delete_older

from . import opendata

OPEN_DATA_FILE = BackgroundOutput("monitoring:opendata")


@shared_task(name="monitoring.export_opendata")
def export_opendata(programme_id: int, what: str, fmt: str, name: str) -> str:
    """Build and store the file ``name`` (``what`` in ``fmt``) of the programme; drop its older versions."""
    programme = Programme.objects.select_related("collectivity").get(pk=programme_id)
    with OPEN_DATA_FILE.building(name) as report:
        stored = opendata.write(programme, what, fmt, name, progress=report)
    delete_older(opendata.FOLDER, opendata.storage_prefix(programme, what, fmt), keep=stored)
    return stored


def start(programme: Programme, what: str, fmt: str, name: str) -> bool:
    """Start building unless it is already under way for ``name``; ``True`` when a task was started."""
    return OPEN_DATA_FILE.start(name, lambda: export_opendata.delay(programme.pk, what, fmt, name))


def failed(name: str) -> bool:
    return OPEN_DATA_FILE.failed(name)
