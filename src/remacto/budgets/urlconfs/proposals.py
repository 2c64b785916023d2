"""URL patterns of participatory budgets: proposals (list, page, photos, proposing, edits, withdrawal, appeals),
the reviewers' queue and decisions, and the promotion of co-creation ideas."""

from django.urls import path

from ..views import proposals
from . import CAMPAIGN

PROPOSAL = CAMPAIGN + "proposals/<str:code>/"

urlpatterns = [
    path(CAMPAIGN + "proposals/", proposals.proposal_list, name="proposals"),
    path(CAMPAIGN + "propose/", proposals.propose, name="propose"),
    path(PROPOSAL, proposals.proposal, name="proposal"),
    path(PROPOSAL + "edit/", proposals.proposal_edit, name="proposal_edit"),
    path(PROPOSAL + "withdraw/", proposals.proposal_withdraw, name="proposal_withdraw"),
    path(PROPOSAL + "appeal/", proposals.appeal, name="appeal"),
    path(PROPOSAL + "photos/<int:photo>/", proposals.proposal_photo, name="proposal_photo"),
    path(CAMPAIGN + "manage/review/", proposals.review, name="review"),
    path(CAMPAIGN + "manage/review/<str:code>/", proposals.review_one, name="review_one"),
    path(CAMPAIGN + "manage/promote/", proposals.promote_idea, name="promote_idea"),
]
