"""Who may do what in the case core: network admins keep the Islamic holiday table and export the network's
transparency figures; a collectivity's focal point exports its own. Everyone reads the transparency pages and the
holidays. Permissions on cases themselves belong to each procedure app."""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin

is_focal_point = has_role_in(Role.Kind.FOCAL_POINT)

rules.add_perm("cases.edit_holidays", is_network_admin)
rules.add_perm("cases.export_figures", is_network_admin | is_focal_point)
