"""URL patterns of participatory budgets: open data of the results (the pabulib file of the ballots, the CSV)."""

from django.urls import path

from ..views import opendata
from . import CAMPAIGN

urlpatterns = [
    path(CAMPAIGN + "results/ballots.pb", opendata.export_pb, name="export_pb"),
    path(CAMPAIGN + "results/results.csv", opendata.export_csv, name="export_csv"),
]
