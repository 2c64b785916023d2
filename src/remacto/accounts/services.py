"""Every change to profiles, roles and organisations: permission check, validation, one transaction, audit.

Each function takes the acting user first and raises ``PermissionDenied`` or ``ValidationError``; nothing is
written when it raises.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from remacto.core import audit
from remacto.core.permissions import require as _require
from remacto.core.validators import require_visible

from .models import Organisation, OrganisationMember, Role, User
from .rules import forget_roles

PROFILE_FIELDS = ("display_name", "preferred_language", "age_band", "gender", "residence")


def keep_a_network_admin(leaving) -> None:
    """Refuse when the accounts ``leaving`` (user ids) hold the last active network-admin roles.

    Every path that removes a network-admin role calls this inside its transaction, before removing anything:
    revoking the role, deleting one's account, the admin's role, user and deactivation forms. It first locks all
    network-admin role rows (in one order), so of two last admins leaving at the same instant the second waits
    for the first, then finds its role gone and is refused.
    """
    leaving = set(leaving)
    holders = set(
        Role.objects.select_for_update()
        .filter(kind=Role.Kind.NETWORK_ADMIN)
        .order_by("pk")
        .values_list("user_id", flat=True)
    )
    if not leaving & holders:
        return
    if not User.objects.filter(pk__in=holders - leaving, is_active=True).exists():
        raise ValidationError(
            _("The network would be left without an admin. Give the network admin role to another person first."),
            code="last_network_admin",
        )


def update_profile(actor: User, user: User, *, statistics_consent: bool | None = None, **values) -> User:
    """Change a user's own profile fields; only the user may do it.

    Age band, gender and residence are kept only with the person's consent to inclusion statistics
    (``statistics_consent``; ``None`` leaves it as it is): given without it they are refused, and withdrawing
    it erases them.
    """
    if not actor.is_authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("You can only change your own profile."))
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(user, name, value)
    require_visible({"display_name": user.display_name})
    changed = set(values)
    if statistics_consent is not None:
        user.statistics_consent_at = (user.statistics_consent_at or timezone.now()) if statistics_consent else None
        changed.add("statistics_consent_at")
    if user.statistics_consent_at is None:
        if any(values.get(name) for name in User.STATISTICS_FIELDS):
            raise ValidationError(
                {"statistics_consent": _("Tick the consent box to give your age band, gender or province.")}
            )
        user.age_band, user.gender, user.residence = "", "", None
        changed.update(User.STATISTICS_FIELDS)
    user.full_clean(exclude=["password"])
    user.save(update_fields=sorted(changed))
    return user


@transaction.atomic
def grant_role(actor: User, user: User, kind: str, collectivity=None, title: str = "") -> Role:
    """Give ``user`` the role ``kind`` in ``collectivity`` (none for network admin)."""
    if kind not in Role.Kind.values:
        raise ValidationError({"kind": _("Unknown role.")})
    if kind == Role.Kind.NETWORK_ADMIN:
        _require(actor, "accounts.grant_network_admin")
        collectivity = None
    else:
        if collectivity is None:
            raise ValidationError({"collectivity": _("Choose the collectivity of this role.")})
        _require(actor, "accounts.manage_roles", collectivity)
    if Role.objects.filter(user=user, collectivity=collectivity, kind=kind).exists():
        raise ValidationError({"kind": _("This person already has this role here.")})
    role = Role(user=user, collectivity=collectivity, kind=kind, title=title.strip(), granted_by=actor)
    role.full_clean(exclude=["granted_by"], validate_constraints=False)
    try:
        with transaction.atomic():
            role.save()
    except IntegrityError as exc:
        raise ValidationError({"kind": _("This person already has this role here.")}) from exc
    audit.record(actor, "role.grant", role, collectivity=collectivity, kind=kind, user_id=user.pk, user=str(user))
    forget_roles(user)
    return role


@transaction.atomic
def revoke_role(actor: User, role: Role) -> None:
    """Take a role away. A network admin cannot remove their own network-admin role (avoids lock-out), nor the
    network's last one (:func:`keep_a_network_admin`)."""
    if role.kind == Role.Kind.NETWORK_ADMIN:
        _require(actor, "accounts.grant_network_admin")
        if role.user_id == actor.pk:
            raise ValidationError(_("You cannot remove your own network admin role."))
        keep_a_network_admin([role.user_id])
    else:
        _require(actor, "accounts.manage_roles", role.collectivity)
    audit.record(
        actor,
        "role.revoke",
        role,
        collectivity=role.collectivity,
        kind=role.kind,
        user_id=role.user_id,
        user=str(role.user),
    )
    role.delete()
    forget_roles(role.user)


def _unique_slug(name: str) -> str:
    base = slugify(name)[:60] or "organisation"
    slug, n = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def create_organisation(actor: User, *, name: str, description: str = "", collectivity=None) -> Organisation:
    """Create an organisation with ``actor`` as its first admin."""
    _require(actor, "accounts.create_organisation")
    org = Organisation(name=name.strip(), description=description.strip(), collectivity=collectivity)
    require_visible({"name": org.name, "description": org.description})
    org.slug = _unique_slug(org.name)
    org.full_clean()
    org.save()
    OrganisationMember.objects.create(organisation=org, user=actor, is_admin=True)
    return org


@transaction.atomic
def add_organisation_member(actor: User, organisation: Organisation, email: str, is_admin=False):
    """Add the account with ``email`` to ``organisation``; only its admins (or network admins) may."""
    _require(actor, "accounts.manage_organisation", organisation)
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        raise ValidationError({"email": _("No account uses this email address.")})
    member, created = OrganisationMember.objects.get_or_create(
        organisation=organisation, user=user, defaults={"is_admin": is_admin}
    )
    if not created:
        raise ValidationError({"email": _("This person is already a member.")})
    return member


@transaction.atomic
def remove_organisation_member(actor: User, member: OrganisationMember) -> None:
    """Remove a member; the last admin cannot be removed."""
    _require(actor, "accounts.manage_organisation", member.organisation)
    if member.is_admin and not member.organisation.memberships.filter(is_admin=True).exclude(pk=member.pk).exists():
        raise ValidationError(_("An association needs at least one admin."))
    member.delete()
