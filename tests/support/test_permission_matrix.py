"""Who may do what at the support desk, per role: every service run by anonymous, a citizen, the member's focal
point, another staff role of the member, a focal point elsewhere and a network admin. Allowed actions succeed;
the others raise ``PermissionDenied`` and change nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from remacto.support import selectors, services
from remacto.support.models import FaqEntry, ResponseTarget, Ticket, TicketMessage

from .conftest import VALUES

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "citizen", "focal_point", "committee_member", "focal_elsewhere", "network_admin")
MEMBER_STAFF = {"focal_point", "committee_member"}


@pytest.fixture
def people(citizen, focal_point, committee_member, other_focal_point, network_admin):
    return {
        "anonymous": AnonymousUser(),
        "citizen": citizen,
        "focal_point": focal_point,
        "committee_member": committee_member,
        "focal_elsewhere": other_focal_point,
        "network_admin": network_admin,
    }


def _faq(actor, ticket, commune):
    return services.publish_faq(actor, source=ticket, category="other", question="Question ?", answer="Réponse.")


# action -> (who may, what to run with (actor, ticket, commune))
MATRIX = {
    "open": (MEMBER_STAFF, lambda actor, ticket, commune: services.open_ticket(actor, commune, **VALUES)),
    "view": (MEMBER_STAFF | {"network_admin"}, lambda actor, ticket, commune: selectors.ticket_for(actor, ticket.pk)),
    "reply": (
        MEMBER_STAFF | {"network_admin"},
        lambda actor, ticket, commune: services.reply(actor, ticket, body="Réponse."),
    ),
    "note": ({"network_admin"}, lambda actor, ticket, commune: services.add_note(actor, ticket, body="Note.")),
    "close": (
        MEMBER_STAFF | {"network_admin"},
        lambda actor, ticket, commune: services.change_status(actor, ticket, "closed"),
    ),
    "target": ({"network_admin"}, lambda actor, ticket, commune: services.set_target(actor, "other", 7)),
    "faq": ({"network_admin"}, _faq),
}


def _state():
    return (
        list(Ticket.objects.values_list("pk", "status")),
        TicketMessage.objects.count(),
        list(ResponseTarget.objects.values_list("category", "working_days")),
        FaqEntry.objects.count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", MATRIX)
def test_permission_matrix(action, role, people, ticket, commune):
    allowed, run = MATRIX[action]
    actor = people[role]
    if role in allowed:
        assert run(actor, ticket, commune) is not None
        return
    before = _state()
    with pytest.raises((PermissionDenied, Http404)):
        run(actor, ticket, commune)
    assert _state() == before


def test_removing_a_faq_entry_is_for_network_admins(people, network_admin):
    entry = services.publish_faq(network_admin, category="other", question="Question ?", answer="Réponse.")
    for role in ROLES[:-1]:
        with pytest.raises(PermissionDenied):
            services.remove_faq(people[role], entry)
    services.remove_faq(network_admin, entry)
    assert not FaqEntry.objects.exists()


def test_each_collectivity_sees_its_own_tickets(people, ticket, today, other_commune, other_focal_point):
    theirs = services.open_ticket(other_focal_point, other_commune, **VALUES)
    seen = {role: set(selectors.visible_tickets(people[role])) for role in ROLES}
    assert seen["anonymous"] == seen["citizen"] == set()
    assert seen["focal_point"] == seen["committee_member"] == {ticket}
    assert seen["focal_elsewhere"] == {theirs}
    assert seen["network_admin"] == {ticket, theirs}
