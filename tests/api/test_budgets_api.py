"""The participatory-budget read API: campaigns (filter, pagination), a campaign with its ballot, rule, calendar,
districts and projects on the ballot (hidden and off-ballot proposals never), results only once published;
422 on bad parameters, 404 on unknown ids, bounded queries, OpenAPI schema."""

from decimal import Decimal

import pytest

from remacto.budgets.models import BallotType, District, Proposal
from remacto.budgets.services.counting import count_campaign, publish_results

from ..budgets.conftest import accepted, campaign_in, store_ballots

pytestmark = pytest.mark.django_db

RESULT_FIELDS = {"rule", "completion", "budget", "total_cost", "selected", "voters", "ballots"}


@pytest.fixture
def voting(commune):
    return campaign_in(commune, "voting")


@pytest.fixture
def zagora(other_commune):
    return campaign_in(other_commune, "voting", title="Zagora")


@pytest.fixture
def closed(commune):
    """A closed knapsack campaign with districts, proposals in every state and ballots, counted, not published."""
    campaign = campaign_in(commune, "counting", ballot_type=BallotType.KNAPSACK)
    north = District.objects.create(campaign=campaign, name="الشمال", budget=Decimal(250_000), position=1)
    accepted(campaign, "P1", 150_000, district=north, position=1)
    accepted(campaign, "P2", 120_000, position=2)
    accepted(campaign, "P3", 90_000, position=3, is_hidden=True)
    Proposal.objects.create(
        campaign=campaign, code="P4", title="مرفوض", description="-", estimated_cost=1, status=Proposal.Status.REJECTED
    )
    Proposal.objects.create(campaign=campaign, code="P5", title="قيد الدراسة", description="-", estimated_cost=1)
    store_ballots(campaign, [["P1", "P2"], ["P1"], ["P2"]])
    return campaign


def test_campaigns_list_filter_and_pagination(client, voting, zagora, closed):
    data = client.get("/api/v1/pb/campaigns").json()
    assert data["count"] == 3
    first = data["items"][0]
    assert {"id", "collectivity", "title", "title_ar", "budget", "ballot_type", "rule", "phase", "url"} <= set(first)
    only = client.get("/api/v1/pb/campaigns", {"collectivity": "zagora"}).json()
    assert [c["id"] for c in only["items"]] == [zagora.pk]
    assert client.get("/api/v1/pb/campaigns", {"collectivity": "nowhere"}).json()["count"] == 0
    assert len(client.get("/api/v1/pb/campaigns", {"page_size": 1}).json()["items"]) == 1


@pytest.mark.parametrize(
    "params", [{"collectivity": "Ben Guerir"}, {"collectivity": "x" * 101}, {"page": 0}, {"page_size": 1000}]
)
def test_bad_list_parameters_are_422(client, params):
    assert client.get("/api/v1/pb/campaigns", params).status_code == 422


def test_a_campaign_with_its_ballot_and_projects(client, closed):
    body = client.get(f"/api/v1/pb/campaigns/{closed.pk}").json()
    assert body["budget"] == "400000.00" and body["ballot_type"] == "knapsack"
    assert (body["rule"], body["completion"], body["comparison"]) == ("greedy", "none", "none")
    assert body["phase"] == "counting" and body["collectivity"] == "ben-guerir"
    assert [p["phase"] for p in body["phases"]] == ["proposals", "review", "voting", "results"]
    assert body["districts"] == [
        {"id": closed.districts.get().pk, "kind": "district", "name": "الشمال", "budget": "250000.00"}
    ]
    # On the ballot and visible only: not the hidden P3, the rejected P4 or P5 still under review.
    assert [(p["code"], p["cost"], p["status"]) for p in body["projects"]] == [
        ("P1", "150000.00", "accepted"),
        ("P2", "120000.00", "accepted"),
    ]
    assert body["projects"][0]["district_id"] == closed.districts.get().pk


def test_results_only_once_published(client, closed, focal_point):
    assert client.get(f"/api/v1/pb/campaigns/{closed.pk}/results").status_code == 404
    count = count_campaign(closed)
    assert client.get(f"/api/v1/pb/campaigns/{closed.pk}/results").status_code == 404  # counted, not published
    publish_results(focal_point, closed, count)
    body = client.get(f"/api/v1/pb/campaigns/{closed.pk}/results").json()
    assert set(body) >= RESULT_FIELDS
    assert body["selected"] == count.selected and body["voters"] == body["ballots"] == 3
    assert (body["rule"], body["budget"]) == ("greedy", "400000.00")
    assert {p["code"]: p["votes"] for p in body["projects"]} == {"P1": 2, "P2": 2, "P3": 0}


@pytest.mark.parametrize("path", ["/api/v1/pb/campaigns/{}", "/api/v1/pb/campaigns/{}/results"])
def test_unknown_and_out_of_range_ids(client, path):
    assert client.get(path.format(999_999)).status_code == 404
    assert client.get(path.format(0)).status_code == 422
    assert client.get(path.format(2**31)).status_code == 422


def test_bounded_queries(client, closed, voting, focal_point, django_assert_max_num_queries):
    publish_results(focal_point, closed, count_campaign(closed))
    with django_assert_max_num_queries(3):
        client.get("/api/v1/pb/campaigns")
    with django_assert_max_num_queries(4):
        client.get(f"/api/v1/pb/campaigns/{closed.pk}")
    with django_assert_max_num_queries(3):
        client.get(f"/api/v1/pb/campaigns/{closed.pk}/results")


def test_the_openapi_schema_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = schema["paths"]
    assert {
        "/api/v1/pb/campaigns",
        "/api/v1/pb/campaigns/{campaign_id}",
        "/api/v1/pb/campaigns/{campaign_id}/results",
    } <= set(paths)
    results = paths["/api/v1/pb/campaigns/{campaign_id}/results"]["get"]
    assert {"200", "404", "422"} <= set(results["responses"])
    [param] = results["parameters"]
    assert (param["schema"]["minimum"], param["schema"]["maximum"]) == (1, 2**31 - 1)
    [collectivity] = [p for p in paths["/api/v1/pb/campaigns"]["get"]["parameters"] if p["name"] == "collectivity"]
    assert collectivity["schema"]["pattern"] == "^[-a-z0-9]*$"
    components = schema["components"]["schemas"]
    assert set(components["ResultsOut"]["required"]) >= RESULT_FIELDS
    assert components["BallotType"]["enum"] == ["approval", "knapsack", "cumulative", "ranked"]
    assert components["CountingRule"]["enum"] == ["greedy", "greedy-threshold", "mes"]
