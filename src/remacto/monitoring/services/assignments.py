"""The responsible unit's staff assigned to a project: with the focal point, they post its progress.

The focal point of the project's collectivity (or a network admin) assigns an existing account, found by its
email address, and removes it; both are recorded in the audit log.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from remacto.accounts.models import User
from remacto.cocreation.models import Project
from remacto.core import audit
from remacto.core.permissions import require

from ..models import ProjectAssignment

MANAGE = "monitoring.manage"


def can_manage(user, project: Project) -> bool:
    """Whether ``user`` may assign staff to ``project`` (its collectivity's focal point, network admins)."""
    return bool(user and user.is_authenticated and user.has_perm(MANAGE, project.programme.collectivity))


@transaction.atomic
def assign(actor, project: Project, email: str) -> ProjectAssignment:
    """Allow the account of ``email`` to post the progress of ``project``."""
    collectivity = project.programme.collectivity
    require(actor, MANAGE, collectivity)
    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": _("Give the email address of the person's account.")})
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise ValidationError(
            {"email": _("No account uses this address. Ask the person to create one on the platform first.")}
        )
    if ProjectAssignment.objects.filter(project=project, user=user).exists():
        raise ValidationError({"email": _("This person is already assigned to this project.")})
    try:
        with transaction.atomic():
            assignment = ProjectAssignment.objects.create(project=project, user=user, assigned_by=actor)
    except IntegrityError as exc:
        raise ValidationError({"email": _("This person is already assigned to this project.")}) from exc
    audit.record(actor, "project.assign", project, collectivity=collectivity, user_id=user.pk, user=str(user))
    return assignment


@transaction.atomic
def unassign(actor, assignment: ProjectAssignment) -> None:
    """Withdraw an assignment: the person no longer posts the project's progress (their updates stay)."""
    project = assignment.project
    collectivity = project.programme.collectivity
    require(actor, MANAGE, collectivity)
    user = assignment.user
    assignment.delete()
    audit.record(actor, "project.unassign", project, collectivity=collectivity, user_id=user.pk, user=str(user))
