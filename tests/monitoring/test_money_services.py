"""Spending lines typed by hand: who may record them, what is refused (amounts, dates, the budget without an
amendment), the totals and execution rates of projects, axes and the programme."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from remacto.cocreation.models import Amendment, Phase
from remacto.core.models import AuditLogEntry
from remacto.monitoring.models import SpendingLine
from remacto.monitoring.selectors import money
from remacto.monitoring.services import spending

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 1)


def line(**values) -> dict:
    return {
        "kind": "paid",
        "amount": "45 000",
        "spent_on": datetime.date(2026, 3, 15),
        "reference": "OP-2026-001",
        "label": "دفعة أولى",
        **values,
    }


def record(actor, project, **values):
    return spending.record_spending(actor, project, line(**values), today=TODAY)


def test_a_focal_point_records_a_line_and_it_is_audited(focal_point, project):
    saved = record(focal_point, project)
    assert (saved.kind, saved.amount, saved.entered_by) == ("paid", Decimal(45000), focal_point)
    entry = AuditLogEntry.objects.get(action="spending.record")
    assert entry.collectivity == project.programme.collectivity
    assert entry.details == {"kind": "paid", "amount": "45000", "reference": "OP-2026-001"}


def test_a_network_admin_may_record(network_admin, project):
    assert record(network_admin, project).pk


@pytest.mark.parametrize("who", ["committee_member", "citizen", "other_focal_point", "unit_officer", "anonymous"])
def test_others_may_not_record(request, who, project):
    from django.contrib.auth.models import AnonymousUser

    actor = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        record(actor, project)
    assert not SpendingLine.objects.exists()


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"amount": "-500"}, "amount", "greater than zero"),
        ({"amount": "0"}, "amount", "greater than zero"),
        ({"amount": "cinq mille"}, "amount", "is not an amount"),
        ({"amount": ""}, "amount", "Give the amount"),
        ({"amount": Decimal("12.345")}, "amount", "more than two decimals"),
        ({"spent_on": datetime.date(2025, 12, 31)}, "spent_on", "implementation"),
        ({"spent_on": datetime.date(2026, 11, 2)}, "spent_on", "future"),
        ({"spent_on": None}, "spent_on", "date"),
        ({"reference": "  "}, "reference", "order number"),
        ({"reference": "OP\x00"}, "reference", "control characters"),
        ({"label": "x" * 301}, "label", "300"),
        ({"kind": "spent"}, "kind", "committed or paid"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(focal_point, project, values, field, words):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        record(focal_point, project, **values)
    assert words in " ".join(exc.value.message_dict[field])
    assert not SpendingLine.objects.exists() and not AuditLogEntry.objects.exists()


def test_the_message_is_in_the_users_language(focal_point, project):
    with translation.override("ar"), pytest.raises(ValidationError) as exc:
        record(focal_point, project, amount="-5")
    assert "أكبر من الصفر" in exc.value.message_dict["amount"][0]


def test_a_programme_not_adopted_takes_no_spending(focal_point, project):
    project.programme.phase = Phase.CONSULTATION
    project.programme.save()
    with pytest.raises(ValidationError):
        record(focal_point, project)


def test_paid_above_budget_needs_an_amendment_dated_before(focal_point, project):
    record(focal_point, project, amount="150000", reference="OP-1")
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        record(focal_point, project, amount="60000", reference="OP-2")
    assert "Record an amendment" in exc.value.message_dict["amount"][0]
    Amendment.objects.create(project=project, decided_on=datetime.date(2026, 4, 1), reason="ميزانية إضافية")
    with pytest.raises(ValidationError):  # the amendment comes after the line's date
        record(focal_point, project, amount="60000", reference="OP-2")
    saved = record(focal_point, project, amount="60000", reference="OP-2", spent_on=datetime.date(2026, 4, 1))
    assert saved.pk and money.project_money(project).paid == Decimal(210000)


def test_committed_and_paid_are_checked_separately(focal_point, project):
    record(focal_point, project, kind="committed", amount="200000")
    assert record(focal_point, project, kind="paid", amount="200000").pk
    with pytest.raises(ValidationError):
        record(focal_point, project, kind="committed", amount="0,01")


def test_an_amendment_of_another_project_does_not_count(focal_point, project):
    other = project.programme.projects.exclude(pk=project.pk).get()
    Amendment.objects.create(project=other, decided_on=datetime.date(2026, 1, 2), reason="x")
    with pytest.raises(ValidationError):
        record(focal_point, project, amount="200000,01")


# Totals and rates ---------------------------------------------------------------------------------------------


def test_totals_and_rates_per_project_axis_and_programme(focal_point, project, implemented):
    other = implemented.projects.exclude(pk=project.pk).get()
    record(focal_point, project, kind="committed", amount="100000")
    record(focal_point, project, kind="paid", amount="50000")
    record(focal_point, other, kind="paid", amount="25000")
    one = money.project_money(project)
    assert (one.committed, one.paid, one.paid_rate, one.committed_rate) == (
        Decimal(100000),
        Decimal(50000),
        Decimal("25.0"),
        Decimal("50.0"),
    )
    [(_axis, axis_money)] = money.axes_money(implemented)
    assert (axis_money.budget, axis_money.paid, axis_money.paid_rate) == (
        Decimal(250000),
        Decimal(75000),
        Decimal("30.0"),
    )
    total = money.programme_money(implemented)
    assert (total.budget, total.committed, total.paid) == (Decimal(250000), Decimal(100000), Decimal(75000))
    annotated = {p.pk: (p.committed, p.paid) for p in money.with_money(implemented.projects.all())}
    assert annotated[other.pk] == (Decimal(0), Decimal(25000))


def test_no_budget_has_no_rate():
    assert money.Money().paid_rate is None and money.rate(5, 0) is None


def test_selectors_take_a_bounded_number_of_queries(focal_point, project, implemented, django_assert_max_num_queries):
    for n in range(20):
        record(focal_point, project, amount="100", reference=f"OP-{n}")
    with django_assert_max_num_queries(2):
        money.programme_money(implemented)
    with django_assert_max_num_queries(1):
        money.axes_money(implemented)
    with django_assert_max_num_queries(1):
        list(money.with_money(implemented.projects.all()))


def test_parse_date_reads_the_usual_forms():
    assert spending.parse_date("31/03/2026") == spending.parse_date("2026-03-31") == datetime.date(2026, 3, 31)
    assert spending.parse_date("٣١/٠٣/٢٠٢٦") == datetime.date(2026, 3, 31)
    with pytest.raises(ValidationError):
        spending.parse_date("March 31")
