"""Adopting a programme while some projects have their budget still to be estimated: not refused, warned of on the
adoption page (before the form, with links to those projects) and counted in the adoption's audit entry; and the
network dashboard shows the new phase at once."""

import datetime
from decimal import Decimal

import pytest

from remacto.cocreation.models import Phase, Project
from remacto.cocreation.services.adoption import record_adoption
from remacto.core.models import AuditLogEntry
from remacto.netdash.compute import compute_figures
from remacto.netdash.models import MemberFigures

from .conftest import in_phase

pytestmark = pytest.mark.django_db

WARNING_AR = "مشروعان (2) لا تزال ميزانيتهما تقدر لاحقا"  # the dual form


def url(programme) -> str:
    return f"/ar/members/{programme.collectivity.slug}/programme/{programme.cycle}/adoption/"


@pytest.fixture
def drafted(programme, axis):
    """The programme in its adoption phase: one project with a budget, two to be estimated, one cancelled."""
    in_phase(programme, Phase.ADOPTION)
    make = lambda title, **fields: Project.objects.create(programme=programme, axis=axis, title=title, **fields)  # noqa: E731
    make("مشروع بميزانية", budget=Decimal(1000), order=1)
    make("بوابة المعطيات", budget=Decimal(0), budget_to_estimate=True, order=2)
    make("ميزانية المواطن", budget=Decimal(0), budget_to_estimate=True, order=3, is_hidden=True)
    make("مشروع ملغى", budget=Decimal(0), budget_to_estimate=True, order=4, status=Project.Status.CANCELLED)
    return programme


def adopt(actor, programme):
    return record_adoption(
        actor, programme, session_date=datetime.date(2027, 2, 3), deliberation_number="12/2027", votes_for=20
    )


def test_adoption_goes_ahead_and_the_audit_counts_the_budgets_to_estimate(secretariat, drafted):
    adopt(secretariat, drafted)
    drafted.refresh_from_db()
    assert drafted.phase == Phase.IMPLEMENTATION
    assert set(drafted.projects.values_list("status", flat=True)) == {"adopted", "cancelled"}
    entry = AuditLogEntry.objects.get(action="programme.adopt")
    assert entry.details["budgets_to_estimate"] == 2  # the cancelled one is not adopted, so not counted


def test_the_audit_says_zero_when_every_budget_is_known(secretariat, programme, axis):
    in_phase(programme, Phase.ADOPTION)
    Project.objects.create(programme=programme, axis=axis, title="مشروع", budget=Decimal(1000))
    adopt(secretariat, programme)
    assert AuditLogEntry.objects.get(action="programme.adopt").details["budgets_to_estimate"] == 0


def test_the_adoption_page_warns_before_the_form_with_links(client, secretariat, drafted):
    client.force_login(secretariat)
    page = client.get(url(drafted)).content.decode()
    assert 'class="message warning"' in page and WARNING_AR in page
    assert page.index('class="message warning"') < page.index('<form method="post" novalidate')
    for project in drafted.projects.filter(budget_to_estimate=True).exclude(status=Project.Status.CANCELLED):
        assert f'href="{project.get_absolute_url()}"' in page
    assert "مشروع ملغى" not in page and "مشروع بميزانية" not in page
    assert 'name="session_date"' in page  # not refused


def test_no_warning_when_every_budget_is_known(client, secretariat, programme, axis):
    in_phase(programme, Phase.ADOPTION)
    Project.objects.create(programme=programme, axis=axis, title="مشروع", budget=Decimal(1000))
    client.force_login(secretariat)
    page = client.get(url(programme)).content.decode()
    assert 'class="message warning"' not in page and 'name="session_date"' in page


@pytest.mark.parametrize("role", ["citizen", "committee_member", "other_focal_point"])
def test_the_warning_is_for_the_secretariat_only(client, request, drafted, role):
    client.force_login(request.getfixturevalue(role))
    response = client.get(url(drafted))
    assert response.status_code in (403, 404) and "بوابة المعطيات" not in response.content.decode()


def test_the_adoption_form_still_refuses_bad_input_and_saves_nothing(client, secretariat, drafted):
    client.force_login(secretariat)
    response = client.post(url(drafted), {"session_date": "2027-02-03", "deliberation_number": "", "votes_for": 3})
    assert response.status_code == 200 and response.context["form"].errors["deliberation_number"]
    drafted.refresh_from_db()
    assert drafted.phase == Phase.ADOPTION and not AuditLogEntry.objects.filter(action="programme.adopt").exists()


def test_the_network_dashboard_shows_the_adopted_phase_at_once(
    secretariat, drafted, commune, django_capture_on_commit_callbacks
):
    compute_figures()
    assert MemberFigures.objects.get(collectivity=commune).phase == Phase.ADOPTION
    with django_capture_on_commit_callbacks(execute=True):
        adopt(secretariat, drafted)
    assert MemberFigures.objects.get(collectivity=commune).phase == Phase.IMPLEMENTATION
