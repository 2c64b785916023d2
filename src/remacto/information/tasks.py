"""Celery tasks of access to information (autodiscovered): the PDF of the complaint to the national commission."""

from .cdai_tasks import render_cdai_pdf

__all__ = ["render_cdai_pdf"]
