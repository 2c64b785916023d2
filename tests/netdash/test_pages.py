"""The dashboard pages: public and network admins' versions, filters, bad input, CSV, refresh, query caps."""

import pytest
from django.urls import reverse
from django.utils import timezone

from remacto.core.audit import AuditLogEntry
from remacto.netdash import selectors
from remacto.netdash.models import Computation

URL = "/ar/network/dashboard/"
MEMBERS = "/ar/network/dashboard/members/"


@pytest.fixture
def roles(citizen, focal_point, network_admin):
    return {"citizen": citizen, "focal_point": focal_point, "network_admin": network_admin}


@pytest.mark.parametrize("role", ["anonymous", "citizen", "focal_point", "network_admin"])
def test_who_sees_which_version(client, computed, roles, role):
    if role != "anonymous":
        client.force_login(roles[role])
    staff = role == "network_admin"
    for url in (URL, MEMBERS):
        html = client.get(url).content.decode()
        assert 'data-member="ben-guerir"' in html
        assert ('name="stalled"' in html) is staff
        assert (reverse("netdash:refresh") in html) is staff
    assert ("آخر تقدم" in html) is staff  # the member table's "Last moved" column


def test_empty_state_before_any_computation(client, reference):
    html = client.get(URL).content.decode()
    assert "empty-state" in html and "netdash-ranking-table" not in html
    html = client.get(MEMBERS).content.decode()
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
    html = client.get(MEMBERS, {"region": "07", "sort": "ideas_per_1000", "order": "desc"}).content.decode()
    assert "netdash-members" in html and 'data-member="ben-guerir"' in html
    html = client.get(MEMBERS, {"kind": "region"}).content.decode()
    assert "netdash-members" in html and 'data-member="ben-guerir"' not in html
    html = client.get(URL, {"region": "07", "measure": "execution_rate"}).content.decode()
    assert "netdash-ranking-table" in html and 'data-member="ben-guerir"' in html


@pytest.mark.parametrize(
    "params",
    [
        *({"region": "99"}, {"kind": "village"}, {"cohort": "abc"}, {"cohort": "1999"}, {"sort": "password"}),
        *({"measure": "password"}, {"measure": "population"}),
    ],
)
def test_bad_filters_are_refused_with_a_message(client, computed, params):
    for url in (URL, MEMBERS):
        response = client.get(url, params)
        assert response.status_code == 400
        html = response.content.decode()
        assert 'role="alert"' in html and 'class="error" id="error-' in html
        assert "netdash-ranking-table" not in html and "netdash-members" not in html
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


CHARTS = {"phase": "netdash-phase", "adoption_date": "netdash-adoption"}


@pytest.mark.parametrize("measure", selectors.CHOOSABLE)
def test_one_chart_and_ranking_a_measure(client, computed, measure):
    html = client.get(URL, {"measure": measure, "kind": "commune"}).content.decode()
    assert f'id="{CHARTS.get(measure, f"netdash-{measure}")}"' in html
    assert html.count('class="chart-svg"') == 1 and 'class="table chart-data"' in html
    assert 'data-member="ben-guerir"' in html and "netdash-ranking-table" in html
    assert "\u2068" in html or "<bdi>" in html
    assert f'data-measure="{measure}" aria-current="page"' in html
    # every measure is one link away, keeping the filters (a relative link keeps the language prefix)
    for other in selectors.CHOOSABLE:
        assert f'href="?kind=commune&amp;measure={other}#netdash-chooser" data-measure="{other}"' in html


def test_the_default_measure_and_the_link_to_every_figure(client, computed):
    html = client.get(URL, {"region": "07"}).content.decode()
    assert 'data-measure="ideas_per_1000" aria-current="page"' in html
    assert 'id="netdash-ideas_per_1000"' in html
    assert f'href="{MEMBERS}?region=07&amp;measure=ideas_per_1000"' in html
    assert 'href="/ar/network/dashboard.csv?region=07"' in html
    french = client.get("/fr/network/dashboard/", {"measure": "phase"}).content.decode()
    assert 'href="?measure=women_share#netdash-chooser"' in french and "Femmes" in french


def test_the_ranking_puts_the_best_first_and_missing_figures_last(client, computed):
    html = client.get(URL, {"measure": "answered_share"}).content.decode()
    rows = html.split('id="netdash-ranking-table"')[1].split("<tr data-member=")[1:]
    assert rows[0].startswith('"ben-guerir"') and "<td>1</td>" in rows[0] and ">40,0</bdi>%" in rows[0]
    assert all("<td></td>" in row for row in rows[1:])  # no rank for a member without the figure


def test_the_measure_page_keeps_the_sorting_hidden(client, computed, network_admin):
    html = client.get(URL, {"sort": "women_share", "order": "desc", "kind": "commune"}).content.decode()
    assert '<input type="hidden" name="sort" value="women_share"' in html
    assert '<select name="sort"' not in html and "الصنف: " not in html
    assert "<summary>عوامل التصفية: <bdi>جماعة</bdi></summary>" in html
    assert '<select name="sort"' in client.get(MEMBERS).content.decode()


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
    for measure in ("phase", "adoption_date", "women_share"):
        with django_assert_max_num_queries(14):
            assert client.get(URL, {"region": "07", "measure": measure}).status_code == 200
    client.get(MEMBERS)
    for params in ({}, {"region": "07", "page": "2", "sort": "women_share"}):
        with django_assert_max_num_queries(14):
            assert client.get(MEMBERS, params).status_code == 200


def test_a_new_computation_shows_new_figures_at_once(client, computed, commune, settings):
    settings.PAGE_CACHE_SECONDS = 0
    assert 'data-member="ben-guerir"' in client.get(URL, {"kind": "commune"}).content.decode()
    commune.membership.delete()
    from remacto.netdash.compute import compute_figures

    compute_figures()
    assert 'data-member="ben-guerir"' not in client.get(URL, {"kind": "commune"}).content.decode()


@pytest.mark.parametrize(
    ("members", "said"), [(1, "لعضو واحد"), (5, "لـ 5 أعضاء"), (88, "لـ 88 عضوا"), (100, "لـ 100 عضو؛")]
)
def test_the_freshness_line_counts_the_members_in_arabic(client, reference, members, said):
    Computation.objects.create(finished_at=timezone.now(), members=members)
    freshness = client.get(URL).content.decode().split('id="netdash-freshness"')[1].split("</div>")[0]
    assert said in freshness and "وفور انضمام عضو جديد أو فتح برنامج" in freshness


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
