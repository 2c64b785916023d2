"""django-allauth adapter: account emails in the recipient's language, with the site's name and public address.

Emails leave through a Celery task instead of blocking the request. Each one is rendered in the account's
preferred language (the page's language when no account has the address yet); its links point at ``SITE_URL``
and open in that language. The login and sign-up limits count the client's address as ``core.http.client_ip``
finds it behind trusted proxies.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from remacto.core.http import client_ip
from remacto.core.tasks import send_email
from remacto.notifications.services import language_of, localise_path

from .models import User


@dataclass(frozen=True)
class PublicSite:
    """What allauth's email templates call ``current_site``: the platform's name and public address."""

    name: str
    domain: str


def public_site() -> PublicSite:
    """The site as emails present it, in the active language; ``domain`` comes from ``SITE_URL``."""
    return PublicSite(name=gettext("REMACTO"), domain=urlsplit(settings.SITE_URL).netloc)


def public_url(url: str, language: str) -> str:
    """A link of this site, absolute on ``SITE_URL`` and opening in ``language``."""
    parts = urlsplit(url)
    path = localise_path(parts.path, language) + (f"?{parts.query}" if parts.query else "")
    return settings.SITE_URL.rstrip("/") + path


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_ip(request)

    def email_language(self, email: str, context: dict) -> str:
        """The recipient's preferred language, else the language of the page that sent the email."""
        user = context.get("user") or User.objects.filter(email__iexact=email).first()
        if user is not None and getattr(user, "pk", None):
            return language_of(user)
        return translation.get_language() or settings.LANGUAGE_CODE

    def send_mail(self, template_prefix, email, context):
        language = self.email_language(email, context)
        context = {
            **context,
            **{key: public_url(value, language) for key, value in context.items() if key.endswith("_url") and value},
        }
        with translation.override(language):
            context["current_site"] = public_site()
            message = self.render_mail(template_prefix, email, context)
        html = next((content for content, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
        send_email.delay(message.subject, message.body, list(message.to), html, message.from_email)
