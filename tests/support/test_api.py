"""The FAQ API: paginated, filtered by category, searched with the same folding as the page, in the OpenAPI
schema; no ticket, member or person in it; bad filters answer 422 and unknown entries 404."""

import pytest

from remacto.support import services

pytestmark = pytest.mark.django_db

API = "/api/v1/support/faq"


@pytest.fixture
def entries(network_admin):
    made = [
        services.publish_faq(network_admin, category="platform", question=f"إضافة {n}", answer="...") for n in range(3)
    ]
    made.append(services.publish_faq(network_admin, category="legal", question="Délai légal", answer="20 jours."))
    return made


def test_the_faq_list(client, entries, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        body = client.get(API).json()
    assert body["count"] == 4
    assert set(body["items"][0]) == {"id", "category", "question", "answer", "published_at", "url"}
    assert client.get(API, {"category": "legal"}).json()["count"] == 1
    assert client.get(API, {"q": "اضافه"}).json()["count"] == 3


def test_one_entry_and_bad_input(client, entries):
    assert client.get(f"{API}/{entries[-1].pk}").json()["question"] == "Délai légal"
    assert client.get(f"{API}/999999").status_code == 404
    assert client.get(f"{API}/0").status_code == 422
    assert client.get(API, {"category": "gossip"}).status_code == 422
    assert client.get(API, {"q": "x" * 500}).status_code == 422


def test_the_faq_is_in_the_openapi_schema(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert API in paths and f"{API}/{{entry_id}}" in paths
    assert not any("ticket" in path for path in paths)
