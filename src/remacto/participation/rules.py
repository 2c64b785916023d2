"""Permissions of participation (django-rules).

Taking part (commenting, supporting, following, reporting) needs an account; the object is the target.
Moderating needs a moderator or focal-point role in the target's collectivity, or network admin; the object is
the collectivity. Opening a discussion is for the collectivity's focal points and network admins.
"""

import rules

from remacto.accounts.models import Role
from remacto.accounts.rules import has_role_in, is_focal_point_of, is_network_admin

is_moderator_of = is_network_admin | has_role_in(Role.Kind.MODERATOR, Role.Kind.FOCAL_POINT)


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return user.is_authenticated and comment is not None and comment.author_id == user.pk


rules.add_perm("participation.comment", rules.is_authenticated)
rules.add_perm("participation.support", rules.is_authenticated)
rules.add_perm("participation.follow", rules.is_authenticated)
rules.add_perm("participation.flag", rules.is_authenticated)
rules.add_perm("participation.edit_comment", is_comment_author)
rules.add_perm("participation.moderate", is_moderator_of)
rules.add_perm("participation.start_discussion", is_network_admin | is_focal_point_of)
