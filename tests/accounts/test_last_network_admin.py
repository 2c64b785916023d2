"""The network always keeps an admin: its last network admin can neither delete their account nor lose the role,
by the pages, the services or the Django admin; two last admins leaving at the same instant cannot both succeed."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from remacto.accounts import privacy, services
from remacto.accounts.models import Role, User

from ..conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

REFUSED = {
    "ar": "ستبقى الشبكة دون مسيّر. امنح دور مسيّر الشبكة لشخص آخر أولا.",
    "fr": "Le réseau resterait sans administrateur. Donnez d'abord le rôle d'administrateur du réseau à une autre "
    "personne.",
}


def _admin(email: str, **fields) -> User:
    user = make_user(email, **fields)
    Role.objects.create(user=user, kind=Role.Kind.NETWORK_ADMIN)
    return user


@pytest.fixture
def superuser(db):
    return make_user("root@example.ma", "Root", is_staff=True, is_superuser=True)


def _admins() -> int:
    return Role.objects.filter(kind=Role.Kind.NETWORK_ADMIN).count()


# The account deletion page and service ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_last_network_admin_cannot_delete_their_account(client, network_admin, language):
    client.force_login(network_admin)
    response = client.post(f"/{language}/profile/delete/", {"password": PASSWORD})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [REFUSED[language]]
    assert REFUSED[language].replace("'", "&#x27;") in response.content.decode()
    assert User.objects.filter(pk=network_admin.pk).exists() and _admins() == 1


def test_an_inactive_second_admin_does_not_count(network_admin):
    _admin("asleep@example.ma", is_active=False)
    with pytest.raises(ValidationError) as exc:
        privacy.delete_account(network_admin, network_admin, password=PASSWORD)
    assert exc.value.code == "last_network_admin"
    assert User.objects.filter(pk=network_admin.pk).exists()


def test_a_network_admin_may_leave_when_another_one_stays(client, network_admin):
    other = _admin("second@example.ma")
    client.force_login(network_admin)
    assert client.post("/ar/profile/delete/", {"password": PASSWORD}).status_code == 302
    assert not User.objects.filter(pk=network_admin.pk).exists()
    assert list(Role.objects.filter(kind=Role.Kind.NETWORK_ADMIN).values_list("user", flat=True)) == [other.pk]


def test_other_people_delete_their_account_as_before(citizen, network_admin):
    privacy.delete_account(citizen, citizen, password=PASSWORD)
    assert not User.objects.filter(pk=citizen.pk).exists() and _admins() == 1


# Revoking the role --------------------------------------------------------------------------------------------


def test_a_superuser_cannot_revoke_the_last_network_admin_role(superuser, network_admin):
    with pytest.raises(ValidationError) as exc:
        services.revoke_role(superuser, network_admin.roles.get())
    assert exc.value.messages == [REFUSED["ar"]]
    assert _admins() == 1


def test_a_network_admin_role_is_revoked_when_another_stays(superuser, network_admin):
    other = _admin("second@example.ma")
    services.revoke_role(other, network_admin.roles.get())
    assert list(Role.objects.filter(kind=Role.Kind.NETWORK_ADMIN).values_list("user", flat=True)) == [other.pk]


def test_the_revoke_page_says_why_in_the_users_language(client, superuser, network_admin):
    client.force_login(superuser)
    role = network_admin.roles.get()
    response = client.post(f"/fr/roles/{role.pk}/revoke/", follow=True)
    assert REFUSED["fr"] in [str(m) for m in response.context["messages"]]
    assert _admins() == 1


# The Django admin ---------------------------------------------------------------------------------------------


def test_the_admin_refuses_to_delete_the_last_network_admin_role(client, superuser, network_admin):
    client.force_login(superuser)
    role = network_admin.roles.get()
    response = client.post(f"/ar/admin/accounts/role/{role.pk}/delete/", {"post": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == f"/ar/admin/accounts/role/{role.pk}/change/"
    assert REFUSED["ar"] in [str(m) for m in response.context["messages"]]
    assert _admins() == 1


def test_the_admin_list_action_refuses_too(client, superuser, network_admin):
    client.force_login(superuser)
    role = network_admin.roles.get()
    data = {"action": "delete_selected", "_selected_action": [role.pk], "post": "yes"}
    response = client.post("/ar/admin/accounts/role/", data, follow=True)
    assert REFUSED["ar"] in [str(m) for m in response.context["messages"]]
    assert _admins() == 1
    data = {"action": "delete_selected", "_selected_action": [network_admin.pk], "post": "yes"}
    client.post("/ar/admin/accounts/user/", data)
    assert User.objects.filter(pk=network_admin.pk).exists() and _admins() == 1


def test_the_admin_refuses_to_change_the_last_role_kind(client, superuser, network_admin, commune):
    client.force_login(superuser)
    role = network_admin.roles.get()
    data = {"user": network_admin.pk, "collectivity": commune.pk, "kind": Role.Kind.MODERATOR, "title": ""}
    response = client.post(f"/ar/admin/accounts/role/{role.pk}/change/", data)
    assert response.status_code == 200 and REFUSED["ar"] in response.content.decode()
    role.refresh_from_db()
    assert role.kind == Role.Kind.NETWORK_ADMIN


def test_the_admin_refuses_to_delete_or_deactivate_the_last_admin_account(client, superuser, network_admin):
    client.force_login(superuser)
    response = client.post(f"/ar/admin/accounts/user/{network_admin.pk}/delete/", {"post": "yes"}, follow=True)
    assert REFUSED["ar"] in [str(m) for m in response.context["messages"]]
    data = {
        "email": network_admin.email,
        "display_name": network_admin.display_name,
        "preferred_language": "ar",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(f"/ar/admin/accounts/user/{network_admin.pk}/change/", data)
    assert response.status_code == 200 and REFUSED["ar"] in response.content.decode()
    network_admin.refresh_from_db()
    assert network_admin.is_active and not network_admin.is_staff


def test_the_admin_deletes_an_admin_role_when_another_stays(client, superuser, network_admin):
    _admin("second@example.ma")
    client.force_login(superuser)
    role = network_admin.roles.get()
    assert client.post(f"/ar/admin/accounts/role/{role.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Role.objects.filter(pk=role.pk).exists()


def test_only_superusers_reach_the_role_admin(client, network_admin):
    role = network_admin.roles.get()
    client.force_login(network_admin)  # not staff: sent to sign in
    assert client.post(f"/ar/admin/accounts/role/{role.pk}/delete/", {"post": "yes"}).status_code == 302
    client.force_login(make_user("staff@example.ma", is_staff=True))
    assert client.post(f"/ar/admin/accounts/role/{role.pk}/delete/", {"post": "yes"}).status_code == 403
    assert _admins() == 1


def test_a_client_with_no_session_changes_nothing(network_admin):
    assert Client().post("/ar/profile/delete/", {"password": PASSWORD}).status_code == 302
    assert _admins() == 1
