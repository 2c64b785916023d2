"""The practices API: published practices only, filters (q with spelling variants, axis, principle, kind,
member), the detail with structure and documents, bad parameters answered 422, in the OpenAPI schema; query
counts capped."""

import pytest

from remacto.practices import services

from .conftest import VALUES, submit

pytestmark = pytest.mark.django_db


def test_list_and_filters(client, published, focal_point, commune, network_admin, django_assert_max_num_queries):
    for n in range(3):
        services.publish(network_admin, submit(focal_point, commune, title=f"ممارسة {n}"))
    hidden = submit(focal_point, commune, title="مسودة")
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/practices")
    data = response.json()
    assert response.status_code == 200 and data["count"] == 4
    assert hidden.pk not in [item["id"] for item in data["items"]]
    item = next(item for item in data["items"] if item["id"] == published.pk)
    assert item["member"] == commune.slug and item["member_kind"] == "commune"
    assert item["principles"] == ["digitalisation"] and item["axes"] == ["المشاركة المواطنة", "الرقمنة"]
    assert "submitted_by" not in item and "contact_email" not in item
    assert client.get("/api/v1/practices?q=الاداره الرقميه").json()["count"] == 1
    assert client.get("/api/v1/practices?q=رقمي").json()["count"] == 4
    assert client.get("/api/v1/practices?q=ممارسه").json()["count"] == 3
    assert client.get("/api/v1/practices?axis=الرقمنه&principle=digitalisation&kind=commune").json()["count"] == 4
    assert client.get("/api/v1/practices?member=zagora").json()["count"] == 0


@pytest.mark.parametrize(
    "query", ["principle=bogus", "kind=village", "member=Not%20a%20slug", "q=" + "x" * 500, "page=0", "q=a%00b"]
)
def test_bad_parameters_are_422(client, published, query):
    assert client.get(f"/api/v1/practices?{query}").status_code in (400, 422)


def test_detail_and_hidden_practices(client, published, practice, focal_point, commune, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/practices/{published.pk}")
    data = response.json()
    assert data["contact_name"] == VALUES["contact_name"]
    assert [axis["projects"] for axis in data["structure"]] == [
        ["تشجيع الديمقراطية التشاركية", "دليل العرائض"],
        ["شباك رقمي"],
    ]
    draft = submit(focal_point, commune, title="غير منشورة")
    assert client.get(f"/api/v1/practices/{draft.pk}").status_code == 404
    assert client.get("/api/v1/practices/0").status_code == 422


def test_openapi_documents_the_filters(client):
    schema = client.get("/api/v1/openapi.json").json()
    parameters = {p["name"] for p in schema["paths"]["/api/v1/practices"]["get"]["parameters"]}
    assert {"q", "axis", "principle", "kind", "member", "page"} <= parameters
    assert "/api/v1/practices/{practice_id}" in schema["paths"]
