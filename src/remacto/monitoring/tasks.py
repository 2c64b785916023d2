"""Celery tasks of monitoring (autodiscovered): each area's tasks are imported here."""

from .opendata_tasks import export_opendata

__all__ = ["export_opendata"]
