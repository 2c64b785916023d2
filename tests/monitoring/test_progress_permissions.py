"""Who may post a project's progress: its collectivity's focal point, the staff assigned to it and network admins;
nobody else (committee members, citizens, anonymous visitors, another collectivity's focal point, staff assigned to
another project). Checked in the service and on the staff pages."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from remacto.monitoring.models import ProgressUpdate, ProjectAssignment
from remacto.monitoring.services import progress as service

from ..conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 1)
VALUES = {"reported_on": datetime.date(2026, 5, 1), "progress": 10, "narrative": "بدأت الأشغال"}
ALLOWED = ["focal_point", "unit_officer", "network_admin"]
REFUSED = ["committee_member", "citizen", "anonymous", "other_focal_point", "officer_of_another_project"]


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def officer_of_another_project(implemented):
    user = make_user("other-unit@example.ma")
    second = implemented.projects.order_by("order").last()
    ProjectAssignment.objects.create(project=second, user=user)
    return user


@pytest.mark.parametrize("who", ALLOWED)
def test_may_post(request, who, project):
    actor = request.getfixturevalue(who)
    assert service.can_post(actor, project)
    update = service.post_update(actor, project, VALUES, today=TODAY)
    assert update.author == actor


@pytest.mark.parametrize("who", REFUSED)
def test_may_not_post(request, who, project, unit_officer):
    actor = request.getfixturevalue(who)
    assert not service.can_post(actor, project)
    with pytest.raises(PermissionDenied):
        service.post_update(actor, project, VALUES, today=TODAY)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("who", REFUSED)
def test_the_staff_pages_are_refused(request, client, who, project, unit_officer):
    actor = request.getfixturevalue(who)
    if who != "anonymous":
        client.force_login(actor)
    slug = project.programme.collectivity.slug
    for name in ("monitoring:post_update", "monitoring:assignments"):
        response = client.get(reverse(name, kwargs={"slug": slug, "project": project.pk}))
        assert response.status_code == (302 if who == "anonymous" else 403), (name, who)
    response = client.post(
        reverse("monitoring:post_update", kwargs={"slug": slug, "project": project.pk}),
        {"reported_on": "2026-05-01", "progress": "10", "narrative": "x"},
    )
    assert response.status_code in (302, 403) and not ProgressUpdate.objects.exists()


def test_the_officer_posts_but_does_not_manage_the_team(client, project, unit_officer):
    client.force_login(unit_officer)
    slug = project.programme.collectivity.slug
    assert (
        client.get(reverse("monitoring:post_update", kwargs={"slug": slug, "project": project.pk})).status_code == 200
    )
    assert (
        client.get(reverse("monitoring:assignments", kwargs={"slug": slug, "project": project.pk})).status_code == 403
    )
