"""Who may do what in the good-practice library: a member's focal points submit its practices and use any published
practice as a template for their own programmes; network admins review, publish, withdraw and export. Everyone
reads published practices; the others are seen by their collectivity's focal points and the network team."""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin

is_focal_point = has_role_in(Role.Kind.FOCAL_POINT)


@rules.predicate
def is_focal_point_of_practice(user, practice) -> bool:
    return practice is not None and is_focal_point(user, practice.collectivity)


@rules.predicate
def is_member(user, collectivity) -> bool:
    return collectivity is not None and hasattr(collectivity, "membership")


# On a collectivity: submit a practice for it; use a practice as a template for one of its programmes.
rules.add_perm("practices.submit", is_focal_point & is_member)
rules.add_perm("practices.use_template", is_focal_point)
# On a practice.
rules.add_perm("practices.edit", is_focal_point_of_practice)
rules.add_perm("practices.view_unpublished", is_focal_point_of_practice | is_network_admin)
rules.add_perm("practices.review", is_network_admin)
rules.add_perm("practices.export", is_network_admin)
