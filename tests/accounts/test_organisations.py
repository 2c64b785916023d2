"""Organisations (associations): creation, members, who may manage them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from remacto.accounts import services
from remacto.accounts.models import Organisation, OrganisationMember

from ..conftest import make_user

pytestmark = pytest.mark.django_db


def test_creator_becomes_admin_and_slug_is_unique(citizen, commune):
    first = services.create_organisation(citizen, name="Association Al Amal", collectivity=commune)
    second = services.create_organisation(citizen, name="Association Al Amal")
    assert first.slug != second.slug
    assert OrganisationMember.objects.get(organisation=first, user=citizen).is_admin


def test_only_admins_and_network_admins_manage_members(citizen, focal_point, network_admin):
    org = services.create_organisation(citizen, name="Jeunes de Safi")
    other = make_user("other@example.ma")
    with pytest.raises(PermissionDenied):
        services.add_organisation_member(focal_point, org, other.email)
    services.add_organisation_member(network_admin, org, other.email)
    with pytest.raises(ValidationError):
        services.add_organisation_member(citizen, org, other.email)
    with pytest.raises(ValidationError):
        services.add_organisation_member(citizen, org, "unknown@example.ma")
    assert org.memberships.count() == 2


def test_last_admin_cannot_leave(citizen):
    org = services.create_organisation(citizen, name="Solo")
    with pytest.raises(ValidationError):
        services.remove_organisation_member(citizen, org.memberships.get())
    assert org.memberships.count() == 1


def test_blank_name_saves_nothing(citizen):
    with pytest.raises(ValidationError):
        services.create_organisation(citizen, name="   ")
    assert not Organisation.objects.exists()


def test_pages(client, citizen):
    client.force_login(citizen)
    response = client.post("/ar/organisations/new/", {"name": "جمعية النور", "description": "", "collectivity": ""})
    assert response.status_code == 302
    org = Organisation.objects.get()
    assert client.get(f"/ar/organisations/{org.slug}/").status_code == 200
    assert client.get("/ar/organisations/", {"q": "النور"}).context["page"].paginator.count == 1
    client.logout()
    assert client.post(f"/ar/organisations/{org.slug}/", {"email": "x@example.ma"}).status_code == 403
    assert client.get("/ar/organisations/new/").status_code == 302


def test_over_long_description_saves_nothing(citizen):
    with pytest.raises(ValidationError) as exc:
        services.create_organisation(citizen, name="جمعية", description="x" * 4001)
    assert "description" in exc.value.message_dict
    assert not Organisation.objects.exists()


def test_an_organisation_that_shows_nothing_is_refused(citizen):
    with pytest.raises(ValidationError) as exc:
        services.create_organisation(citizen, name="\u200b\u200d", description="\u2060")
    assert set(exc.value.message_dict) == {"name", "description"}
    assert not Organisation.objects.exists()


def test_a_display_name_that_shows_nothing_is_refused(citizen):
    with pytest.raises(ValidationError) as exc:
        services.update_profile(citizen, citizen, display_name="\u3164\u200b")
    assert "display_name" in exc.value.message_dict
