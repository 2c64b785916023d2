"""Who may do what once a programme is adopted. The object of a permission is the programme's collectivity,
except for the project-level permissions (``post_update``, ``answer_observations``), whose object is the
``cocreation.Project``.

- the focal point (and network admins) assign the responsible unit's staff to projects, record spending (by hand
  or from the finance department's file) and set up evaluations;
- the focal point and the staff assigned to a project post its progress and answer residents' observations;
- the follow-up committee (with the focal point) handles alerts, records review meetings and fills scorecards;
- any signed-in person observes a project and answers the citizens' questionnaire (checked in the services).
"""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin

is_focal_point = has_role_in(Role.Kind.FOCAL_POINT)
is_committee = has_role_in(Role.Kind.COMMITTEE_MEMBER, Role.Kind.FOCAL_POINT)
is_committee_member = has_role_in(Role.Kind.COMMITTEE_MEMBER)


@rules.predicate
def is_assigned(user, project) -> bool:
    """The user belongs to the responsible unit's staff assigned to this project."""
    return user.is_authenticated and project is not None and project.assignments.filter(user=user).exists()


@rules.predicate
def is_focal_point_of_project(user, project) -> bool:
    return project is not None and is_focal_point(user, project.programme.collectivity)


rules.add_perm("monitoring.manage", is_network_admin | is_focal_point)
rules.add_perm("monitoring.record_spending", is_network_admin | is_focal_point)
rules.add_perm("monitoring.handle_alerts", is_network_admin | is_committee)
rules.add_perm("monitoring.record_reviews", is_network_admin | is_committee)
rules.add_perm("monitoring.score", is_committee_member | is_focal_point)
rules.add_perm("monitoring.post_update", is_network_admin | is_focal_point_of_project | is_assigned)
rules.add_perm("monitoring.answer_observations", is_network_admin | is_focal_point_of_project | is_assigned)
rules.add_perm("monitoring.observe", rules.is_authenticated)
rules.add_perm("monitoring.evaluate", rules.is_authenticated)
