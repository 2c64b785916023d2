"""A followed project whose budget is still to be estimated (budget stored as 0): shown as such on the dashboard,
the project page and the final report, and left out of the paid and committed rates instead of counting its
spending against no budget."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from remacto.core.formatting import format_mad
from remacto.monitoring import report
from remacto.monitoring.models import SpendingLine
from remacto.monitoring.selectors import money

pytestmark = pytest.mark.django_db

ESTIMATE_AR = "تقدر لاحقا"


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def unbudgeted(implemented, project):
    """The programme's second project has no budget yet; both projects have spending."""
    other = implemented.projects.exclude(pk=project.pk).get()
    other.budget, other.budget_to_estimate = Decimal(0), True
    other.save()
    day = datetime.date(2026, 3, 1)
    for target, kind, amount in (
        (project, "paid", 50_000),
        (project, "committed", 100_000),
        (other, "paid", 10_000),
        (other, "committed", 30_000),
    ):
        SpendingLine.objects.create(project=target, kind=kind, amount=Decimal(amount), spent_on=day, reference="R")
    return other


def test_the_dashboard_leaves_the_unbudgeted_project_out_of_the_rates(implemented, project, unbudgeted):
    board = money.dashboard(implemented)
    # Before: the 10,000 paid on a project of budget 0 counted against the 200,000 of the other (30 %, not 25 %).
    assert (board.total.paid, board.total.committed) == (Decimal(60_000), Decimal(130_000))
    assert (board.total.paid_rate, board.total.committed_rate) == (Decimal("25.0"), Decimal("50.0"))
    assert board.total.to_estimate == 1
    row = next(p for p in board.projects if p.pk == unbudgeted.pk)
    assert row.budget_to_estimate and row.money.paid_rate is None and row.paid == Decimal(10_000)
    assert not next(p for p in board.projects if p.pk == project.pk).budget_to_estimate
    (_axis, axis_money) = board.axes[0]
    assert axis_money.paid_rate == Decimal("25.0") and axis_money.to_estimate == 1


def test_the_other_money_selectors_agree_with_the_dashboard(implemented, unbudgeted):
    total = money.programme_money(implemented)
    assert (total.paid, total.paid_rate, total.committed_rate, total.to_estimate) == (
        Decimal(60_000),
        Decimal("25.0"),
        Decimal("50.0"),
        1,
    )
    (_axis, axis_money) = money.axes_money(implemented)[0]
    assert (axis_money.paid, axis_money.paid_rate, axis_money.to_estimate) == (Decimal(60_000), Decimal("25.0"), 1)
    alone = money.project_money(unbudgeted)
    assert alone.paid == Decimal(10_000) and alone.paid_rate is None and alone.to_estimate == 1


def test_with_every_budget_to_be_estimated_there_is_no_rate(implemented, project, unbudgeted):
    project.budget, project.budget_to_estimate = Decimal(0), True
    project.save()
    board = money.dashboard(implemented)
    assert board.total.paid_rate is None and board.total.to_estimate == 2 and board.total.paid == Decimal(60_000)


def test_the_arabic_dashboard_says_to_be_estimated(client, implemented, unbudgeted):
    with translation.override("ar"):
        path = reverse("monitoring:dashboard", args=[implemented.collectivity.slug, implemented.cycle])
    html = client.get(path).content.decode()
    assert 'dir="rtl"' in html
    row = html[html.index(f'href="{_project_path(implemented, unbudgeted)}"') :]
    row = row[: row.index("</tr>")]
    assert ESTIMATE_AR in row
    assert 'id="to-estimate"' in html and "مشروع واحد لا تزال ميزانيته تقدر لاحقا" in html
    assert "25٫0" in html or "25.0" in html or "25,0" in html


def _project_path(programme, project) -> str:
    with translation.override("ar"):
        return reverse("monitoring:project", args=[programme.collectivity.slug, project.pk])


def test_the_arabic_project_page_says_to_be_estimated(client, implemented, unbudgeted):
    html = client.get(_project_path(implemented, unbudgeted)).content.decode()
    assert html.count(ESTIMATE_AR) >= 2  # the facts and the spending figures
    with translation.override("ar"):
        zero = format_mad(0)
    assert not re.search(r"(?<![\d.,])" + re.escape(zero), html)  # before: the budget shown as 0 MAD


def test_the_report_shows_to_be_estimated_and_leaves_it_out_of_the_paid_share(
    implemented, project, unbudgeted, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        ctx = report.context(implemented)
    assert ctx["totals"]["paid"] == Decimal(60_000) and ctx["totals"]["paid_share"] == 25
    assert ctx["axes"][0]["paid_share"] == 25
    assert next(p for p in ctx["projects"] if p.pk == unbudgeted.pk).paid_share is None
    html = report.render_html(implemented, "ar")
    assert ESTIMATE_AR in html
