"""URL patterns of co-evaluation: the evaluation of a project and of the programme, the scorecard's criteria and
the programme's final report."""

from django.urls import path

from ..views import evaluations
from . import PROGRAMME, PROJECT

urlpatterns = [
    path(PROJECT + "evaluation/", evaluations.project_evaluation, name="evaluation"),
    path(PROGRAMME + "evaluation/", evaluations.programme_evaluation, name="programme_evaluation"),
    path(PROGRAMME + "evaluation/criteria/", evaluations.criteria, name="evaluation_criteria"),
    path(PROGRAMME + "report/<str:lang>/", evaluations.report_pdf, name="report"),
]
