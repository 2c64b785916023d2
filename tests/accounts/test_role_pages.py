"""Role management and audit log pages, per role."""

import pytest

from remacto.accounts.models import Role
from remacto.core.models import AuditLogEntry

from ..conftest import make_user

pytestmark = pytest.mark.django_db


def test_roles_page_for_focal_point_grant_and_revoke(client, focal_point, commune):
    target = make_user("new@example.ma")
    client.force_login(focal_point)
    url = f"/ar/members/{commune.slug}/roles/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "new@example.ma", "kind": "moderator", "title": ""}, follow=True)
    assert response.status_code == 200
    role = Role.objects.get(user=target, kind="moderator")
    response = client.post(f"/ar/roles/{role.pk}/revoke/", follow=True)
    assert not Role.objects.filter(pk=role.pk).exists()
    assert AuditLogEntry.objects.filter(collectivity=commune).count() == 2


def test_roles_page_refuses_other_focal_points_and_citizens(client, other_focal_point, citizen, commune):
    for user in (other_focal_point, citizen):
        client.force_login(user)
        assert client.get(f"/ar/members/{commune.slug}/roles/").status_code == 403
        response = client.post(f"/ar/members/{commune.slug}/roles/", {"email": user.email, "kind": "moderator"})
        assert response.status_code == 403
    assert not Role.objects.filter(kind="moderator").exists()


def test_anonymous_is_sent_to_login(client, commune):
    response = client.get(f"/ar/members/{commune.slug}/roles/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_grant_form_errors_in_arabic_keep_input(client, focal_point, commune):
    client.force_login(focal_point)
    response = client.post(f"/ar/members/{commune.slug}/roles/", {"email": "nobody@example.ma", "kind": "moderator"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert 'value="nobody@example.ma"' in response.content.decode()
    assert not Role.objects.filter(kind="moderator").exists()


def test_audit_log_visibility(client, network_admin, focal_point, other_focal_point, citizen, commune):
    url_collectivity = f"/ar/members/{commune.slug}/audit/"
    client.force_login(network_admin)
    assert client.get("/ar/audit/").status_code == 200
    assert client.get(url_collectivity).status_code == 200
    client.force_login(focal_point)
    assert client.get(url_collectivity).status_code == 200
    assert client.get("/ar/audit/").status_code == 403
    for user in (other_focal_point, citizen):
        client.force_login(user)
        assert client.get(url_collectivity).status_code == 403


def test_audit_log_shows_only_own_collectivity(client, network_admin, focal_point, commune, other_commune):
    from remacto.accounts import services

    services.grant_role(network_admin, make_user("a@example.ma"), "moderator", commune)
    services.grant_role(network_admin, make_user("b@example.ma"), "moderator", other_commune)
    client.force_login(focal_point)
    entries = client.get(f"/ar/members/{commune.slug}/audit/").context["page"].object_list
    assert [e.collectivity_id for e in entries] == [commune.pk]


def test_space_shows_staff_tools_only_to_staff(client, focal_point, citizen, commune):
    client.force_login(focal_point)
    assert f"/members/{commune.slug}/roles/" in client.get(f"/ar/members/{commune.slug}/").content.decode()
    client.force_login(citizen)
    assert f"/members/{commune.slug}/roles/" not in client.get(f"/ar/members/{commune.slug}/").content.decode()
