"""Who may do what at the support desk.

The object is the member collectivity for ``open_ticket`` and the ``Ticket`` otherwise:

- any staff role of a collectivity (focal point, committee member, secretariat…) opens tickets for it, and only
  for it; they read and reply to its tickets and may close or reopen them;
- network admins read every ticket, answer, write internal notes, move the status, keep the response-time
  targets, export the tickets and turn an answer into a FAQ entry.

Who *sees* a ticket is one rule, :func:`remacto.support.selectors.visible_tickets`; :func:`is_member_staff` below
is the same rule for one ticket.
"""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin

STAFF_KINDS = tuple(kind for kind in Role.Kind.values if kind != Role.Kind.NETWORK_ADMIN)
is_staff_of = has_role_in(*STAFF_KINDS)


@rules.predicate
def is_member_staff(user, ticket) -> bool:
    return ticket is not None and is_staff_of(user, ticket.collectivity)


rules.add_perm("support.open_ticket", is_staff_of)
rules.add_perm("support.view_ticket", is_member_staff | is_network_admin)
rules.add_perm("support.reply", is_member_staff | is_network_admin)
rules.add_perm("support.member_status", is_member_staff)
rules.add_perm("support.answer", is_network_admin)
rules.add_perm("support.manage", is_network_admin)
