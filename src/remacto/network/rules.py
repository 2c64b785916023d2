"""Who may do what in the network layer.

- any signed-in person applies for a collectivity to join;
- network admins review applications, see stale members and export the applications;
- the applicant sees their own application;
- news of a member's space are written by its focal points (and network admins); network news by network admins
  (the object is then ``None``, which no focal-point predicate matches).
"""

import rules

from remacto.accounts.rules import is_focal_point_of, is_network_admin


@rules.predicate
def is_applicant(user, application) -> bool:
    return user.is_authenticated and application is not None and application.applicant_id == user.pk


rules.add_perm("network.apply", rules.is_authenticated)
rules.add_perm("network.review", is_network_admin)
rules.add_perm("network.view_application", is_network_admin | is_applicant)
rules.add_perm("network.write_news", is_network_admin | is_focal_point_of)
