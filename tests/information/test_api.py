"""The information read API: published answers (never the requester, the request's wording or its documents)
and published documents, filterable by member (and category), searchable, paginated, in the OpenAPI schema."""

import pytest

from remacto.information.services import disclosure
from remacto.information.services import requests as services

from .conftest import MONDAY, REQUESTER, VALUES

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(filed, officer):
    services.answer(officer, filed, text="Les procès-verbaux sont affichés au siège de la commune.")
    return services.publish_answer(officer, filed, question="Où lire les procès-verbaux du conseil ?")


def test_published_answers_without_the_requester(
    client, published, filed, officer, commune, today, django_assert_max_num_queries
):
    other = services.file_request(filed.case.requester, commune, **VALUES)
    services.answer(officer, other, text="Pas publié")
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/information/answers").json()
    assert body["count"] == 1
    item = body["items"][0]
    assert set(item) == {
        "id",
        "number",
        "member",
        "question",
        "answer",
        "answered_on",
        "published_at",
        "document_id",
        "url",
    }
    assert item["number"] == "INF-2026-00001" and item["member"] == "ben-guerir"
    assert item["question"] == "Où lire les procès-verbaux du conseil ?"
    text = str(body)
    assert REQUESTER not in text and VALUES["subject"] not in text and "citizen@example.ma" not in text
    assert client.get("/api/v1/information/answers", {"q": "proces verbaux"}).json()["count"] == 1
    assert client.get("/api/v1/information/answers", {"q": "budget"}).json()["count"] == 0
    assert client.get("/api/v1/information/answers", {"member": "zagora"}).json()["count"] == 0


def test_documents_filtered_by_member_category_and_words(
    client, today, commune, other_commune, focal_point, other_focal_point, django_assert_max_num_queries
):
    for actor, member, title, category in (
        (focal_point, commune, "الميزانية 2026", "budget"),
        (focal_point, commune, "مقررات دورة فبراير", "deliberations"),
        (other_focal_point, other_commune, "Budget de Zagora", "budget"),
    ):
        disclosure.publish_document(
            actor, member, title=title, category=category, published_on=MONDAY, link="https://example.ma/doc"
        )
    with django_assert_max_num_queries(3):
        body = client.get("/api/v1/information/documents").json()
    assert body["count"] == 3 and set(body["items"][0]) == {
        "id",
        "member",
        "title",
        "category",
        "published_on",
        "description",
        "file_url",
        "url",
    }
    assert client.get("/api/v1/information/documents", {"member": "ben-guerir"}).json()["count"] == 2
    budget = client.get("/api/v1/information/documents", {"category": "budget", "member": "ben-guerir"}).json()
    assert [d["title"] for d in budget["items"]] == ["الميزانية 2026"]
    assert client.get("/api/v1/information/documents", {"q": "الميزانيه"}).json()["count"] == 1


@pytest.mark.parametrize(
    "params",
    [{"category": "secret"}, {"member": "Ben Guerir!"}, {"page": "0"}, {"q": "x" * 500}],
)
def test_bad_parameters_are_422(client, params):
    assert client.get("/api/v1/information/documents", params).status_code == 422


def test_unknown_member_lists_nothing(client, reference):
    response = client.get("/api/v1/information/answers", {"member": "nowhere"})
    assert response.status_code == 200 and response.json()["count"] == 0


def test_in_the_openapi_schema(client, reference):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/information/answers" in schema["paths"] and "/api/v1/information/documents" in schema["paths"]
    assert "DisclosureCategory" in schema["components"]["schemas"]
