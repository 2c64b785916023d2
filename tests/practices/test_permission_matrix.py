"""Every library service for five roles: anonymous, citizen, the submitting focal point, a focal point elsewhere
and a network admin. Refusals save nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from remacto.cocreation.models import Phase
from remacto.practices import services
from remacto.practices.models import Practice, TemplateUse

from ..conftest import make_user
from .conftest import VALUES

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "focal_point", "elsewhere", "network_admin"]


@pytest.fixture
def people(focal_point, other_focal_point, network_admin):
    return {
        "anonymous": AnonymousUser(),
        "citizen": make_user("plain@example.ma"),
        "focal_point": focal_point,
        "elsewhere": other_focal_point,
        "network_admin": network_admin,
    }


def _allowed(call) -> bool:
    try:
        call()
    except PermissionDenied:
        return False
    return True


@pytest.mark.parametrize("role", ROLES)
def test_submit(people, commune, role):
    allowed = _allowed(lambda: services.submit_practice(people[role], commune, VALUES))
    assert allowed == (role == "focal_point")
    assert Practice.objects.exists() == allowed


@pytest.mark.parametrize("role", ROLES)
def test_correct(people, practice, role):
    allowed = _allowed(lambda: services.update_practice(people[role], practice, {**VALUES, "title": "عنوان جديد"}))
    assert allowed == (role == "focal_point")
    practice.refresh_from_db()
    assert (practice.title == "عنوان جديد") == allowed


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "action",
    [
        lambda actor, p: services.publish(actor, p),
        lambda actor, p: services.request_changes(actor, p, "أضيفوا النتائج من فضلكم"),
    ],
)
def test_review(people, practice, role, action):
    allowed = _allowed(lambda: action(people[role], practice))
    assert allowed == (role == "network_admin")
    practice.refresh_from_db()
    assert (practice.status != Practice.Status.SUBMITTED) == allowed


@pytest.mark.parametrize("role", ROLES)
def test_unpublish(people, published, role):
    allowed = _allowed(lambda: services.unpublish(people[role], published, "سحب للمراجعة من فضلكم"))
    assert allowed == (role == "network_admin")
    published.refresh_from_db()
    assert published.is_published != allowed


@pytest.mark.parametrize("role", ROLES)
def test_use_as_template_into_zagora(people, published, programme_at, role):
    """Only a focal point of the programme's collectivity (Zagora) may fill it from a practice."""
    programme = programme_at(Phase.AXES)
    allowed = _allowed(lambda: services.use_as_template(people[role], published, programme))
    assert allowed == (role == "elsewhere")
    assert TemplateUse.objects.exists() == allowed


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_an_unpublished_practice(people, practice, role):
    from remacto.practices.selectors import visible_to

    assert visible_to(people[role], practice) == (role in ("focal_point", "network_admin"))


def test_a_focal_point_of_a_collectivity_that_is_not_a_member_cannot_submit(other_focal_point, other_commune):
    other_commune.membership.delete()
    outsider = type(other_commune).objects.get(pk=other_commune.pk)
    with pytest.raises(PermissionDenied):
        services.submit_practice(other_focal_point, outsider, VALUES)
    assert not Practice.objects.exists()
