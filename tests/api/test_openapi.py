"""The OpenAPI schema says what the API accepts and answers: one enum per choice field, 404 and 422 documented."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/v1/openapi.json").json()


def _parameter(schema, path: str, name: str) -> dict:
    [parameter] = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name]
    return parameter["schema"]


def _enum(schema, ref_holder: dict) -> list[str]:
    ref = next(item["$ref"] for item in ref_holder["anyOf"] if "$ref" in item)
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["enum"]


def test_province_and_collectivity_kinds_are_two_enums(schema):
    assert _enum(schema, _parameter(schema, "/api/v1/provinces", "kind")) == ["prefecture", "province"]
    assert _enum(schema, _parameter(schema, "/api/v1/collectivities", "kind")) == [
        "region",
        "prefecture_council",
        "province_council",
        "commune",
    ]
    province_out = schema["components"]["schemas"]["ProvinceOut"]["properties"]["kind"]
    assert province_out == {"$ref": "#/components/schemas/ProvinceKind"}


def test_documented_kinds_are_accepted(client, reference):
    for kind in ("prefecture", "province"):
        response = client.get("/api/v1/provinces", {"kind": kind})
        assert response.status_code == 200 and {p["kind"] for p in response.json()["items"]} == {kind}
    response = client.get("/api/v1/collectivities", {"kind": "region"})
    assert response.status_code == 200 and {c["kind"] for c in response.json()["items"]} == {"region"}
    assert client.get("/api/v1/provinces", {"kind": "region"}).status_code == 422


def test_404_and_422_are_documented(schema):
    for path, operations in schema["paths"].items():
        responses = operations["get"]["responses"]
        assert "422" in responses, path
        assert ("404" in responses) == ("{" in path), path
    assert "pattern" in _parameter(schema, "/api/v1/collectivities", "q")
