"""Read queries about accounts that other apps share."""

from django.db.models import Q, QuerySet

from .models import Role, User


def network_admins() -> QuerySet[User]:
    """The active accounts that act for the network team (its admins, and superusers): those told when a ticket
    or a practice waits for them."""
    admins = Q(roles__kind=Role.Kind.NETWORK_ADMIN, roles__collectivity__isnull=True) | Q(is_superuser=True)
    return User.objects.filter(admins, is_active=True).distinct().order_by("pk")
