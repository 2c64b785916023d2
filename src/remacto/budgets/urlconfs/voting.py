"""URL patterns of participatory budgets: eligibility and verification, the ballot, receipts, desk codes."""

from django.urls import path

from ..views import voting
from . import CAMPAIGN

urlpatterns = [
    path(CAMPAIGN + "vote/", voting.vote, name="vote"),
    path(CAMPAIGN + "vote/verify/", voting.verify, name="verify"),
    path(CAMPAIGN + "vote/verify/code/", voting.verify_code, name="verify_code"),
    path(CAMPAIGN + "vote/done/", voting.voted, name="voted"),
    path(CAMPAIGN + "receipt/", voting.receipt, name="receipt"),
    path(CAMPAIGN + "manage/codes/", voting.codes, name="codes"),
    path(CAMPAIGN + "manage/codes/print/", voting.codes_print, name="codes_print"),
]
