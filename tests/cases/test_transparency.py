"""Transparency figures per member, procedure and year: selectors, pages, API and CSV, with query caps."""

import datetime

import pytest
from django.template.loader import render_to_string

from remacto.cases import selectors, services
from remacto.cases.models import Case

from ..conftest import make_user
from ..test_bidi_isolation import COMMENT, NAME, problems

D = datetime.date
TODAY = D(2026, 11, 30)
RECEIVED = D(2026, 3, 18)
INF, PET, AVS = Case.Procedure.INFORMATION, Case.Procedure.PETITION, Case.Procedure.OPINION


def a_case(collectivity, procedure=INF, received_on=RECEIVED, *, answered_on=None, closed_on=None, days=20):
    case = services.open_case(collectivity=collectivity, procedure=procedure, received_on=received_on, status="new")
    services.set_deadline(
        case, kind="answer", start=received_on, amount=days, unit="working", counts_for_answer=True
    )  # due 16 April 2026 for the default
    if answered_on:
        services.answer(case, on=answered_on)
    if closed_on:
        services.close(case, on=closed_on)
    return case


@pytest.fixture
def cases(commune, other_commune):
    a_case(commune, answered_on=D(2026, 4, 16))  # on time (the due day itself)
    a_case(commune, answered_on=D(2026, 4, 17))  # late
    a_case(commune)  # open and overdue
    a_case(commune, received_on=D(2026, 11, 25))  # open, not yet due
    a_case(commune, closed_on=D(2026, 4, 1))  # closed without answer: neither answered nor open
    a_case(commune, PET, answered_on=D(2026, 3, 20))
    a_case(commune, received_on=D(2025, 12, 1), answered_on=D(2025, 12, 5))  # another year
    a_case(other_commune, AVS)


@pytest.mark.django_db
def test_figures_of_a_member(commune, cases, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = selectors.transparency(year=2026, collectivity=commune, today=TODAY)
    assert figures[INF] == {"received": 5, "answered_on_time": 1, "answered_late": 1, "open": 2, "overdue": 1}
    assert figures[PET] == {"received": 1, "answered_on_time": 1, "answered_late": 0, "open": 0, "overdue": 0}
    assert figures[AVS] == dict.fromkeys(selectors.FIGURES, 0)


@pytest.mark.django_db
def test_figures_of_the_network_and_member_by_member(commune, other_commune, cases):
    network = selectors.transparency(year=2026, today=TODAY)
    assert network[AVS]["received"] == 1 and network[AVS]["overdue"] == 1
    assert selectors.totals(network)["received"] == 7
    members = selectors.transparency_by_member(year=2026, today=TODAY)
    assert {m["collectivity"].slug: m["total"]["received"] for m in members} == {"ben-guerir": 6, "zagora": 1}
    assert selectors.transparency(year=2025, collectivity=commune)[INF]["answered_on_time"] == 1


@pytest.mark.django_db
def test_an_extension_moves_the_date_judged(commune):
    case = a_case(commune)
    services.set_deadline(case, kind="answer", start=D(2026, 4, 16), amount=20, unit="working", counts_for_answer=True)
    services.answer(case, on=D(2026, 5, 10))
    assert selectors.transparency(year=2026, collectivity=commune)[INF]["answered_on_time"] == 1


@pytest.mark.django_db
def test_member_page_in_bounded_queries(client, commune, cases, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get(f"/ar/members/{commune.slug}/transparency/", {"year": "2026"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-procedure="information"' in body and "transparency.csv" not in body


@pytest.mark.django_db
def test_member_page_empty_state_and_bad_year(client, commune):
    body = client.get(f"/fr/members/{commune.slug}/transparency/", {"year": "1x"}).content.decode()
    assert 'class="empty-state"' in body and 'id="transparency-figures"' not in body


@pytest.mark.django_db
def test_member_page_links_the_registers_of_registered_procedures(client, commune, cases, registered):
    body = client.get(f"/ar/members/{commune.slug}/transparency/", {"year": "2026"}).content.decode()
    assert f'href="/ar/members/{commune.slug}/information/"' in body
    assert "/petition" not in body  # no petitions app registered in these tests


@pytest.mark.django_db
def test_the_focal_point_sees_the_export_link(client, commune, focal_point):
    client.force_login(focal_point)
    body = client.get(f"/ar/members/{commune.slug}/transparency/").content.decode()
    assert f"/ar/members/{commune.slug}/transparency.csv?year=" in body


@pytest.mark.django_db
def test_unknown_member_is_404(client):
    assert client.get("/ar/members/nowhere/transparency/").status_code == 404


@pytest.mark.django_db
def test_network_page_lists_members_in_bounded_queries(client, cases, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        response = client.get("/ar/network/transparency/", {"year": "2026"})
    body = response.content.decode()
    assert 'data-member="ben-guerir"' in body and 'data-member="zagora"' in body


@pytest.mark.django_db
def test_the_space_page_links_the_transparency_page(client, commune):
    assert f"/ar/members/{commune.slug}/transparency/" in client.get(f"/ar/members/{commune.slug}/").content.decode()


@pytest.mark.django_db
def test_csv_export_for_the_focal_point_and_network_admin_only(client, commune, cases, focal_point, network_admin):
    url = f"/ar/members/{commune.slug}/transparency.csv?year=2026"
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(make_user("someone@example.ma"))
    assert client.get(url).status_code == 403
    assert client.get("/ar/network/transparency.csv?year=2026").status_code == 403
    client.force_login(focal_point)
    assert client.get("/ar/network/transparency.csv?year=2026").status_code == 403
    lines = b"".join(client.get(url).streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "year,member,procedure,received,answered_on_time,answered_late,open,overdue"
    assert lines[1].startswith("2026,ben-guerir,information,5,1,1,2,")
    client.force_login(network_admin)
    rows = b"".join(client.get("/ar/network/transparency.csv?year=2026").streaming_content).decode("utf-8-sig")
    assert "2026,zagora,opinion,1,0,0,1," in rows


@pytest.mark.django_db
def test_api_transparency(client, commune, cases, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        data = client.get("/api/v1/transparency", {"year": 2026, "member": commune.slug}).json()
    assert data["member"] == commune.slug
    assert data["procedures"][0]["procedure"] == "information" and data["procedures"][0]["received"] == 5
    assert client.get("/api/v1/transparency", {"year": 2026}).json()["member"] is None
    nowhere = client.get("/api/v1/transparency", {"year": 2026, "member": "nowhere"}).json()["procedures"]
    assert {row["received"] for row in nowhere} == {0}
    assert client.get("/api/v1/transparency", {"year": "abc"}).status_code == 422


@pytest.mark.django_db
def test_api_holidays(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        rows = client.get("/api/v1/holidays", {"year": 2026}).json()
    assert {"date": "2026-03-20", "key": "eid_al_fitr", "kind": "islamic", "expected": True}.items() <= rows[3].items()
    assert [r["date"] for r in rows][:3] == ["2026-01-01", "2026-01-11", "2026-01-14"]
    assert len(rows) == 11 + 7
    for bad in ("", "20x6", "1999", "2101"):
        assert client.get("/api/v1/holidays", {"year": bad}).status_code == 422


@pytest.mark.django_db
def test_the_schema_documents_the_new_operations(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "422" in paths["/api/v1/holidays"]["get"]["responses"]
    assert "422" in paths["/api/v1/transparency"]["get"]["responses"]


@pytest.mark.django_db
def test_the_shared_includes_isolate_typed_text(commune, focal_point):
    focal_point.display_name = NAME
    focal_point.save()
    case = a_case(commune)
    services.move(case, actor=focal_point, status="in_progress", note=COMMENT, public=False)
    events = selectors.labelled(selectors.history(case, public_only=False), {"in_progress": "قيد المعالجة"})
    html = render_to_string("cases/_history.html", {"events": events, "show_actor": True})
    assert "قيد المعالجة" in html and not problems(html)
    deadlines = selectors.with_days_left(selectors.deadlines(case), kinds={"answer": "الجواب"}, today=D(2026, 4, 14))
    html = render_to_string("cases/_deadlines.html", {"deadlines": deadlines})
    assert "الجواب" in html and deadlines[0].days_left == 2
    late = selectors.with_days_left(selectors.deadlines(case), today=D(2026, 4, 20))
    assert late[0].days_left == -4 and "badge danger" in render_to_string("cases/_deadlines.html", {"deadlines": late})
