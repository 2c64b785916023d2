"""The read API: same counts as the directory, filters, pagination, errors, OpenAPI schema."""

import pytest

from remacto.territories import selectors

pytestmark = pytest.mark.django_db


def test_collectivity_counts_match_the_directory(reference, client):
    data = client.get("/api/v1/collectivities", {"page_size": 200}).json()
    assert data["count"] == selectors.members().count() == 88
    assert len(data["items"]) == 88
    assert {"slug", "kind", "name_ar", "name_fr", "region_code", "cohort_year", "url"} <= set(data["items"][0])


def test_filters_and_search(reference, client):
    data = client.get("/api/v1/collectivities", {"region": "07", "kind": "commune"}).json()
    assert data["count"] == 6
    data = client.get("/api/v1/collectivities", {"q": "اولاد تايمه"}).json()
    assert [item["slug"] for item in data["items"]] == ["oulad-teima"]
    assert client.get("/api/v1/collectivities", {"cohort": "none"}).json()["count"] == 23


def test_regions_and_provinces(reference, client):
    regions = client.get("/api/v1/regions").json()
    assert len(regions) == 12 and sum(r["member_count"] for r in regions) == 88
    assert client.get("/api/v1/regions/07").json()["name_fr"] == "Marrakech-Safi"
    provinces = client.get("/api/v1/provinces", {"page_size": 200}).json()
    assert provinces["count"] == 75
    assert client.get("/api/v1/provinces", {"kind": "prefecture"}).json()["count"] == 13


def test_detail_and_not_found(reference, client, focal_point):
    body = client.get("/api/v1/collectivities/ben-guerir").json()
    assert body["name_fr"] == "Ben Guerir" and body["focal_points"] == [str(focal_point)]
    assert body["parent_slug"] == "region-marrakech-safi" and body["charter_version"] == "2022"
    assert client.get("/api/v1/collectivities/nowhere").status_code == 404
    assert client.get("/api/v1/regions/99").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "0"},
        {"page_size": "1000"},
        {"q": "x" * 500},
        {"kind": "planet"},
        {"cohort": "20x2"},
    ],
)
def test_bad_parameters_are_422_with_details(reference, client, params):
    response = client.get("/api/v1/collectivities", params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_list_queries_are_bounded(reference, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        client.get("/api/v1/collectivities", {"page_size": 200})


def test_openapi_schema_lists_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/regions",
        "/api/v1/provinces",
        "/api/v1/collectivities",
        "/api/v1/collectivities/{slug}",
    ):
        assert path in schema["paths"]
