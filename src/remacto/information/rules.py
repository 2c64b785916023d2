"""Who may do what with information requests and published documents.

The object of a permission is the collectivity, except for the request-level permissions (``handle``,
``complain``, ``answer_complaint``, ``publish_answer``), whose object is the ``InformationRequest``:

- any signed-in person files a request (to a member collectivity: checked in the service);
- the collectivity's information officers and focal points record requests received on paper or by email, see its
  register, assign the officer in charge and publish documents; network admins see every register (read only);
- only the officer in charge of a request extends its deadline, answers or refuses it;
- the requester complains to the head of the collectivity; the focal point records the head's answer;
- the officer in charge or a focal point publishes a frequent answer for everyone.

Who *sees* a request is one rule, :func:`remacto.information.selectors.visible_requests`; :func:`can_view`
below asks it about one request.
"""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_network_admin

is_officer = has_role_in(Role.Kind.INFORMATION_OFFICER)
is_focal_point = has_role_in(Role.Kind.FOCAL_POINT)
is_staff = has_role_in(Role.Kind.INFORMATION_OFFICER, Role.Kind.FOCAL_POINT)
STAFF_KINDS = (Role.Kind.INFORMATION_OFFICER, Role.Kind.FOCAL_POINT)


@rules.predicate
def is_officer_in_charge(user, request) -> bool:
    """The officer in charge, as long as they still hold a role in the collectivity (a revoked officer cannot
    answer)."""
    return (
        user.is_authenticated
        and request is not None
        and request.officer_id == user.pk
        and is_staff(user, request.case.collectivity)
    )


@rules.predicate
def is_requester(user, request) -> bool:
    return user.is_authenticated and request is not None and request.case.requester_id == user.pk


@rules.predicate
def is_focal_point_of_request(user, request) -> bool:
    return request is not None and is_focal_point(user, request.case.collectivity)


@rules.predicate
def is_staff_of_request(user, request) -> bool:
    return request is not None and is_staff(user, request.case.collectivity)


@rules.predicate
def can_view(user, request) -> bool:
    """The one visibility rule of a request, applied to one object (see ``selectors.visible_requests``)."""
    return bool(is_requester(user, request) or is_staff_of_request(user, request) or is_network_admin(user))


rules.add_perm("information.file_request", rules.is_authenticated)
rules.add_perm("information.record_request", is_staff)
rules.add_perm("information.view_register", is_network_admin | is_staff)
rules.add_perm("information.manage_disclosure", is_staff)
rules.add_perm("information.view_request", can_view)
rules.add_perm("information.assign", is_staff_of_request)
rules.add_perm("information.handle", is_officer_in_charge)
rules.add_perm("information.publish_answer", is_officer_in_charge | is_focal_point_of_request)
rules.add_perm("information.complain", is_requester)
rules.add_perm("information.answer_complaint", is_focal_point_of_request)
