"""The petitions API: published petitions with their counts, one petition's progress per province, consenting
signers' names only; drafts and hidden data never listed; in the OpenAPI schema; query counts capped."""

import pytest

from remacto.cases.calendar import today
from remacto.petitions.services import signatures
from remacto.territories.models import Province

from .conftest import cin, collecting, draft

pytestmark = pytest.mark.django_db


def test_list_with_counts_and_filters(
    client, petition, petitioner, commune, other_commune, secretariat, django_assert_max_num_queries
):
    for _n in range(3):
        collecting(petitioner, other_commune, signatures=3)
    hidden = draft(petitioner, commune)
    signatures.record_paper(secretariat, petition, [{"cin": cin(1), "full_name": "x"}], collected_on=today())
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/petitions")
    data = response.json()
    assert response.status_code == 200 and data["count"] == 4
    assert hidden.pk not in [item["id"] for item in data["items"]]
    mine = next(item for item in data["items"] if item["id"] == petition.pk)
    assert mine["signatures"] == 1 and mine["required_signatures"] == 3 and mine["member"] == commune.slug
    assert "petitioner" not in mine and "cin_hash" not in str(data)
    response = client.get(f"/api/v1/petitions?member={commune.slug}&status=collecting&q=حديقة")
    assert response.json()["count"] == 1
    assert client.get("/api/v1/petitions?status=bogus").status_code == 422
    assert client.get("/api/v1/petitions?member=Not%20a%20slug").status_code == 422


def test_detail_with_provinces_and_signers(client, region_petition, network_admin, django_assert_max_num_queries):
    first = Province.objects.filter(region=region_petition.collectivity.region).order_by("code").first()
    rows = [{"cin": cin(n), "full_name": f"n{n}", "province": first, "show_name": n == 0} for n in range(3)]
    signatures.record_paper(network_admin, region_petition, rows, collected_on=today())
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/petitions/{region_petition.pk}")
    data = response.json()
    assert data["signatures"] == 3 and data["province_share"] == 5 and not data["threshold_reached"]
    assert len(data["provinces"]) == 8 and sum(row["below"] for row in data["provinces"]) == 7
    with django_assert_max_num_queries(4):
        response = client.get(f"/api/v1/petitions/{region_petition.pk}/signers")
    assert response.json()["items"] == [{"name": "n0", "signed_on": today().isoformat()}]


def test_draft_is_404(client, thresholds, commune, petitioner):
    petition = draft(petitioner, commune)
    assert client.get(f"/api/v1/petitions/{petition.pk}").status_code == 404
    assert client.get(f"/api/v1/petitions/{petition.pk}/signers").status_code == 404
    assert client.get("/api/v1/petitions/0").status_code == 422


def test_openapi_schema_documents_the_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/petitions", "/api/v1/petitions/{petition_id}", "/api/v1/petitions/{petition_id}/signers"} <= set(
        schema["paths"]
    )
    assert "cin_hash" not in str(schema) and "PetitionStatus" in schema["components"]["schemas"]
