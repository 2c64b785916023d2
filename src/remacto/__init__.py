"""REMACTO: the civic-participation platform of the Moroccan network of open territorial collectivities."""

from .celery import app as celery_app

__all__ = ["celery_app"]
