"""URL patterns of co-creation: outputs (the public programme page, statistics, PDF, CSV and JSON exports)."""

from django.urls import path

from ..views import outputs
from . import PROGRAMME

urlpatterns = [
    path(PROGRAMME, outputs.programme, name="programme"),
    path(PROGRAMME + "statistics/", outputs.statistics, name="statistics"),
    path(PROGRAMME + "pdf/<str:lang>/", outputs.programme_pdf, name="programme_pdf"),
    path(PROGRAMME + "export.csv", outputs.export_csv, name="export_csv"),
    path(PROGRAMME + "export.json", outputs.export_json, name="export_json"),
]
