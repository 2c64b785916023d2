"""Setting up a collectivity's advisory bodies and their members (the collectivity's staff)."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from remacto.accounts.models import Role
from remacto.core import audit
from remacto.core.permissions import require

from ..models import ALLOWED_KINDS, SINGLE_KINDS, Body, BodyKind, BureauRole, Member
from .common import limit, text

MANAGE = "advisory.manage_bodies"
MEMBERS = "advisory.manage_members"


def _kind(collectivity, kind) -> str:
    allowed = ALLOWED_KINDS.get(collectivity.kind, ())
    if kind not in BodyKind.values:
        raise ValidationError({"kind": _("Choose the kind of body.")})
    if kind not in allowed:
        raise ValidationError(
            {
                "kind": _("A %(collectivity)s has no “%(kind)s”: this body exists only in regions.")
                % {"collectivity": collectivity.get_kind_display(), "kind": BodyKind(kind).label}
            }
        )
    return kind


def _body_values(body: Body, values: Mapping) -> None:
    body.kind = _kind(body.collectivity, values.get("kind"))
    body.name = text(
        values.get("name"), "name", max_length=limit(Body, "name"), empty=gettext_noop("Give the body's name.")
    )
    body.description = text(values.get("description"), "description", max_length=4000)
    if body.kind in SINGLE_KINDS:
        twins = Body.objects.filter(collectivity=body.collectivity, kind=body.kind).exclude(pk=body.pk)
        if twins.exists():
            raise ValidationError({"kind": _("This collectivity already has this body.")})
    if Body.objects.filter(collectivity=body.collectivity, name=body.name).exclude(pk=body.pk).exists():
        raise ValidationError({"name": _("Another body of this collectivity has this name.")})


@transaction.atomic
def create_body(actor, collectivity, values: Mapping) -> Body:
    """A new body of ``collectivity``; its kind must exist for this kind of collectivity."""
    require(actor, MANAGE, collectivity)
    body = Body(collectivity=collectivity)
    _body_values(body, values)
    body.save()
    audit.record(actor, "advisory.body_create", body, collectivity=collectivity)
    return body


@transaction.atomic
def update_body(actor, body: Body, values: Mapping) -> Body:
    require(actor, MANAGE, body.collectivity)
    _body_values(body, values)
    body.save()
    audit.record(actor, "advisory.body_update", body, collectivity=body.collectivity)
    return body


def _check_role(body: Body, role) -> str:
    if role not in BureauRole.values:
        raise ValidationError({"role": _("Choose the member's role.")})
    if role == BureauRole.PRESIDENT and body.members.filter(role=role).exists():
        raise ValidationError({"role": _("The body already has a president.")})
    return role


@transaction.atomic
def add_member(actor, body: Body, values: Mapping) -> Member:
    """Add a user holding the advisory-member role in the collectivity, or a named external member."""
    require(actor, MEMBERS, body)
    user = values.get("user")
    name = text(values.get("name"), "name", max_length=limit(Member, "name"))
    if user is None and not name:
        raise ValidationError({"name": _("Choose a user with the advisory-member role or give the member's name.")})
    if user is not None:
        if not Role.objects.filter(user=user, collectivity=body.collectivity, kind=Role.Kind.ADVISORY_MEMBER).exists():
            raise ValidationError(
                {"user": _("This person does not hold the advisory-member role in this collectivity.")}
            )
        if body.members.filter(user=user).exists():
            raise ValidationError({"user": _("This person is already a member of the body.")})
    member = Member(
        body=body,
        user=user,
        name=name,
        affiliation=text(values.get("affiliation"), "affiliation", max_length=limit(Member, "affiliation")),
        role=_check_role(body, values.get("role") or BureauRole.MEMBER),
    )
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as exc:  # a president added by someone else at the same moment
        raise ValidationError({"role": _("The body already has a president.")}) from exc
    audit.record(actor, "advisory.member_add", body, collectivity=body.collectivity, member=member.display_name)
    return member


@transaction.atomic
def remove_member(actor, member: Member) -> None:
    body = member.body
    require(actor, MEMBERS, body)
    name = member.display_name
    member.delete()
    audit.record(actor, "advisory.member_remove", body, collectivity=body.collectivity, member=name)
