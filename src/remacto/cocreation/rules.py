"""Who may do what in a programme. The object of every permission is the programme's collectivity.

- focal points (and network admins) run the programme: phases, axes, meetings, staff-entered ideas, imports;
- the follow-up committee (committee members, with the focal point) triages ideas, drafts projects and
  answers consultation contributions;
- the council secretariat (with the focal point) records the adoption and later amendments (advisory opinions on
  the draft are requested and given through ``remacto.advisory``);
- any signed-in person submits ideas while the window is open (checked in the service).
"""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin

is_focal_point = has_role_in(Role.Kind.FOCAL_POINT)
is_committee = has_role_in(Role.Kind.COMMITTEE_MEMBER, Role.Kind.FOCAL_POINT)
is_secretariat = has_role_in(Role.Kind.COUNCIL_SECRETARIAT, Role.Kind.FOCAL_POINT)

rules.add_perm("cocreation.manage_programme", is_network_admin | is_focal_point)
rules.add_perm("cocreation.record_ideas", is_network_admin | is_focal_point)
rules.add_perm("cocreation.triage", is_network_admin | is_committee)
rules.add_perm("cocreation.manage_projects", is_network_admin | is_committee)
rules.add_perm("cocreation.answer_contributions", is_network_admin | is_committee)
rules.add_perm("cocreation.record_adoption", is_network_admin | is_secretariat)
rules.add_perm("cocreation.submit_idea", rules.is_authenticated)
