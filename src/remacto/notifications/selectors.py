"""Read queries for notifications: a person's list, their unread count, where their emails go."""

from allauth.account.models import EmailAddress
from django.db.models import QuerySet

from .models import Notification, NotificationPreference


def for_user(user, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The notifications of ``user``, newest first, with what the list shows."""
    qs = Notification.objects.filter(recipient=user).select_related("collectivity")
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-id")


def unread_count(user) -> int:
    """How many notifications ``user`` has not read (one COUNT on the recipient/read_at index)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_enabled(user) -> bool:
    """False only when ``user`` turned notification emails off."""
    return not NotificationPreference.objects.filter(user=user, email_enabled=False).exists()


def verified_email(user) -> str:
    """The verified primary email address of ``user``, or "" when there is none."""
    return (
        EmailAddress.objects.filter(user=user, primary=True, verified=True).values_list("email", flat=True).first()
        or ""
    )


def email_addresses(user_ids) -> dict[int, str]:
    """Verified primary email per user among ``user_ids``, leaving out those who turned emails off."""
    off = set(
        NotificationPreference.objects.filter(user_id__in=user_ids, email_enabled=False).values_list(
            "user_id", flat=True
        )
    )
    rows = EmailAddress.objects.filter(user_id__in=user_ids, primary=True, verified=True).values_list(
        "user_id", "email"
    )
    return {user_id: email for user_id, email in rows if user_id not in off}
