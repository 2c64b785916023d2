"""Notification pages per role: only the recipient sees and marks; safe redirects; the header counter."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils.translation import gettext_noop

from remacto.notifications import services
from remacto.notifications.context_processors import unread
from remacto.notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db

MEMBER_SINCE = gettext_noop("Member since %(year)s")


def _notify(user, year=2019, **kwargs):
    return services.notify(
        user, kind="test.event", message=MEMBER_SINCE, params={"year": year}, send_email=False, **kwargs
    )


@pytest.fixture
def mine(citizen):
    return _notify(citizen, url="/ar/charter/")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/ar/notifications/"),
        ("get", "/ar/notifications/settings/"),
        ("post", "/ar/notifications/read-all/"),
        ("get", "/ar/notifications/{pk}/open/"),
        ("post", "/ar/notifications/{pk}/read/"),
    ],
)
def test_anonymous_is_sent_to_login(client, mine, method, path):
    response = getattr(client, method)(path.format(pk=mine.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    mine.refresh_from_db()
    assert mine.read_at is None


def test_recipient_sees_own_notifications_only(client, citizen, focal_point, mine):
    _notify(focal_point, year=1999)
    client.force_login(citizen)
    response = client.get("/fr/notifications/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Membre depuis 2019" in body and "1999" not in body
    assert list(response.context["page"].object_list) == [mine]


@pytest.mark.parametrize("intruder_fixture", ["focal_point", "network_admin", "committee_member"])
def test_others_get_404_and_nothing_changes(request, client, mine, intruder_fixture):
    client.force_login(request.getfixturevalue(intruder_fixture))
    assert client.get(f"/ar/notifications/{mine.pk}/open/").status_code == 404
    assert client.post(f"/ar/notifications/{mine.pk}/open/").status_code == 404
    assert client.post(f"/ar/notifications/{mine.pk}/read/").status_code == 404
    assert client.post(f"/ar/notifications/{mine.pk}/read/", HTTP_HX_REQUEST="true").status_code == 404
    client.post("/ar/notifications/read-all/")
    assert mine.pk not in [n.pk for n in client.get("/ar/notifications/").context["page"].object_list]
    mine.refresh_from_db()
    assert mine.read_at is None


def test_unknown_notification_is_404(client, citizen):
    client.force_login(citizen)
    assert client.post("/ar/notifications/999999/read/").status_code == 404


def test_open_marks_read_and_follows_the_link_in_the_reader_language(client, citizen, mine):
    client.force_login(citizen)
    response = client.get(f"/fr/notifications/{mine.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/fr/charter/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_open_without_link_goes_back_to_the_list(client, citizen):
    notification = _notify(citizen)
    client.force_login(citizen)
    response = client.post(f"/en/notifications/{notification.pk}/open/")
    assert response["Location"] == "/en/notifications/"


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/x",
        "//evil.example/x",
        "/\\evil.example/x",
        "///evil.example/x",
        "javascript:alert(1)",
        "http:/evil.example",
        " //evil.example",
    ],
)
def test_open_never_redirects_off_site(client, citizen, url):
    """A link that somehow reached the table (not through notify, which refuses it) is never followed."""
    notification = Notification.objects.create(recipient=citizen, kind="x", message=MEMBER_SINCE, url=url)
    client.force_login(citizen)
    response = client.get(f"/ar/notifications/{notification.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/ar/notifications/"


def test_mark_read_with_htmx_returns_the_item(client, citizen, mine):
    _notify(citizen, year=2020)
    client.force_login(citizen)
    response = client.post(f"/en/notifications/{mine.pk}/read/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li class="notification" id="notification-{mine.pk}">')
    assert "Mark as read" not in body
    assert 'id="nav-notifications"' in body and 'hx-swap-oob="true"' in body and "Notifications (1)" in body
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_mark_read_without_htmx_redirects_and_get_is_refused(client, citizen, mine):
    client.force_login(citizen)
    assert client.get(f"/ar/notifications/{mine.pk}/read/").status_code == 405
    response = client.post(f"/ar/notifications/{mine.pk}/read/")
    assert response.status_code == 302 and response["Location"] == "/ar/notifications/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_mark_all_read(client, citizen, focal_point, mine):
    _notify(citizen, year=2020)
    others = _notify(focal_point)
    client.force_login(citizen)
    assert client.get("/ar/notifications/read-all/").status_code == 405
    response = client.post("/ar/notifications/read-all/", follow=True)
    assert response.status_code == 200
    assert not Notification.objects.filter(recipient=citizen, read_at__isnull=True).exists()
    others.refresh_from_db()
    assert others.read_at is None


def test_filter_unread_and_empty_states(client, citizen, mine):
    read = _notify(citizen, year=2020)
    services.mark_read(citizen, read)
    client.force_login(citizen)
    assert list(client.get("/en/notifications/?filter=unread").context["page"].object_list) == [mine]
    response = client.get("/en/notifications/?filter=nonsense&page=abc")
    assert response.context["filter"] == "all" and len(response.context["page"].object_list) == 2
    services.mark_all_read(citizen)
    assert "You have read all your notifications." in client.get("/en/notifications/?filter=unread").content.decode()
    Notification.objects.all().delete()
    body = client.get("/en/notifications/").content.decode()
    assert "You have no notifications yet." in body and "Mark all as read" not in body


def test_list_page_query_count_does_not_grow(client, citizen, commune, django_assert_max_num_queries):
    for year in range(1990, 2030):
        _notify(citizen, year=year, collectivity=commune)
    client.force_login(citizen)
    with django_assert_max_num_queries(5):
        response = client.get("/ar/notifications/")
    assert response.status_code == 200 and len(response.context["page"].object_list) == 24


def test_list_in_arabic_is_translated(client, citizen, mine):
    client.force_login(citizen)
    body = client.get("/ar/notifications/").content.decode()
    assert "عضو منذ 2019" in body
    for english in ("Mark all as read", "Mark as read", "Email settings", ">Notifications"):
        assert english not in body


def test_settings_page_turns_email_off_and_on(client, citizen):
    client.force_login(citizen)
    response = client.get("/en/notifications/settings/")
    assert response.status_code == 200 and "citizen@example.ma" in response.content.decode()
    assert response.context["form"]["email_enabled"].value() is True
    response = client.post("/en/notifications/settings/", {}, follow=True)
    assert NotificationPreference.objects.get(user=citizen).email_enabled is False
    assert response.context["form"]["email_enabled"].value() is False
    client.post("/en/notifications/settings/", {"email_enabled": "on"})
    assert NotificationPreference.objects.get(user=citizen).email_enabled is True


def test_header_counter(client, citizen, mine):
    _notify(citizen, year=2020)
    client.force_login(citizen)
    body = client.get("/en/").content.decode()
    assert 'href="/en/notifications/"' in body and "Notifications (2)" in body
    services.mark_all_read(citizen)
    body = client.get("/en/").content.decode()
    assert "Notifications (" not in body and ">Notifications</a>" in body
    client.logout()
    assert "/en/notifications/" not in client.get("/en/").content.decode()


def test_context_processor_costs_nothing_for_anonymous(django_assert_num_queries):
    request = RequestFactory().get("/ar/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert unread(request) == {}
    del request.user
    with django_assert_num_queries(0):
        assert unread(request) == {}


def test_context_processor_counts_unread_in_one_query(citizen, mine, django_assert_num_queries):
    request = RequestFactory().get("/ar/")
    request.user = citizen
    _notify(citizen, year=2020)
    services.mark_read(citizen, mine)
    with django_assert_num_queries(1):
        assert unread(request) == {"unread_notifications": 1}
