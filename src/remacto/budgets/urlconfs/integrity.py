"""URL patterns of participatory budgets: integrity review (signals, decisions on their ballots)."""

from django.urls import path

from ..views import integrity
from . import CAMPAIGN

INTEGRITY = CAMPAIGN + "manage/integrity/"

urlpatterns = [
    path(INTEGRITY, integrity.integrity, name="integrity"),
    path(INTEGRITY + "scan/", integrity.integrity_scan, name="integrity_scan"),
    path(INTEGRITY + "<int:flag>/", integrity.integrity_flag, name="integrity_flag"),
]
