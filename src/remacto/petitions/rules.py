"""Who may do what with petitions. The object is the petition's collectivity, except for the petitioner's own
permissions (``edit``, ``view_draft``), whose object is the petition.

- any signed-in person files a petition (an association's petition only by one of its admins, its legal
  representative: checked in the service) and signs one;
- the petitioner (agent or legal representative) opens the collection of signatures and submits the petition;
- the council secretariat and the focal point of the collectivity (and network admins) type paper signature
  lists, record the bureau's review and decision, the session and its outcome, and export the register;
- network admins edit the thresholds; they and the focal point record a collectivity's population.
"""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin

is_council_staff = has_role_in(Role.Kind.COUNCIL_SECRETARIAT, Role.Kind.FOCAL_POINT)
is_focal_point = has_role_in(Role.Kind.FOCAL_POINT)


@rules.predicate
def is_petitioner(user, petition) -> bool:
    return user.is_authenticated and petition is not None and petition.petitioner_id == user.pk


@rules.predicate
def is_staff_of_petition(user, petition) -> bool:
    return petition is not None and is_council_staff(user, petition.collectivity)


rules.add_perm("petitions.file", rules.is_authenticated)
rules.add_perm("petitions.sign", rules.is_authenticated)
rules.add_perm("petitions.edit", is_petitioner)
rules.add_perm("petitions.view_draft", is_petitioner | is_network_admin | is_staff_of_petition)
rules.add_perm("petitions.manage", is_network_admin | is_council_staff)
rules.add_perm("petitions.manage_thresholds", is_network_admin)
rules.add_perm("petitions.set_population", is_network_admin | is_focal_point)
