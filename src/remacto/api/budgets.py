"""Read endpoints for participatory-budget campaigns: the campaigns, each with its ballot, rule, calendar, districts
and projects on the ballot, and the results once they are published (404 before).

Campaigns are public once created (see :mod:`remacto.budgets.selectors`); proposals hidden by moderation are never
listed; the anonymous ballots themselves are published as a pabulib file (``budgets:export_pb``), not here.
"""

from typing import Annotated

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import paginate

from remacto.budgets import selectors

from .budgets_schemas import CampaignDetailOut, CampaignOut, ResultsOut
from .territories import Pagination

router = Router(tags=["participatory budgets"])

ObjectId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class CampaignFilters(Schema):
    collectivity: str = Field("", max_length=100, pattern=r"^[-a-z0-9]*$", description="member slug, e.g. ben-guerir")


@router.get("/pb/campaigns", response=list[CampaignOut])
@paginate(Pagination)
def list_campaigns(request, filters: Query[CampaignFilters]):
    """Participatory-budget campaigns, newest voting first, filterable by collectivity."""
    qs = selectors.campaigns()
    if filters.collectivity:
        qs = qs.filter(collectivity__slug=filters.collectivity)
    return qs


@router.get("/pb/campaigns/{campaign_id}", response=CampaignDetailOut)
def get_campaign(request, campaign_id: ObjectId):
    """A campaign with its budget, ballot, counting rule, calendar, districts and the projects on its ballot."""
    campaign = get_object_or_404(selectors.campaigns(), pk=campaign_id)
    campaign.calendar = selectors.calendar(campaign)
    campaign.district_list = list(campaign.districts.all())
    campaign.project_list = selectors.ballot_proposals(campaign)
    return campaign


@router.get("/pb/campaigns/{campaign_id}/results", response=ResultsOut)
def get_results(request, campaign_id: ObjectId):
    """The published results: rule, budget used, the selected projects' codes, voters and ballots counted, and
    each project's votes and score; 404 until the results are published."""
    campaign = get_object_or_404(selectors.campaigns(), pk=campaign_id)
    count = selectors.published_count(campaign)
    if count is None:
        raise Http404("No published results")
    return count
