"""The staff page of the Islamic holiday table and its Django admin."""

import pytest

from remacto.cases.models import IslamicHoliday
from remacto.core.models import AuditLogEntry

URL = "/fr/network/holidays/"


@pytest.mark.django_db
@pytest.mark.parametrize(("who", "status"), [("focal_point", 403), ("citizen", 403), ("network_admin", 200)])
def test_only_network_admins_see_the_page(request, client, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL, {"year": "2026"}).status_code == status


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302


@pytest.mark.django_db
def test_the_page_lists_the_year_in_bounded_queries(client, network_admin, django_assert_max_num_queries):
    client.force_login(network_admin)
    with django_assert_max_num_queries(10):
        body = client.get(URL, {"year": "2027"}).content.decode()
    assert body.count('data-key="') == 4 and "1449" in body


@pytest.mark.django_db
def test_adding_a_holiday_of_2028(client, network_admin):
    client.force_login(network_admin)
    response = client.post(URL + "?year=2028", {"key": "eid_al_fitr", "date": "2028-02-26", "expected": "on"})
    assert response.status_code == 302
    assert IslamicHoliday.objects.get(hijri_year=1449, key="eid_al_fitr").expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"key": "mawlid", "date": "2029-07-24"}, "2028"),  # outside the year being edited
        ({"key": "eid_al_fitr", "date": "2028-02-26\x00"}, "error-page"),  # refused before any view, the 400 page
        ({"key": "bogus", "date": "2028-02-26"}, "choix valide"),  # the typed value is not repeated
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, network_admin, data, message):
    client.force_login(network_admin)
    response = client.post(URL + "?year=2028", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert IslamicHoliday.objects.count() == 8


@pytest.mark.django_db
def test_a_duplicate_is_refused_with_a_message(client, network_admin):
    client.force_login(network_admin)
    response = client.post(URL + "?year=2026", {"key": "mawlid", "date": "2026-08-26"})
    assert response.status_code == 400 and "1448" in response.content.decode()
    assert IslamicHoliday.objects.get(key="mawlid", hijri_year=1448).date.day == 25


@pytest.mark.django_db
def test_correcting_and_removing(client, network_admin):
    client.force_login(network_admin)
    mawlid = IslamicHoliday.objects.get(key="mawlid", hijri_year=1448)
    assert client.get(URL, {"year": "2026", "edit": mawlid.pk}).status_code == 200
    response = client.post(f"{URL}?year=2026&edit={mawlid.pk}", {"key": "mawlid", "date": "2026-08-26"})
    assert response.status_code == 302
    mawlid.refresh_from_db()
    assert mawlid.date.day == 26 and not mawlid.expected
    assert client.post(URL + "?year=2026", {"delete": mawlid.pk}).status_code == 302
    assert not IslamicHoliday.objects.filter(pk=mawlid.pk).exists()


@pytest.mark.django_db
def test_the_django_admin_saves_through_the_service(client, superuser_admin):
    client.force_login(superuser_admin)
    fitr = IslamicHoliday.objects.get(key="eid_al_fitr", hijri_year=1447)
    response = client.post(
        f"/fr/admin/cases/islamicholiday/{fitr.pk}/change/", {"key": "eid_al_fitr", "date": "2026-03-21"}
    )
    assert response.status_code == 302
    fitr.refresh_from_db()
    assert fitr.date.day == 21 and not fitr.expected


@pytest.mark.django_db
def test_the_profile_links_the_page_for_network_admins_only(client, network_admin, focal_point):
    client.force_login(focal_point)
    assert "/fr/network/holidays/" not in client.get("/fr/profile/").content.decode()
    client.force_login(network_admin)
    assert "/fr/network/holidays/" in client.get("/fr/profile/").content.decode()


@pytest.fixture
def superuser_admin(network_admin):
    network_admin.is_staff = network_admin.is_superuser = True
    network_admin.save()
    return network_admin


@pytest.mark.django_db
def test_the_django_admin_adds_refuses_a_duplicate_and_deletes_through_the_service(client, superuser_admin):
    client.force_login(superuser_admin)
    add = "/fr/admin/cases/islamicholiday/add/"
    assert client.post(add, {"key": "eid_al_fitr", "date": "2028-02-26", "expected": "on"}).status_code == 302
    added = IslamicHoliday.objects.get(key="eid_al_fitr", hijri_year=1449)
    response = client.post(add, {"key": "mawlid", "date": "2026-08-26"})
    assert response.status_code == 200 and "1448" in response.content.decode()
    assert IslamicHoliday.objects.count() == 9
    response = client.post(
        "/fr/admin/cases/islamicholiday/",
        {"action": "delete_selected", "_selected_action": [added.pk], "post": "yes"},
    )
    assert response.status_code == 302 and not IslamicHoliday.objects.filter(pk=added.pk).exists()
    assert AuditLogEntry.objects.filter(action="holiday.delete").count() == 1
