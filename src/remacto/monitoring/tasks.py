"""Background work of implementation and monitoring (Celery autodiscovers ``tasks`` modules only)."""

from .money_tasks import import_spending  # noqa: F401 - registered with Celery here
