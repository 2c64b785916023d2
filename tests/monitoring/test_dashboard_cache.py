"""The programme dashboard's figures kept in the cache: what the public selector returns, for every visitor alike
(signed-in ones too), never older than the last write or than the day, in fewer queries than a fresh computation."""

import datetime
import re
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from remacto.core import pagecache
from remacto.monitoring.models import ActivityStatus, SpendingLine
from remacto.monitoring.selectors import money
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _figures_cached_pages_not(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders: only the figures may come from the cache
    settings.DASHBOARD_CACHE_SECONDS = 600


def dashboard_url(programme, language: str = "ar", name: str = "dashboard") -> str:
    with translation.override(language):
        return reverse(f"monitoring:{name}", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle})


def pay(project, amount: int) -> None:
    SpendingLine.objects.create(
        project=project, kind="paid", amount=Decimal(amount), spent_on=datetime.date(2026, 3, 1), reference="OP-1"
    )


def spending_queries(queries) -> list[str]:
    return [q["sql"] for q in queries if "monitoring_spendingline" in q["sql"]]


def test_the_cache_holds_what_the_selector_returns(implemented, project):
    pay(project, 40_000)
    cached = money.cached_dashboard(implemented)
    assert cached == money.dashboard(implemented)
    assert money.cached_dashboard(implemented) == cached and cached.total.paid == Decimal(40_000)


def test_a_spending_line_added_gives_new_figures(client, implemented, project):
    pay(project, 40_000)
    before = money.cached_dashboard(implemented)
    assert before.total.paid == Decimal(40_000) and before.projects[0].paid == Decimal(40_000)
    pay(project, 10_000)
    after = money.cached_dashboard(implemented)
    assert after.total.paid == Decimal(50_000) and after.projects[0].paid == Decimal(50_000)
    assert after.total.paid_rate == Decimal("20.0")  # of 250,000 MAD
    html = client.get(dashboard_url(implemented)).content.decode()
    assert 'id="paid-rate"><bdi dir="ltr">20,0</bdi>%' in html
    pay(project, 25_000)
    html = client.get(dashboard_url(implemented)).content.decode()
    assert 'id="paid-rate"><bdi dir="ltr">30,0</bdi>%' in html


def test_a_hidden_project_leaves_the_cached_figures(implemented, project):
    pay(project, 40_000)
    assert len(money.cached_dashboard(implemented).projects) == 2
    project.is_hidden = True
    project.save()
    board = money.cached_dashboard(implemented)
    assert project.pk not in [p.pk for p in board.projects] and board.total.paid == 0


def test_activities_become_late_with_the_day_without_any_write(implemented, project):
    study = project.activities.get(order=1)  # ends 2026-06-30
    ActivityStatus.objects.create(activity=study, status="under_way")
    assert money.cached_dashboard(implemented, today=datetime.date(2026, 6, 30)).late_count == 0
    late = money.cached_dashboard(implemented, today=datetime.date(2026, 7, 1))
    assert late.late_count == 2 and study.pk in [a.pk for a in late.late]


def test_a_warm_cache_spares_the_queries_for_signed_in_visitors_too(client, implemented, project):
    pay(project, 40_000)
    user = make_user("resident@example.ma")
    assert client.login(email=user.email, password=PASSWORD)
    path = dashboard_url(implemented)
    with CaptureQueriesContext(connection) as cold:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        html = client.get(path).content.decode()
    assert spending_queries(cold.captured_queries) and not spending_queries(warm.captured_queries)
    assert len(warm.captured_queries) <= len(cold.captured_queries) - 5
    assert "40.000,00" in html


def test_figures_are_computed_each_time_when_the_cache_is_off(settings, implemented, project):
    settings.DASHBOARD_CACHE_SECONDS = 0
    money.cached_dashboard(implemented)
    with CaptureQueriesContext(connection) as again:
        money.cached_dashboard(implemented)
    assert spending_queries(again.captured_queries)


def test_a_cache_outage_only_costs_the_computation(implemented, project):
    pay(project, 40_000)
    with mock.patch.object(caches["default"], "get", side_effect=ConnectionError("down")):
        assert money.cached_dashboard(implemented).total.paid == Decimal(40_000)
    with mock.patch.object(caches["default"], "set", side_effect=ConnectionError("down")):
        assert money.cached_dashboard(implemented).total.paid == Decimal(40_000)


def test_figures_computed_while_a_write_commits_are_never_read():
    """The version is read before computing: a write committing meanwhile makes the stored figures unreachable."""
    calls = []

    def compute():
        calls.append(1)
        pagecache.bump()  # a write commits while the figures are computed
        return len(calls)

    assert pagecache.remember("figures", compute, 60) == 1
    assert pagecache.remember("figures", compute, 60) == 2


def test_the_rendered_figures_are_kept_per_language(client, implemented, project):
    pay(project, 40_000)
    arabic = client.get(dashboard_url(implemented)).content.decode()
    french = client.get(dashboard_url(implemented, "fr")).content.decode()
    assert "du budget payé" in french and "du budget payé" not in arabic
    assert "40.000,00" in arabic and "40\u202f000,00" in french


def test_staff_links_stay_per_visitor_around_the_kept_figures(implemented, project, focal_point, citizen):
    pay(project, 40_000)
    staff_client, citizen_client = Client(), Client()
    staff_client.force_login(focal_point)
    citizen_client.force_login(citizen)  # signing in writes: before the first visit
    staff = staff_client.get(dashboard_url(implemented)).content.decode()
    with CaptureQueriesContext(connection) as queries:
        public = citizen_client.get(dashboard_url(implemented)).content.decode()
    spending = dashboard_url(implemented, name="spending")
    assert spending in staff and spending not in public
    assert not spending_queries(queries.captured_queries)
    figures = staff.index('id="dashboard-figures"')
    assert staff[figures : figures + 400] == public[public.index('id="dashboard-figures"') :][:400]


def test_the_rendered_figures_change_with_the_day(client, implemented, project):
    study = project.activities.get(order=1)  # ends 2026-06-30
    ActivityStatus.objects.create(activity=study, status="under_way")
    with mock.patch("remacto.monitoring.views.money.timezone.localdate", return_value=datetime.date(2026, 6, 30)):
        before = client.get(dashboard_url(implemented)).content.decode()
    with mock.patch("remacto.monitoring.views.money.timezone.localdate", return_value=datetime.date(2026, 7, 1)):
        after = client.get(dashboard_url(implemented)).content.decode()
    late_count = re.compile(r'id="late-count">(?:<bdi dir="ltr">)?(\d+)<')
    assert late_count.search(before)[1] == "0" and late_count.search(after)[1] == "2"
