"""The monitoring fixtures describe what the other tests assume: an adopted programme under way."""

from remacto.monitoring.models import ProjectAssignment


def test_an_implemented_programme_has_two_projects_under_way(implemented, project, unit_officer, other_project):
    assert implemented.is_adopted
    assert implemented.projects.count() == 2
    assert project.activities.count() == 2 and project.indicators.count() == 1
    assert ProjectAssignment.objects.get(user=unit_officer).project == project
    assert other_project.programme.collectivity != implemented.collectivity
