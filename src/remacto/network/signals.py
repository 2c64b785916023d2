"""A focal point named in an accepted application gets their role once they confirm their email address."""

from allauth.account.signals import email_confirmed
from django.db import transaction
from django.dispatch import receiver

from .models import MembershipApplication


@receiver(email_confirmed)
def grant_invited_focal_point(request, email_address, **kwargs) -> None:
    from .services.applications import grant_focal_point

    pending = MembershipApplication.objects.filter(
        status=MembershipApplication.Status.ACCEPTED,
        focal_role_granted=False,
        focal_email__iexact=email_address.email,
    ).select_related("collectivity", "decided_by")
    with transaction.atomic():
        for application in pending:
            grant_focal_point(application, email_address.user, application.decided_by)
