"""The co-creation read API: programmes, ideas (public fields only, hidden ones never), projects; filters,
pagination, 422 on bad parameters, 404 on unknown or hidden objects, bounded queries, OpenAPI schema."""

import datetime

import pytest

from remacto.cocreation.models import Adoption, Phase, Programme, Project
from remacto.territories.models import Collectivity

from ..cocreation.outputs_fixtures import AUTHOR_EMAIL, AUTHOR_NAME, HIDDEN_TITLE, Known, build_known

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(commune) -> Known:
    return build_known(commune)


IDEA_FIELDS = {
    "id",
    "programme_id",
    "axis_id",
    "title",
    "problem",
    "solution",
    "expected_impact",
    "channel",
    "workshop_id",
    "status",
    "decision",
    "reason",
    "merged_into",
    "support_count",
    "comment_count",
    "created",
    "url",
}


def test_programmes_list_and_filters(client, known, other_commune):
    Programme.objects.create(collectivity=other_commune, cycle="2026-2027", title="Zagora", phase=Phase.IDEAS)
    data = client.get("/api/v1/programmes").json()
    assert data["count"] == 2
    assert {"id", "collectivity", "cycle", "phase", "title_ar", "title_fr", "url"} <= set(data["items"][0])
    only = client.get("/api/v1/programmes", {"collectivity": "ben-guerir"}).json()
    assert [p["id"] for p in only["items"]] == [known.programme.pk]
    assert client.get("/api/v1/programmes", {"cycle": "2024-2025"}).json()["count"] == 0
    assert client.get("/api/v1/programmes", {"phase": "ideas"}).json()["count"] == 2
    assert client.get("/api/v1/programmes", {"phase": "closed"}).json()["count"] == 0
    assert client.get("/api/v1/programmes", {"page_size": 1}).json()["items"].__len__() == 1


def test_programme_detail_has_axes_phases_and_adoption(client, known):
    Adoption.objects.create(
        programme=known.programme, session_date=datetime.date(2026, 10, 5), deliberation_number="D-17", votes_for=20
    )
    body = client.get(f"/api/v1/programmes/{known.programme.pk}").json()
    assert body["collectivity"] == "ben-guerir" and body["cycle"] == "2026-2027"
    assert [p["phase"] for p in body["phases"]] == ["information", "ideas"]
    assert body["phases"][1]["ends_on"]
    axes = {a["id"]: a for a in body["axes"]}
    assert axes[known.axis1.pk]["idea_count"] == 5 and axes[known.axis1.pk]["project_count"] == 1
    assert axes[known.axis1.pk]["budget_total_mad"] == "100000.00"
    assert axes[known.axis2.pk]["principles"] == ["access_to_information", "digitalisation"]
    assert body["budget_total_mad"] == "160000.00"
    assert body["adoption"]["deliberation_number"] == "D-17" and body["adoption"]["votes_for"] == 20


def test_programme_detail_without_adoption(client, commune):
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="x", phase=Phase.IDEAS)
    assert client.get(f"/api/v1/programmes/{programme.pk}").json()["adoption"] is None


def test_ideas_are_public_fields_only_and_never_hidden(client, known):
    response = client.get(f"/api/v1/programmes/{known.programme.pk}/ideas", {"page_size": 200})
    data = response.json()
    assert data["count"] == 8
    assert set(data["items"][0]) == IDEA_FIELDS
    text = response.content.decode()
    for secret in (HIDDEN_TITLE, AUTHOR_EMAIL, AUTHOR_NAME, "Paper Person", "@example.ma"):
        assert secret not in text
    merged = next(i for i in data["items"] if i["id"] == known.ideas["silent_merged"].pk)
    assert merged["decision"] == "merged" and merged["merged_into"] == known.ideas["amina_accepted"].pk


@pytest.mark.parametrize(
    ("params", "count"),
    [({"channel": "workshop"}, 3), ({"status": "submitted"}, 4), ({"channel": "online", "status": "accepted"}, 1)],
)
def test_idea_filters(client, known, params, count):
    assert client.get(f"/api/v1/programmes/{known.programme.pk}/ideas", params).json()["count"] == count


def test_idea_filter_by_axis(client, known):
    data = client.get(f"/api/v1/programmes/{known.programme.pk}/ideas", {"axis": known.axis2.pk}).json()
    assert data["count"] == 2


def test_idea_detail_and_hidden_idea_is_404(client, known):
    idea = known.ideas["amina_accepted"]
    body = client.get(f"/api/v1/ideas/{idea.pk}").json()
    assert set(body) == IDEA_FIELDS | {"project_ids"}
    assert body["decision"] == "accepted" and body["project_ids"] == [known.projects["p1"].pk]
    assert client.get(f"/api/v1/ideas/{known.hidden.pk}").status_code == 404
    assert client.get("/api/v1/ideas/999999").status_code == 404


def test_projects_list_and_detail(client, known):
    data = client.get(f"/api/v1/programmes/{known.programme.pk}/projects").json()
    assert data["count"] == 3
    body = client.get(f"/api/v1/projects/{known.projects['p1'].pk}").json()
    assert body["title_fr"] == "Plateforme de participation" and body["budget_mad"] == "100000.00"
    assert body["budget_to_estimate"] is False
    assert body["principles"] == ["citizen_participation"] and body["expected_results"] == ["trust"]
    assert [a["title"] for a in body["activities"]] == ["ورشة تكوينية", "إطلاق المنصة"]
    assert body["indicators"][0]["target"] == "500.00"
    assert sorted(body["source_idea_ids"]) == sorted(
        [known.ideas["amina_accepted"].pk, known.ideas["workshop_accepted"].pk]
    )


def test_hidden_project_is_not_listed_and_is_404(client, known):
    Project.objects.filter(pk=known.projects["p2"].pk).update(is_hidden=True)
    data = client.get(f"/api/v1/programmes/{known.programme.pk}/projects").json()
    assert known.projects["p2"].pk not in [p["id"] for p in data["items"]]
    assert client.get(f"/api/v1/projects/{known.projects['p2'].pk}").status_code == 404


def test_unknown_ids_are_404(client, known):
    assert client.get("/api/v1/programmes/999999").status_code == 404
    assert client.get("/api/v1/programmes/999999/ideas").status_code == 404
    assert client.get("/api/v1/programmes/999999/projects").status_code == 404
    assert client.get("/api/v1/projects/999999").status_code == 404


def test_programme_of_a_collectivity_outside_the_network_is_404(client, commune):
    outsider = Collectivity.objects.create(
        kind=commune.kind, slug="outsider", name="خارج الشبكة", region=commune.region, province=commune.province
    )
    outside = Programme.objects.create(collectivity=outsider, cycle="2026-2027", title="x", phase=Phase.IDEAS)
    assert client.get(f"/api/v1/programmes/{outside.pk}").status_code == 404
    assert client.get("/api/v1/programmes").json()["count"] == 0


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/programmes", {"cycle": "2026"}),
        ("/api/v1/programmes", {"phase": "party"}),
        ("/api/v1/programmes", {"collectivity": "<script>"}),
        ("/api/v1/programmes", {"page": "0"}),
        ("/api/v1/programmes", {"page_size": "1000"}),
        ("/api/v1/programmes/abc", {}),
        ("/api/v1/programmes/0", {}),
        ("/api/v1/programmes/99999999999999999999", {}),
        ("/api/v1/programmes/{pk}/ideas", {"channel": "pigeon"}),
        ("/api/v1/programmes/{pk}/ideas", {"status": "maybe"}),
        ("/api/v1/programmes/{pk}/ideas", {"axis": "x"}),
        ("/api/v1/ideas/abc", {}),
        ("/api/v1/projects/-1", {}),
    ],
)
def test_bad_parameters_are_422(client, known, path, params):
    response = client.get(path.format(pk=known.programme.pk), params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_queries_are_bounded(client, known, django_assert_max_num_queries):
    pk = known.programme.pk
    for path, limit in [
        ("/api/v1/programmes", 3),
        (f"/api/v1/programmes/{pk}", 4),
        (f"/api/v1/programmes/{pk}/ideas", 4),
        (f"/api/v1/ideas/{known.ideas['amina_accepted'].pk}", 3),
        (f"/api/v1/programmes/{pk}/projects", 4),
        (f"/api/v1/projects/{known.projects['p1'].pk}", 5),
    ]:
        with django_assert_max_num_queries(limit):
            assert client.get(path, {"page_size": 200} if path.endswith("s") else None).status_code == 200


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/programmes",
        "/api/v1/programmes/{programme_id}",
        "/api/v1/programmes/{programme_id}/ideas",
        "/api/v1/ideas/{idea_id}",
        "/api/v1/programmes/{programme_id}/projects",
        "/api/v1/projects/{project_id}",
    ):
        assert path in schema["paths"]
    idea = schema["components"]["schemas"]["IdeaDetailOut"]["properties"]
    assert "author" not in idea and "author_name" not in idea and "place" not in idea
