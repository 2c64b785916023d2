"""URL patterns of participatory budgets: counts, the results page and PDF, the follow-up of selected projects."""

from django.urls import path

from ..views import results
from . import CAMPAIGN

urlpatterns = [
    path(CAMPAIGN + "results/", results.results, name="results"),
    path(CAMPAIGN + "results/pdf/<str:lang>/", results.results_pdf, name="results_pdf"),
    path(CAMPAIGN + "results/<str:code>/implementation/", results.implementation_edit, name="implementation_edit"),
    path(CAMPAIGN + "manage/count/", results.count, name="count"),
    path(CAMPAIGN + "manage/count/<int:count>/", results.count_status, name="count_status"),
]
