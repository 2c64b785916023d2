"""The one permission check every service starts with."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require(actor, perm: str, obj=None) -> None:
    """Raise ``PermissionDenied`` (with a message in the user's language) unless ``actor`` has ``perm`` on ``obj``."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))
