"""Petition pages in Arabic: the public list (search, filters, pagination), a petition's page with its progress
per province, signing (refusals, 429), the petitioner's and the secretariat's steps, paper lists, the receipt,
CSV exports (never an ID number), thresholds and populations; query counts capped."""

import datetime

import pytest

from remacto.cases.calendar import today
from remacto.petitions.models import Petition, Signature, Threshold
from remacto.petitions.services import lifecycle, signatures
from remacto.territories.models import Province

from ..conftest import make_user
from .conftest import CITIZEN_CONDITIONS, TEXTS, cin, collecting, draft

pytestmark = pytest.mark.django_db


def _paper(actor, petition, numbers, province=None):
    rows = [{"cin": cin(n), "full_name": f"موقع {n}", "province": province, "show_name": n == 0} for n in numbers]
    signatures.record_paper(actor, petition, rows, collected_on=today())


def test_public_list_filters_and_caps_queries(
    client, petition, petitioner, commune, other_commune, django_assert_max_num_queries
):
    for _n in range(4):
        collecting(petitioner, other_commune, signatures=3)
    hidden = draft(petitioner, commune, subject="مسودة \u202eسرية")
    with django_assert_max_num_queries(8):
        response = client.get("/ar/petitions/")
    body = response.content.decode()
    assert response.status_code == 200 and 'dir="rtl"' in body
    assert body.count('class="card"') == 5 and hidden.subject not in body
    response = client.get(f"/ar/petitions/?member={commune.slug}&status=collecting&q=حديقة")
    assert response.content.decode().count('class="card"') == 1
    assert client.get("/ar/petitions/?status=bogus").status_code == 400
    assert client.get("/ar/petitions/?member=nowhere").status_code == 400
    assert f'<option value="{other_commune.slug}"' in body and f'<option value="{commune.slug}"' in body
    assert client.get("/ar/petitions/?page=abc").status_code == 200


def test_draft_is_hidden_from_others(client, thresholds, commune, petitioner, citizen, secretariat):
    petition = draft(petitioner, commune)
    assert client.get(f"/ar/petitions/{petition.pk}/").status_code == 404
    client.force_login(citizen)
    assert client.get(f"/ar/petitions/{petition.pk}/").status_code == 404
    for user in (petitioner, secretariat):
        client.force_login(user)
        assert client.get(f"/ar/petitions/{petition.pk}/").status_code == 200


def test_region_page_shows_provinces_below_five_percent(
    client, region_petition, citizen, network_admin, django_assert_max_num_queries
):
    provinces = list(Province.objects.filter(region=region_petition.collectivity.region).order_by("code"))
    _paper(network_admin, region_petition, [0, 1, 2], province=provinces[0])
    with django_assert_max_num_queries(10):
        response = client.get(f"/ar/petitions/{region_petition.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="below"') == 7 and body.count('class="met"') == 1
    assert "موقع 0" in body and "موقع 1" not in body  # only the consenting signer's name
    assert "AB100000" not in body


def test_citizen_files_a_petition_and_missing_conditions_are_refused(client, thresholds, commune, citizen):
    client.force_login(citizen)
    url = f"/ar/members/{commune.slug}/petitions/new/"
    assert client.get(url).status_code == 200
    data = {"kind": "citizens", "conditions": ["territory"], **TEXTS}
    response = client.post(url, data)
    assert response.status_code == 400 and not Petition.objects.exists()
    assert "common interest" not in response.content.decode()  # the refusal is in Arabic
    response = client.post(url, data | {"conditions": CITIZEN_CONDITIONS, "subject": "a\x00b"})
    assert response.status_code == 400 and not Petition.objects.exists()
    response = client.post(url, data | {"conditions": CITIZEN_CONDITIONS})
    petition = Petition.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/petitions/{petition.pk}/")
    assert client.get(f"/ar/members/{commune.slug}/petitions/new/").status_code == 200
    client.logout()
    assert client.get(url).status_code == 302


def test_signing_from_the_page(client, petition, citizen, settings):
    client.force_login(citizen)
    url = f"/ar/petitions/{petition.pk}/sign/"
    data = {"cin": "AB123456", "full_name": "مواطنة", "confirms": "on"}
    assert client.post(url, data | {"cin": "123"}).status_code == 400
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 400  # the same account again
    page = client.get(f"/ar/petitions/{petition.pk}/").content.decode()
    assert f'action="/ar/petitions/{petition.pk}/sign/"' not in page  # signed: no form any more
    client.force_login(make_user("twin@example.ma"))
    response = client.post(url, data)
    assert response.status_code == 400 and Signature.objects.count() == 1
    assert "AB123456" not in response.content.decode()  # the typed ID number is not sent back
    settings.PARTICIPATION_LIMITS = {"signatures": [(0, 3600)]}
    other = collecting(petition.petitioner, petition.collectivity)
    response = client.post(f"/ar/petitions/{other.pk}/sign/", data)
    assert response.status_code == 429 and response["Retry-After"]
    assert client.get(url).status_code == 405


def test_petitioner_and_secretariat_steps(client, petition, petitioner, secretariat, citizen):
    _paper(secretariat, petition, [0, 1, 2])
    client.force_login(citizen)
    assert client.post(f"/ar/petitions/{petition.pk}/submit/").status_code == 403
    client.force_login(petitioner)
    response = client.post(f"/ar/petitions/{petition.pk}/submit/")
    assert response.status_code == 302 and response["Location"].endswith("/receipt/")
    petition.refresh_from_db()
    receipt = client.get(response["Location"]).content.decode()
    assert petition.case.number in receipt
    client.force_login(citizen)
    assert client.get(f"/ar/petitions/{petition.pk}/receipt/").status_code == 403
    assert client.post(f"/ar/petitions/{petition.pk}/decide/review/").status_code == 403
    client.force_login(secretariat)
    assert client.post(f"/ar/petitions/{petition.pk}/decide/review/").status_code == 302
    response = client.post(f"/ar/petitions/{petition.pk}/decide/accept/", {"session_date": "", "committee": "لجنة"})
    assert response.status_code == 400
    session = (today() + datetime.timedelta(days=10)).isoformat()
    response = client.post(
        f"/ar/petitions/{petition.pk}/decide/accept/", {"session_date": session, "committee": "لجنة الشؤون الثقافية"}
    )
    assert response.status_code == 302
    body = client.get(f"/ar/petitions/{petition.pk}/").content.decode()
    assert "<bdi>لجنة الشؤون الثقافية</bdi>" in body and "bureau" not in body
    assert "case-history" in body and "دراسة المكتب" in body and 'data-kind="decision"' in body
    assert client.post(f"/ar/petitions/{petition.pk}/decide/other/").status_code == 404


def test_paper_list_page(client, petition, secretariat, citizen):
    url = f"/ar/petitions/{petition.pk}/paper/"
    client.force_login(citizen)
    assert client.get(url).status_code == 403
    client.force_login(secretariat)
    assert client.get(url).status_code == 200
    data = {
        "collected_on": today().isoformat(),
        "rows-TOTAL_FORMS": "3",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "50",
        "rows-0-cin": "AB1",
        "rows-0-full_name": "الأول",
        "rows-1-cin": "ab 1",
        "rows-1-full_name": "الثاني",
    }
    response = client.post(url, data)
    assert response.status_code == 400 and not Signature.objects.exists()
    response = client.post(url, data | {"rows-1-cin": "CD2"})
    assert response.status_code == 302 and Signature.objects.count() == 2


def test_exports_for_staff_never_hold_an_id_number(client, petition, petitioner, secretariat, elsewhere_focal_point):
    _paper(secretariat, petition, [0, 1, 2])
    lifecycle.submit(petitioner, petition)
    client.force_login(elsewhere_focal_point)
    assert client.get(f"/ar/petitions/{petition.pk}/signatures.csv").status_code == 403
    assert client.get(f"/ar/members/{petition.collectivity.slug}/petitions/register.csv").status_code == 403
    client.force_login(secretariat)
    body = b"".join(client.get(f"/ar/petitions/{petition.pk}/signatures.csv").streaming_content).decode()
    assert "موقع 0" in body and "AB10000" not in body
    assert Signature.objects.first().cin_hash not in body
    register = b"".join(
        client.get(f"/ar/members/{petition.collectivity.slug}/petitions/register.csv").streaming_content
    ).decode()
    petition.refresh_from_db()
    assert petition.case.number in register and "submitted" in register


def test_thresholds_page_for_network_admins(client, thresholds, network_admin, focal_point):
    client.force_login(focal_point)
    assert client.get("/ar/network/petition-thresholds/").status_code == 403
    client.force_login(network_admin)
    body = client.get("/ar/network/petition-thresholds/").content.decode()
    assert "111.14" in body
    row = Threshold.objects.get(kind="commune", with_arrondissements=True)
    url = f"/ar/network/petition-thresholds/{row.pk}/"
    assert client.get(url).status_code == 200
    data = {"min_population": "0", "signatures": "380", "province_share": "0", "legal_source_ar": "المادة 123"}
    assert client.post(url, data | {"grace_days": "45"}).status_code == 302
    row.refresh_from_db()
    assert row.signatures == 380 and not row.to_confirm
    assert (row.grace_days, row.grace_to_confirm) == (45, False)
    assert client.post(url, data | {"grace_days": "-1"}).status_code == 400
    row.refresh_from_db()
    assert row.grace_days == 45


def test_population_page(client, commune, thresholds, focal_point, other_focal_point):
    url = f"/ar/members/{commune.slug}/petitions/population/"
    client.force_login(other_focal_point)
    assert client.get(url).status_code == 403
    client.force_login(focal_point)
    assert client.post(url, {"population": "-4"}).status_code == 400
    assert client.post(url, {"population": "88000", "has_arrondissements": "on"}).status_code == 302
    commune.refresh_from_db()
    assert commune.population == 88000 and commune.has_arrondissements


def test_member_space_links_to_petitions(client, commune, secretariat):
    body = client.get(f"/ar/members/{commune.slug}/").content.decode()
    assert f"/ar/petitions/?member={commune.slug}" in body and "register.csv" not in body
    client.force_login(secretariat)
    body = client.get(f"/ar/members/{commune.slug}/").content.decode()
    assert f"/ar/members/{commune.slug}/petitions/register.csv" in body


def test_transparency_page_links_the_petitions_register(client, commune):
    from remacto.cases import registry

    assert registry.get("petition").register_url(commune) == f"/en/petitions/?member={commune.slug}"
    body = client.get(f"/ar/members/{commune.slug}/transparency/").content.decode()
    assert f"/ar/petitions/?member={commune.slug}" in body


def test_staff_page_of_a_submitted_petition_caps_queries(
    client, petition, petitioner, secretariat, django_assert_max_num_queries
):
    _paper(secretariat, petition, [0, 1, 2])
    lifecycle.submit(petitioner, petition)
    client.force_login(secretariat)
    with django_assert_max_num_queries(16):
        response = client.get(f"/ar/petitions/{petition.pk}/")
    body = response.content.decode()
    assert response.status_code == 200 and 'name="committee"' in body and 'name="cin"' not in body
    client.force_login(petitioner)
    body = client.get(f"/ar/petitions/{petition.pk}/").content.decode()
    assert 'name="committee"' not in body and f"/ar/petitions/{petition.pk}/receipt/" in body


def test_draft_edit_page(client, thresholds, commune, petitioner, citizen):
    petition = draft(petitioner, commune)
    url = f"/ar/petitions/{petition.pk}/edit/"
    client.force_login(citizen)
    assert client.get(url).status_code == 404  # a draft is hidden from others
    client.force_login(petitioner)
    assert 'value="تهيئة حديقة عمومية بالحي"' in client.get(url).content.decode()
    data = {"kind": "citizens", "conditions": CITIZEN_CONDITIONS, **TEXTS, "subject": "ملعب القرب"}
    assert client.post(url, data).status_code == 302
    petition.refresh_from_db()
    assert petition.subject == "ملعب القرب"
