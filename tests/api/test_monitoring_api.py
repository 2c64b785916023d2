"""The monitoring read API: updates, spending lines, indicator values, observations and evaluations of an adopted
programme, paginated and filterable by project; hidden observations and unpublished evaluations never; no
personal data; 404 for a programme not adopted or unknown, 422 on bad parameters; bounded queries."""

import json

import pytest

from remacto.cocreation.models import Phase

from ..monitoring.conftest import implemented_programme
from ..monitoring.opendata_fixtures import HIDDEN_TEXT, PERSONAL, UNPUBLISHED_SUMMARY, history

pytestmark = pytest.mark.django_db

ENDPOINTS = ("updates", "spending", "indicators", "observations", "evaluations")


@pytest.fixture
def known(commune):
    return history(implemented_programme(commune))


def _get(client, programme, what, **params):
    return client.get(f"/api/v1/monitoring/programmes/{programme.pk}/{what}", params)


def test_updates_spending_and_indicator_values(client, known):
    updates = _get(client, known.programme, "updates").json()
    assert updates["count"] == 3
    assert [(u["project_id"], u["reported_on"], u["progress"]) for u in updates["items"]] == [
        (known.first.pk, "2026-02-01", 10),
        (known.first.pk, "2026-03-01", 40),
        (known.second.pk, "2026-02-01", 5),
    ]
    assert set(updates["items"][0]) == {
        "id",
        "project_id",
        "project_code",
        "project_order",
        "reported_on",
        "progress",
        "narrative",
    }
    spending = _get(client, known.programme, "spending").json()["items"]
    assert [(s["kind"], s["amount_mad"], s["reference"]) for s in spending][:2] == [
        ("committed", "80000.00", "ENG-2026-001"),
        ("paid", "30000.50", "OP-2026-001"),
    ]
    paid = _get(client, known.programme, "spending", kind="paid").json()
    assert paid["count"] == 2
    values = _get(client, known.programme, "indicators").json()["items"]
    assert [(v["project_id"], v["indicator"], v["target"], v["value"]) for v in values] == [
        (known.first.pk, "عدد الزوار", "1000.00", "400.00"),
        (known.second.pk, "عدد الزوار", "1000.00", "50.00"),
    ]


def test_observations_are_visible_only_and_anonymous(client, known):
    data = _get(client, known.programme, "observations").json()
    assert [o["id"] for o in data["items"]] == [known.visible.pk]
    observation = data["items"][0]
    assert observation["answer"] and observation["answered_on"]
    assert not {"author", "author_name", "latitude", "longitude", "user"} & set(observation)


def test_evaluations_are_published_only_with_aggregates(client, known):
    data = _get(client, known.programme, "evaluations").json()
    assert [e["id"] for e in data["items"]] == [known.published.pk]
    evaluation = data["items"][0]
    assert evaluation["answer_count"] == 2 and evaluation["scorecard_count"] == 2
    assert evaluation["satisfaction_average"] == 3.0 and evaluation["informed_average"] == 3.0
    assert evaluation["useful"] == {"yes": 1, "partly": 1, "no": 0}
    assert evaluation["criteria"] == [
        {"criterion": "الشفافية", "average": 3.0, "count": 2},
        {"criterion": "المشاركة", "average": 4.0, "count": 2},
    ]
    assert _get(client, known.programme, "evaluations", project=known.second.pk).json()["count"] == 0


def test_nothing_personal_or_hidden_in_any_answer(client, known):
    for what in ENDPOINTS:
        body = json.dumps(_get(client, known.programme, what).json(), ensure_ascii=False)
        for secret in PERSONAL:
            assert secret not in body, (what, secret)
    assert HIDDEN_TEXT not in body and UNPUBLISHED_SUMMARY not in body


@pytest.mark.parametrize("what", ENDPOINTS)
def test_filter_by_project_and_pagination(client, known, what):
    everything = _get(client, known.programme, what).json()
    first = _get(client, known.programme, what, project=known.first.pk).json()
    second = _get(client, known.programme, what, project=known.second.pk).json()
    assert first["count"] + second["count"] == everything["count"]
    assert {item["project_id"] for item in first["items"]} <= {known.first.pk}
    if everything["count"] > 1:
        page = _get(client, known.programme, what, page_size=1, page=2).json()
        assert page["count"] == everything["count"] and page["items"] == everything["items"][1:2]


@pytest.mark.parametrize("what", ENDPOINTS)
def test_other_projects_and_hidden_projects_are_left_out(client, known, other_commune, what):
    other_project = implemented_programme(other_commune, title="Zagora").projects.first()
    other_project.progress_updates.create(reported_on="2026-02-01", progress=5, narrative="Zagora")
    assert _get(client, known.programme, what, project=other_project.pk).json()["count"] == 0
    known.first.is_hidden = True
    known.first.save()
    assert _get(client, known.programme, what, project=known.first.pk).json()["count"] == 0


@pytest.mark.parametrize("what", ENDPOINTS)
def test_a_programme_not_adopted_or_unknown_is_404(client, known, what):
    assert _get(client, known.programme, what).status_code == 200
    known.programme.phase = Phase.ADOPTION
    known.programme.save()
    assert _get(client, known.programme, what).status_code == 404
    assert client.get(f"/api/v1/monitoring/programmes/999999/{what}").status_code == 404


@pytest.mark.parametrize("params", [{"project": "x"}, {"project": 0}, {"page_size": 1000}, {"kind": "stolen"}])
def test_bad_parameters_are_422(client, known, params):
    assert _get(client, known.programme, "spending", **params).status_code == 422


@pytest.mark.parametrize("what", ENDPOINTS)
def test_lists_read_a_bounded_number_of_queries(client, known, what, django_assert_max_num_queries):
    for project in (known.first, known.second):  # more rows must not mean more queries
        for n in range(5):
            project.progress_updates.create(reported_on=f"2026-05-{n + 1:02d}", progress=50, narrative="…")
    with django_assert_max_num_queries(6):
        response = _get(client, known.programme, what)
    assert response.status_code == 200


def test_the_endpoints_are_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for what in ENDPOINTS:
        operation = paths[f"/api/v1/monitoring/programmes/{{programme_id}}/{what}"]["get"]
        assert "project" in {p["name"] for p in operation["parameters"]}
        assert {"200", "404", "422"} <= set(operation["responses"])
