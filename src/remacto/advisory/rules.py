"""Who may do what with advisory bodies. The object is the collectivity (``manage_bodies``, ``export_requests``)
or the body (every other permission).

- the collectivity's staff (focal points and the council secretariat, and network admins) set up bodies and their
  members, record the council's opinion requests, close a request left without an opinion and export the register;
- the body's bureau (president, vice-president, rapporteur: users who hold the advisory-member role in the
  collectivity) records the body's meetings and gives its opinion;
- staff may also record an opinion the body sent on paper (the body's bureau may have no account);
- everything else (bodies, members, meetings, requests and opinions) is public.
"""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin, role_keys

from .models import BUREAU

is_staff = has_role_in(Role.Kind.FOCAL_POINT, Role.Kind.COUNCIL_SECRETARIAT)


@rules.predicate
def is_staff_of_body(user, body) -> bool:
    return body is not None and is_staff(user, body.collectivity)


@rules.predicate
def is_bureau(user, body) -> bool:
    """The user sits in the body's bureau and holds the advisory-member role in its collectivity."""
    if not user.is_authenticated or body is None:
        return False
    if (body.collectivity_id, Role.Kind.ADVISORY_MEMBER) not in role_keys(user):
        return False
    return body.members.filter(user=user, role__in=BUREAU).exists()


rules.add_perm("advisory.manage_bodies", is_network_admin | is_staff)
rules.add_perm("advisory.export_requests", is_network_admin | is_staff)
rules.add_perm("advisory.manage_members", is_network_admin | is_staff_of_body)
rules.add_perm("advisory.request_opinion", is_network_admin | is_staff_of_body)
rules.add_perm("advisory.close_request", is_network_admin | is_staff_of_body)
rules.add_perm("advisory.manage_meetings", is_network_admin | is_bureau)
rules.add_perm("advisory.give_opinion", is_network_admin | is_bureau | is_staff_of_body)
