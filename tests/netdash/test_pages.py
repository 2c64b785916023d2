"""The dashboard pages: public and network admins' versions, filters, bad input, CSV, refresh, query caps."""

import pytest
from django.urls import reverse

from remacto.core.audit import AuditLogEntry
from remacto.netdash.models import Computation

URL = "/ar/network/dashboard/"


@pytest.fixture
def roles(citizen, focal_point, network_admin):
    return {"citizen": citizen, "focal_point": focal_point, "network_admin": network_admin}


@pytest.mark.parametrize("role", ["anonymous", "citizen", "focal_point", "network_admin"])
def test_who_sees_which_version(client, computed, roles, role):
    if role != "anonymous":
        client.force_login(roles[role])
    html = client.get(URL).content.decode()
    assert 'data-member="ben-guerir"' in html
    staff = role == "network_admin"
    assert ('name="stalled"' in html) is staff
    assert (reverse("netdash:refresh") in html) is staff


def test_empty_state_before_any_computation(client, reference):
    html = client.get(URL).content.decode()
    assert "empty-state" in html and "netdash-members" not in html


@pytest.mark.parametrize("role", ["anonymous", "citizen", "focal_point"])
def test_only_network_admins_may_refresh(client, reference, roles, role):
    if role != "anonymous":
        client.force_login(roles[role])
    assert client.post(reverse("netdash:refresh")).status_code == 403
    assert not Computation.objects.exists()
    assert not AuditLogEntry.objects.filter(action="netdash.refresh").exists()
    assert client.get(reverse("netdash:status")).status_code == 403


def test_network_admin_refreshes(client, programme, network_admin, django_capture_on_commit_callbacks):
    client.force_login(network_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("netdash:refresh"))
    assert response.status_code == 302
    assert Computation.objects.count() == 1  # eager in tests
    assert AuditLogEntry.objects.filter(action="netdash.refresh", actor=network_admin).exists()
    assert client.get(reverse("netdash:status")).status_code == 200


def test_filters(client, computed):
    assert 'data-member="ben-guerir"' in client.get(URL, {"kind": "commune"}).content.decode()
    html = client.get(URL, {"kind": "region"}).content.decode()
    assert 'data-member="ben-guerir"' not in html
    html = client.get(URL, {"region": "07", "sort": "ideas_per_1000", "order": "desc"}).content.decode()
    assert "netdash-members" in html


@pytest.mark.parametrize(
    "params", [{"region": "99"}, {"kind": "village"}, {"cohort": "abc"}, {"cohort": "1999"}, {"sort": "password"}]
)
def test_bad_filters_are_refused_with_a_message(client, computed, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert client.get(reverse("netdash:dashboard_csv"), params).status_code == 400


def test_a_citizen_cannot_filter_on_stalled(client, computed, citizen):
    client.force_login(citizen)
    html = client.get(URL, {"stalled": "yes"}).content.decode()
    assert 'data-member="ben-guerir"' in html  # the filter is ignored: not a public field


def test_csv_columns_depend_on_the_version(client, computed, network_admin):
    public = b"".join(client.get(reverse("netdash:dashboard_csv")).streaming_content).decode("utf-8-sig")
    assert "ben-guerir" in public and "stalled" not in public.splitlines()[0]
    client.force_login(network_admin)
    staff = b"".join(client.get(reverse("netdash:dashboard_csv")).streaming_content).decode("utf-8-sig")
    assert "stalled" in staff.splitlines()[0]


def test_charts_and_tables(client, computed):
    html = client.get(URL).content.decode()
    for measure in ("ideas_per_1000", "answered_share", "execution_rate", "on_time_share", "women_share"):
        assert f'id="netdash-{measure}"' in html
    assert html.count("<svg") >= 8
    assert "\u2068" in html or "<bdi>" in html


@pytest.mark.parametrize("cache_seconds", [0, 600])
@pytest.mark.parametrize("role", ["anonymous", "network_admin"])
def test_query_cap(client, computed, roles, role, cache_seconds, settings, django_assert_max_num_queries):
    settings.DASHBOARD_CACHE_SECONDS = cache_seconds
    settings.PAGE_CACHE_SECONDS = 0
    if role != "anonymous":
        client.force_login(roles[role])
    client.get(URL)
    with django_assert_max_num_queries(14):
        assert client.get(URL, {"region": "07", "page": "2"}).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(URL).status_code == 200


def test_a_new_computation_shows_new_figures_at_once(client, computed, commune, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert 'data-member="ben-guerir"' in client.get(URL, {"kind": "commune"}).content.decode()
    commune.membership.delete()
    from remacto.netdash.compute import compute_figures

    compute_figures()
    assert 'data-member="ben-guerir"' not in client.get(URL, {"kind": "commune"}).content.decode()


def test_the_progress_box_polls_while_the_computation_runs(client, computed, network_admin):
    from remacto.netdash import tasks

    client.force_login(network_admin)
    assert tasks.COMPUTATION.start(tasks.NAME, lambda: None)  # a computation queued, not yet finished
    html = client.get(reverse("netdash:status")).content.decode()
    assert "<progress" in html and 'hx-trigger="every 2s"' in html
    assert client.post(reverse("netdash:refresh")).status_code == 302  # not queued a second time
    assert AuditLogEntry.objects.filter(action="netdash.refresh").count() == 0


def test_computed_every_hour(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["netdash-figures"]
    assert entry == {"task": "remacto.netdash.tasks.compute", "schedule": 3600}
