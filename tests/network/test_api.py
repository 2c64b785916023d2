"""The network's read API: public decision fields only, published news only, OpenAPI, query caps."""

import pytest

from remacto.network.services import applications, news

pytestmark = pytest.mark.django_db


def test_decisions_show_public_fields_only(client, application, network_admin, django_assert_max_num_queries):
    assert client.get("/api/v1/network/decisions").json()["items"] == []  # pending: not public
    applications.decide(network_admin, application, accept=False, text="المداولة غير موقعة")
    with django_assert_max_num_queries(3):
        items = client.get("/api/v1/network/decisions").json()["items"]
    assert len(items) == 1
    item = items[0]
    assert item["status"] == "rejected"
    assert item["decision_text"] == "المداولة غير موقعة"
    assert item["member"] == application.collectivity.slug
    assert not {"focal_email", "focal_phone", "focal_name", "deliberation", "applicant"} & set(item)


def test_decision_filters_refuse_junk(client):
    assert client.get("/api/v1/network/decisions", {"status": "pending"}).status_code == 422
    assert client.get("/api/v1/network/decisions", {"member": "<x>"}).status_code == 422
    assert client.get("/api/v1/network/decisions", {"page": "0"}).status_code == 422


def test_news_lists(client, focal_point, commune, network_admin, candidate, django_assert_max_num_queries):
    for i in range(3):
        news.write(focal_point, commune, {"title": f"خبر {i}", "body": "**نص**", "status": "published"})
    news.write(focal_point, commune, {"title": "مسودة", "body": "نص", "status": "draft"})
    news.write(network_admin, None, {"title": "خبر الشبكة", "body": "نص", "status": "published"})
    with django_assert_max_num_queries(4):
        data = client.get(f"/api/v1/collectivities/{commune.slug}/news").json()
    assert data["count"] == 3
    assert data["items"][0]["body_html"] == "<p><strong>نص</strong></p>"
    assert data["items"][0]["url"].startswith(f"/ar/members/{commune.slug}/news/")
    network = client.get("/api/v1/network/news").json()
    assert [item["title"] for item in network["items"]] == ["خبر الشبكة"]
    assert client.get(f"/api/v1/collectivities/{candidate.slug}/news").status_code == 404


def test_openapi_lists_the_network_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/network/decisions", "/api/v1/network/news", "/api/v1/collectivities/{slug}/news"} <= set(paths)
