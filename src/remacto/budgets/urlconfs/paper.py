"""URL patterns of participatory budgets: paper ballots (batches, typing sheets, corrections)."""

from django.urls import path

from ..views import paper
from . import CAMPAIGN

PAPER = CAMPAIGN + "manage/paper/"

urlpatterns = [
    path(PAPER, paper.paper, name="paper"),
    path(PAPER + "<int:batch>/", paper.paper_batch, name="paper_batch"),
    path(PAPER + "<int:batch>/close/", paper.paper_batch_close, name="paper_batch_close"),
    path(PAPER + "<int:batch>/sheets/<int:sheet>/", paper.paper_mismatch, name="paper_mismatch"),
]
