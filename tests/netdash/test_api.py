"""The dashboard's read API: figures per member, filters, bad filters (422), roll-ups, query caps, schema."""

import pytest


def test_member_figures(client, computed, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/network/dashboard/members", {"kind": "commune", "page_size": 100}).json()
    row = next(item for item in body["items"] if item["member"] == "ben-guerir")
    assert row["ideas_per_1000"] == "0.50" or float(row["ideas_per_1000"]) == 0.5
    assert float(row["execution_rate"]) == 25.0
    assert "is_stalled" not in row and "stalled" not in row


def test_rollups(client, computed):
    body = client.get("/api/v1/network/dashboard/rollups", {"region": "07"}).json()
    assert body["level"] == "province" and body["groups"]
    assert client.get("/api/v1/network/dashboard/rollups").json()["level"] == "region"


@pytest.mark.parametrize("params", [{"region": "x"}, {"kind": "village"}, {"cohort": "1"}, {"sort": "secret"}])
def test_bad_filters_answer_422(client, reference, params):
    assert client.get("/api/v1/network/dashboard/members", params).status_code == 422


def test_in_openapi(client, reference):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/network/dashboard/members" in paths and "/api/v1/network/dashboard/rollups" in paths
