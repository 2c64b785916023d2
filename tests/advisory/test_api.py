"""The advisory read API: bodies per member with their members, a body's opinions, 404s, query caps, no emails."""

import pytest

from remacto.advisory.models import Body, BureauRole, Member
from remacto.advisory.services import opinions

from .conftest import TODAY, opinion_values

pytestmark = pytest.mark.django_db


def test_bodies_per_member_with_members(client, body, president, other_body, commune, django_assert_max_num_queries):
    Member.objects.create(body=body, name="جمعية الأمل", role=BureauRole.MEMBER)
    for i in range(5):
        Body.objects.create(collectivity=commune, kind="standing_committee", name=f"لجنة {i}")
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/advisory/bodies?member={commune.slug}")
    data = response.json()
    assert response.status_code == 200 and data["count"] == 6
    equity = next(item for item in data["items"] if item["id"] == body.pk)
    assert equity["kind"] == "equity" and equity["member"] == commune.slug
    assert {m["name"] for m in equity["members"]} == {"president", "جمعية الأمل"}
    assert "@" not in response.content.decode()


def test_a_bodys_opinions(client, opinion_request, president, django_assert_max_num_queries):
    opinions.give_opinion(president, opinion_request, opinion_values(), today=TODAY)
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/advisory/bodies/{opinion_request.body_id}/opinions")
    item = response.json()["items"][0]
    assert item["number"] == opinion_request.case.number and item["subject_kind"] == "programme"
    assert item["vote"] == {"votes_for": 9, "votes_against": 1, "votes_abstain": 2}
    assert item["recommendations"] == ["إدماج مؤشرات النوع", "إشراك الشباب"]
    assert item["programme_id"] == opinion_request.programme_id


@pytest.mark.parametrize("path", ["/api/v1/advisory/bodies/999999", "/api/v1/advisory/bodies/999999/opinions"])
def test_unknown_bodies_are_404(client, db, path):
    assert client.get(path).status_code == 404


def test_bad_filters_are_422(client, db):
    assert client.get("/api/v1/advisory/bodies?member=Ben%20Guerir").status_code == 422
    assert client.get("/api/v1/advisory/bodies?kind=sports").status_code == 422


def test_openapi_documents_the_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/advisory/bodies" in paths and "/api/v1/advisory/bodies/{body_id}/opinions" in paths
