"""django-allauth adapter: account emails leave through a Celery task instead of blocking the request, and the
login and sign-up limits count the client's address as ``core.http.client_ip`` finds it behind trusted proxies."""

from allauth.account.adapter import DefaultAccountAdapter

from remacto.core.http import client_ip
from remacto.core.tasks import send_email


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        return client_ip(request)

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next((content for content, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
        send_email.delay(message.subject, message.body, list(message.to), html, message.from_email)
