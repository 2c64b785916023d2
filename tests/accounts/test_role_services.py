"""Granting and revoking roles: who may and who may not, the audit log, nothing half-saved."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from remacto.accounts import services
from remacto.accounts.models import Role
from remacto.core.models import AuditLogEntry

from ..conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(db):
    return make_user("newcomer@example.ma")


def test_network_admin_grants_anywhere_and_it_is_audited(network_admin, newcomer, commune):
    role = services.grant_role(network_admin, newcomer, Role.Kind.MODERATOR, commune, "  Moderation  ")
    assert role.title == "Moderation" and role.granted_by == network_admin
    entry = AuditLogEntry.objects.get(action="role.grant")
    assert entry.actor == network_admin and entry.collectivity == commune
    assert entry.object_id == str(role.pk) and entry.details["kind"] == "moderator"


def test_focal_point_grants_in_own_collectivity(focal_point, newcomer, commune):
    services.grant_role(focal_point, newcomer, Role.Kind.COMMITTEE_MEMBER, commune)
    assert newcomer.roles.filter(collectivity=commune, kind="committee_member").exists()


def test_focal_point_of_another_commune_is_refused(other_focal_point, newcomer, commune):
    with pytest.raises(PermissionDenied):
        services.grant_role(other_focal_point, newcomer, Role.Kind.COMMITTEE_MEMBER, commune)
    assert not Role.objects.filter(user=newcomer).exists()
    assert not AuditLogEntry.objects.exists()


@pytest.mark.parametrize("actor_fixture", ["committee_member", "moderator", "citizen"])
def test_non_focal_roles_and_citizens_are_refused(request, actor_fixture, newcomer, commune):
    actor = request.getfixturevalue(actor_fixture)
    with pytest.raises(PermissionDenied):
        services.grant_role(actor, newcomer, Role.Kind.FOCAL_POINT, commune)
    assert not Role.objects.filter(user=newcomer).exists()


def test_anonymous_is_refused(newcomer, commune):
    with pytest.raises(PermissionDenied):
        services.grant_role(AnonymousUser(), newcomer, Role.Kind.MODERATOR, commune)


def test_only_network_admins_make_network_admins(focal_point, network_admin, newcomer):
    with pytest.raises(PermissionDenied):
        services.grant_role(focal_point, newcomer, Role.Kind.NETWORK_ADMIN)
    role = services.grant_role(network_admin, newcomer, Role.Kind.NETWORK_ADMIN)
    assert role.collectivity is None


def test_bad_input_gives_field_errors_and_saves_nothing(network_admin, newcomer, commune):
    with pytest.raises(ValidationError) as unknown:
        services.grant_role(network_admin, newcomer, "mayor", commune)
    assert "kind" in unknown.value.message_dict
    with pytest.raises(ValidationError) as missing:
        services.grant_role(network_admin, newcomer, Role.Kind.MODERATOR, None)
    assert "collectivity" in missing.value.message_dict
    with pytest.raises(ValidationError):
        services.grant_role(network_admin, newcomer, Role.Kind.MODERATOR, commune, "x" * 200)
    assert not Role.objects.filter(user=newcomer).exists()
    assert not AuditLogEntry.objects.exists()


def test_duplicate_role_is_refused(network_admin, focal_point, commune):
    with pytest.raises(ValidationError) as exc:
        services.grant_role(network_admin, focal_point, Role.Kind.FOCAL_POINT, commune)
    assert "kind" in exc.value.message_dict
    assert Role.objects.filter(user=focal_point).count() == 1


def test_revoke_by_focal_point_and_refusal_elsewhere(focal_point, other_focal_point, committee_member, commune):
    role = committee_member.roles.get()
    with pytest.raises(PermissionDenied):
        services.revoke_role(other_focal_point, role)
    services.revoke_role(focal_point, role)
    assert not committee_member.roles.exists()
    assert AuditLogEntry.objects.filter(action="role.revoke", collectivity=commune).count() == 1


def test_network_admin_cannot_remove_own_admin_role(network_admin):
    with pytest.raises(ValidationError):
        services.revoke_role(network_admin, network_admin.roles.get())
    assert network_admin.roles.exists()


def test_profile_is_changed_only_by_its_owner(citizen, focal_point):
    services.update_profile(
        citizen, citizen, statistics_consent=True, display_name="Amina", age_band="18-29", gender="woman"
    )
    citizen.refresh_from_db()
    assert (citizen.display_name, citizen.age_band, citizen.gender) == ("Amina", "18-29", "woman")
    with pytest.raises(PermissionDenied):
        services.update_profile(focal_point, citizen, display_name="Hacked")
    with pytest.raises(ValidationError):
        services.update_profile(citizen, citizen, age_band="ancient")
    citizen.refresh_from_db()
    assert citizen.display_name == "Amina"
