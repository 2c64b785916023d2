"""URL patterns of participatory budgets: the campaign list and pages, the rules page, staff settings."""

from django.urls import path

from ..views import campaigns
from . import CAMPAIGN, MEMBER

urlpatterns = [
    path("budgets/", campaigns.all_campaigns, name="all_campaigns"),
    path(MEMBER, campaigns.campaign_list, name="campaigns"),
    path(MEMBER + "new/", campaigns.campaign_create, name="campaign_create"),
    path(CAMPAIGN, campaigns.campaign, name="campaign"),
    path(CAMPAIGN + "rules/", campaigns.rules_page, name="rules"),
    path(CAMPAIGN + "manage/", campaigns.manage, name="manage"),
    path(CAMPAIGN + "manage/settings/", campaigns.campaign_edit, name="campaign_edit"),
    path(CAMPAIGN + "manage/districts/", campaigns.districts_edit, name="districts_edit"),
    path(CAMPAIGN + "manage/lock/", campaigns.lock, name="lock"),
]
