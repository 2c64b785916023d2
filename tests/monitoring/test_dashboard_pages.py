"""The public programme dashboard (execution rate, money by axis, projects, late activities, open alerts) and the
staff's spending page (list, filters, entry, export): what they show, who sees them, how many queries they take."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation

from remacto.cocreation.models import Activity, Axis, Phase, Project
from remacto.monitoring.models import ActivityStatus, Alert, Observation, ProgressUpdate, SpendingLine
from remacto.monitoring.selectors import money

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def url(programme, name: str, language: str = "ar", **kwargs) -> str:
    with translation.override(language):
        return reverse(
            f"monitoring:{name}", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle, **kwargs}
        )


def spend(project, kind, amount, on=datetime.date(2026, 3, 1), n=1):
    SpendingLine.objects.bulk_create(
        SpendingLine(project=project, kind=kind, amount=Decimal(amount), spent_on=on, reference=f"R{i}")
        for i in range(n)
    )


def test_the_dashboard_shows_rates_axes_projects_late_activities_and_alerts(client, implemented, project):
    spend(project, "paid", 50_000)
    spend(project, "committed", 100_000)
    ProgressUpdate.objects.create(project=project, reported_on=datetime.date(2026, 2, 1), progress=10, narrative="a")
    ProgressUpdate.objects.create(project=project, reported_on=datetime.date(2026, 5, 1), progress=35, narrative="b")
    study = project.activities.get(order=1)  # ended 2026-06-30
    ActivityStatus.objects.create(activity=study, status="under_way")
    other = implemented.projects.exclude(pk=project.pk).get()
    done = other.activities.get(order=1)
    ActivityStatus.objects.create(activity=done, status="under_way")
    ActivityStatus.objects.create(activity=done, status="done")
    Alert.objects.create(kind="no_update", project=project, opened_at=timezone.now())
    Alert.objects.create(kind="divergence", project=project, opened_at=timezone.now(), closed_at=timezone.now())
    board = money.dashboard(implemented, today=datetime.date(2026, 11, 1))
    assert (board.total.paid_rate, board.total.committed_rate) == (Decimal("20.0"), Decimal("40.0"))
    assert [a.pk for a in board.late] == [study.pk] and board.late_count == 1 and board.open_alerts == 1
    first = board.projects[0]
    assert (first.physical, first.late_count, first.open_alerts, first.paid) == (35, 1, 1, Decimal(50000))
    assert board.projects[1].physical is None
    response = client.get(url(implemented, "dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="paid-rate"' in html and "<svg" in html and 'role="img"' in html
    assert study.title in html
    assert reverse("monitoring:project", args=[implemented.collectivity.slug, project.pk]) in html
    assert reverse("monitoring:opendata", args=[implemented.collectivity.slug, implemented.cycle]) in html


def test_an_activity_without_status_past_its_end_is_late_and_cancelled_is_not(implemented, project):
    study = project.activities.get(order=1)
    other_study = implemented.projects.exclude(pk=project.pk).get().activities.get(order=1)
    ActivityStatus.objects.create(activity=other_study, status="cancelled")
    late = list(money.late_activities(implemented, today=datetime.date(2026, 7, 1)))
    assert late == [study]  # no status recorded: late
    assert money.late_activities(implemented, today=datetime.date(2026, 6, 30)) == []


def test_the_dashboard_is_in_arabic_by_default_with_empty_states(client, implemented):
    html = client.get(url(implemented, "dashboard")).content.decode()
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "لوحة تتبع التنفيذ" in html and "الأنشطة المتأخرة" in html
    assert "لم تسجل أي نفقات بعد." in html
    for activity in implemented.projects.get(order=1).activities.all():
        ActivityStatus.objects.create(activity=activity, status="done")
    for activity in implemented.projects.get(order=2).activities.all():
        ActivityStatus.objects.create(activity=activity, status="cancelled")
    assert "لا يوجد أي نشاط متأخر." in client.get(url(implemented, "dashboard")).content.decode()


def test_the_french_dashboard(client, implemented, project):
    spend(project, "paid", 1000)
    html = client.get(url(implemented, "dashboard", language="fr")).content.decode()
    assert "Tableau de bord de la mise en œuvre" in html and 'dir="ltr"' in html


def test_a_programme_not_adopted_has_no_dashboard(client, implemented):
    implemented.phase = Phase.CONSULTATION
    implemented.save()
    assert client.get(url(implemented, "dashboard")).status_code == 404


def test_hidden_and_cancelled_projects_are_left_out(implemented, project):
    other = implemented.projects.exclude(pk=project.pk).get()
    other.status = Project.Status.CANCELLED
    other.save()
    spend(other, "paid", 10)
    board = money.dashboard(implemented)
    assert [p.pk for p in board.projects] == [project.pk] and board.total.paid == 0
    project.is_hidden = True
    project.save()
    assert money.dashboard(implemented).projects == []


def test_the_dashboard_takes_a_bounded_number_of_queries(client, implemented, django_assert_max_num_queries):
    """Three times the projects, updates, lines, statuses, alerts and observations: the same number of queries,
    with the figures computed (cold cache)."""

    def grow(start: int):
        axis = Axis.objects.create(programme=implemented, order=start, title=f"محور {start}")
        for n in range(start, start + 6):
            p = Project.objects.create(
                programme=implemented,
                axis=axis,
                order=n,
                title=f"مشروع {n}",
                budget=Decimal(0 if n % 3 == 0 else 100000),
                budget_to_estimate=n % 3 == 0,  # the flag is read with the rows, no query per project
                status=Project.Status.IN_PROGRESS,
            )
            a = Activity.objects.create(project=p, order=1, title="نشاط", ends_on=datetime.date(2026, 2, 1))
            ActivityStatus.objects.create(activity=a, status="late")
            for day in (1, 2, 3):
                ProgressUpdate.objects.create(
                    project=p, reported_on=datetime.date(2026, 3, day), progress=day * 10, narrative="x"
                )
                Observation.objects.create(project=p, text="ملاحظة")
            spend(p, "paid", 100, n=5)
            spend(p, "committed", 100, n=5)
            Alert.objects.create(kind="no_update", project=p, opened_at=timezone.now())

    grow(10)
    caches["default"].clear()
    with django_assert_max_num_queries(20) as small:
        assert client.get(url(implemented, "dashboard")).status_code == 200
    assert any("monitoring_spendingline" in q["sql"] for q in small.captured_queries)  # computed, not cached
    grow(20)
    grow(30)
    caches["default"].clear()
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url(implemented, "dashboard"))
    assert response.content.decode().count("data-project=") == 20


# Staff page ----------------------------------------------------------------------------------------------------


def test_the_staff_page_lists_filters_pages_and_adds_lines(client, focal_point, implemented, project):
    spend(project, "paid", 10, n=60)
    SpendingLine.objects.create(
        project=project, kind="committed", amount=5, spent_on=datetime.date(2026, 4, 1), reference="ENG-SPECIAL"
    )
    client.force_login(focal_point)
    page = client.get(url(implemented, "spending"))
    assert page.status_code == 200 and page.content.decode().count("<tr><td>") == 50
    assert 'rel="next"' in page.content.decode()
    filtered = client.get(url(implemented, "spending") + "?q=special&kind=committed")
    assert filtered.content.decode().count("<tr><td>") == 1
    response = client.post(
        url(implemented, "spending"),
        {
            "line-project": project.pk,
            "line-kind": "paid",
            "line-amount": "1 000,50",
            "line-spent_on": "2026-05-02",
            "line-reference": "OP-77",
        },
    )
    assert response.status_code == 302 and SpendingLine.objects.get(reference="OP-77").amount == Decimal("1000.50")


def test_a_refused_line_keeps_what_was_typed_and_says_why_in_arabic(client, focal_point, implemented, project):
    client.force_login(focal_point)
    data = {
        "line-project": project.pk,
        "line-kind": "paid",
        "line-amount": "-5",
        "line-spent_on": "2026-05-02",
        "line-reference": "OP-78",
    }
    response = client.post(url(implemented, "spending"), data)
    html = response.content.decode()
    assert response.status_code == 400 and "أكبر من الصفر" in html and 'value="OP-78"' in html
    assert not SpendingLine.objects.exists()
    data.update({"line-amount": "250000"})
    html = client.post(url(implemented, "spending"), data).content.decode()
    assert "سجلوا تعديلا للمشروع أولا" in html


def test_the_export_streams_the_filtered_lines(client, focal_point, implemented, project):
    spend(project, "paid", 10, n=3)
    SpendingLine.objects.create(
        project=project, kind="paid", amount=5, spent_on=datetime.date(2026, 4, 1), reference="=cmd", label="x"
    )
    client.force_login(focal_point)
    response = client.get(url(implemented, "spending_export"))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.lstrip("\ufeff").startswith("project_code,project,kind,amount,date")
    assert len(text.strip().splitlines()) == 5 and "'=cmd" in text


@pytest.mark.parametrize("who", ["focal_point", "network_admin"])
def test_the_focal_point_and_network_admins_see_the_staff_page(client, request, who, implemented):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(implemented, "spending")).status_code == 200


@pytest.mark.parametrize("who", ["committee_member", "citizen", "other_focal_point", "unit_officer"])
def test_others_do_not(client, request, who, implemented, project):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(implemented, "spending")).status_code == 403
    assert client.get(url(implemented, "spending_export")).status_code == 403
    post = {
        "line-project": project.pk,
        "line-kind": "paid",
        "line-amount": "5",
        "line-spent_on": "2026-05-02",
        "line-reference": "X",
    }
    assert client.post(url(implemented, "spending"), post).status_code == 403
    assert not SpendingLine.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in_but_see_the_dashboard(client, implemented):
    assert client.get(url(implemented, "spending")).status_code == 302
    assert client.get(url(implemented, "dashboard")).status_code == 200
