"""The events read API: lists with filters and query caps, one event with agenda and speakers, 404s, no emails,
and the operations in the OpenAPI schema."""

import pytest

from remacto.events.services import events as event_services

from .conftest import make_event, register

pytestmark = pytest.mark.django_db


def test_events_list_with_filters(client, regional, training, participant, django_assert_max_num_queries):
    for n in range(5):
        make_event(title=f"لقاء {n}")
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/events?level=regional")
    data = response.json()
    assert response.status_code == 200 and data["count"] == 1
    item = data["items"][0]
    assert item["seats_taken"] == 1 and item["region"] == "01" and item["time_zone"] == "Africa/Casablanca"
    assert "@" not in response.content.decode()
    assert client.get("/api/v1/events").json()["count"] == 6


def test_trainings_list(client, training, regional, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        data = client.get("/api/v1/trainings?topic=facilitation").json()
    assert [item["id"] for item in data["items"]] == [training.pk]
    assert data["items"][0]["mode"] == "remote" and data["items"][0]["trainer"] == "FAMSI"


def test_event_detail_with_agenda(client, regional, network_admin, citizen, django_assert_max_num_queries):
    event_services.set_agenda(
        network_admin,
        regional,
        [
            {
                "starts_at": "10:30",
                "title": "عرض",
                "parallel_group": "",
                "speakers": [{"name": "فتحية زبيبي", "role": "رئيسة قسم"}],
            }
        ],
    )
    register(regional, citizen)
    with django_assert_max_num_queries(5):
        response = client.get(f"/api/v1/events/{regional.pk}")
    data = response.json()
    assert data["agenda"][0]["speakers"][0]["name"] == "فتحية زبيبي"
    assert citizen.email not in response.content.decode()


@pytest.mark.parametrize("path", ["/api/v1/events/999999", "/api/v1/events?level=planet", "/api/v1/events?region=x%00"])
def test_bad_requests(client, db, path):
    assert client.get(path).status_code in (404, 422)


def test_openapi_lists_the_operations(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/trainings"} <= set(paths)
