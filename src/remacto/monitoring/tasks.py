"""Background work of implementation and monitoring (Celery's autodiscovery reads only ``tasks`` modules)."""

from .report_tasks import render_report_pdf  # noqa: F401 - registered with Celery here
