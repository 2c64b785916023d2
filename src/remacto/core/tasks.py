"""Background tasks shared by every app."""

from celery import shared_task
from django.contrib.sessions.models import Session
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email(subject: str, body: str, to: list[str], html: str = "", from_email: str | None = None) -> int:
    """Send one email; retried with back-off when the mail server is unreachable."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


@shared_task
def clear_expired_sessions() -> int:
    """Delete expired sessions (run daily by Celery beat); return how many."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
