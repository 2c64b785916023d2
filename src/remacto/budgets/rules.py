"""Who may do what in a participatory budget. The object of every permission is the campaign's collectivity.

- focal points (and network admins) run campaigns: settings, calendar, districts, the rules lock, counts, results;
- the follow-up committee (with the focal point) reviews the feasibility of proposals and answers appeals;
- polling-desk officers (with the focal point) enter paper ballots and hand out one-time voting codes;
- focal points review integrity signals and exclude ballots, always with a reason;
- any signed-in person proposes and votes while the windows are open and they are eligible (checked in services).
"""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin

is_focal_point = has_role_in(Role.Kind.FOCAL_POINT)
is_reviewer = has_role_in(Role.Kind.COMMITTEE_MEMBER, Role.Kind.FOCAL_POINT)
is_polling_officer = has_role_in(Role.Kind.POLLING_OFFICER, Role.Kind.FOCAL_POINT)

rules.add_perm("budgets.manage_campaign", is_network_admin | is_focal_point)
rules.add_perm("budgets.review_proposals", is_network_admin | is_reviewer)
rules.add_perm("budgets.enter_paper_ballots", is_network_admin | is_polling_officer)
rules.add_perm("budgets.issue_codes", is_network_admin | is_polling_officer)
rules.add_perm("budgets.review_integrity", is_network_admin | is_focal_point)
rules.add_perm("budgets.count", is_network_admin | is_focal_point)
rules.add_perm("budgets.propose", rules.is_authenticated)
rules.add_perm("budgets.vote", rules.is_authenticated)
