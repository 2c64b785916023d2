"""Permission predicates for roles, organisations and the audit log (django-rules).

Object-level: the object is the collectivity concerned (or the organisation). Services check these with
``user.has_perm(name, obj)`` before any write.
"""

import rules

from .models import OrganisationMember, Role

ROLE_CACHE = "_remacto_role_keys"


def role_keys(user) -> set[tuple[int | None, str]]:
    """The user's roles as ``(collectivity_id, kind)`` pairs, read once per user object (that is, per request)."""
    keys = getattr(user, ROLE_CACHE, None)
    if keys is None:
        keys = set(Role.objects.filter(user=user).values_list("collectivity_id", "kind"))
        setattr(user, ROLE_CACHE, keys)
    return keys


def forget_roles(user) -> None:
    """Drop the cached roles after they changed."""
    user.__dict__.pop(ROLE_CACHE, None)


@rules.predicate
def is_network_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or (None, Role.Kind.NETWORK_ADMIN) in role_keys(user))


def has_role_in(*kinds: str):
    """A predicate true when the user holds one of ``kinds`` in the collectivity passed as object."""

    @rules.predicate(name=f"has_role_in({','.join(kinds)})")
    def predicate(user, collectivity) -> bool:
        if not user.is_authenticated or collectivity is None:
            return False
        keys = role_keys(user)
        return any((collectivity.pk, kind) in keys for kind in kinds)

    return predicate


is_focal_point_of = has_role_in(Role.Kind.FOCAL_POINT)


@rules.predicate
def is_organisation_admin(user, organisation) -> bool:
    return (
        user.is_authenticated
        and organisation is not None
        and OrganisationMember.objects.filter(organisation=organisation, user=user, is_admin=True).exists()
    )


rules.add_perm("accounts.manage_roles", is_network_admin | is_focal_point_of)
rules.add_perm("accounts.grant_network_admin", is_network_admin)
rules.add_perm("accounts.view_network_audit", is_network_admin)
rules.add_perm("accounts.view_collectivity_audit", is_network_admin | is_focal_point_of)
rules.add_perm("accounts.manage_organisation", is_network_admin | is_organisation_admin)
rules.add_perm("accounts.create_organisation", rules.is_authenticated)
