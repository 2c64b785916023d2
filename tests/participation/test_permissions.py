"""Who may moderate (hide, restore, dismiss reports) and open discussions: one case per role."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from remacto.accounts.models import Organisation, OrganisationMember, Role
from remacto.core.models import AuditLogEntry
from remacto.participation import services
from remacto.participation.models import Comment, Discussion, Flag, ModerationAction
from remacto.participation.rules import is_moderator_of

from ..conftest import make_user

pytestmark = pytest.mark.django_db

MODERATORS = {"focal_point", "moderator", "network_admin"}
STARTERS = {"focal_point", "network_admin"}
ROLES = [
    "anonymous",
    "citizen",
    "association_member",
    "committee_member",
    "committee_member_elsewhere",
    "focal_point",
    "moderator",
    "moderator_elsewhere",
    "network_admin",
]


@pytest.fixture
def person(request, commune, other_commune):
    """The acting user for the role named by the test's parameter."""
    role = request.param
    if role == "anonymous":
        return role, AnonymousUser()
    if role == "association_member":
        user = make_user("member@assoc.ma")
        org = Organisation.objects.create(name="Association Bir Jdid", slug="bir-jdid", collectivity=commune)
        OrganisationMember.objects.create(organisation=org, user=user, is_admin=True)
        return role, user
    if role == "committee_member_elsewhere":
        user = make_user("committee-zagora@example.ma")
        Role.objects.create(user=user, kind=Role.Kind.COMMITTEE_MEMBER, collectivity=other_commune)
        return role, user
    if role == "moderator_elsewhere":
        user = make_user("moderator-zagora@example.ma")
        Role.objects.create(user=user, kind=Role.Kind.MODERATOR, collectivity=other_commune)
        return role, user
    return role, request.getfixturevalue(role)


@pytest.fixture
def reported(discussion):
    """A comment reported by someone, on Ben Guerir's discussion."""
    author = make_user("author@example.ma")
    reporter = make_user("reporter@example.ma")
    comment = services.add_comment(author, discussion, "Rude words")
    services.flag(reporter, comment, "abusive")
    return comment


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_hide_restore_and_dismiss_per_role(person, reported, discussion, network_admin):
    role, user = person
    if role in MODERATORS:
        services.dismiss_flags(user, reported, "Strong but not abusive.")
        services.hide(user, reported, "Insults another participant.")
        services.restore(user, reported, "The author edited the insult away.")
        assert list(ModerationAction.objects.order_by("id").values_list("action", flat=True)) == [
            "dismiss_flags",
            "hide",
            "restore",
        ]
        assert AuditLogEntry.objects.filter(actor=user).count() == 3
        return
    expected = PermissionDenied
    with pytest.raises(expected):
        services.hide(user, reported, "Because.")
    services.hide(network_admin, reported, "Insults.")  # so that restore has something to act on
    with pytest.raises(expected):
        services.restore(user, reported, "Because.")
    services.flag(make_user("second@example.ma"), discussion, "spam")
    with pytest.raises(expected):
        services.dismiss_flags(user, discussion, "Because.")
    assert Comment.objects.get().is_hidden
    assert Flag.objects.filter(resolved_at__isnull=True).count() == 1
    assert not ModerationAction.objects.exclude(moderator=network_admin).exists()


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_start_discussion_per_role(person, commune):
    role, user = person
    if role in STARTERS:
        discussion = services.start_discussion(user, commune, title="Water", body="Wells and pipes")
        assert discussion.collectivity == commune
        return
    with pytest.raises(PermissionDenied):
        services.start_discussion(user, commune, title="Water", body="Wells and pipes")
    assert not Discussion.objects.exists()


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_moderation_pages_per_role(person, client, reported, commune):
    role, user = person
    if role != "anonymous":
        client.force_login(user)
    queue = client.get(f"/ar/members/{commune.slug}/moderation/")
    page = client.get(f"/ar/participation/participation.comment/{reported.pk}/moderate/")
    hide = client.post(
        f"/ar/participation/participation.comment/{reported.pk}/moderate/", {"action": "hide", "reason": "Rude."}
    )
    start = client.get(f"/ar/members/{commune.slug}/discussions/new/")
    if role == "anonymous":
        for response in (queue, page, hide, start):
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif role in MODERATORS:
        assert queue.status_code == 200 and page.status_code == 200 and hide.status_code == 302
    else:
        assert queue.status_code == 403 and page.status_code == 403 and hide.status_code == 403
    if role in STARTERS:
        assert start.status_code == 200
    elif role != "anonymous":
        assert start.status_code == 403
    reported.refresh_from_db()
    assert reported.is_hidden == (role in MODERATORS)


def test_predicate_reuses_role_predicates(moderator, focal_point, network_admin, committee_member, commune):
    assert is_moderator_of(moderator, commune)
    assert is_moderator_of(focal_point, commune)
    assert is_moderator_of(network_admin, commune)
    assert not is_moderator_of(committee_member, commune)
    assert not is_moderator_of(AnonymousUser(), commune)
