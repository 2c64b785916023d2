"""Request and response checks that Django does not make itself.

``ControlCharactersMiddleware`` refuses NUL and other control characters in the path, the query string and
form fields before any view runs: PostgreSQL cannot store or compare a NUL, so each would otherwise be a
server error. ``SecurityHeadersMiddleware`` sets the Content-Security-Policy (no inline scripts).
"""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

from .text import has_control_characters

API_PREFIX = "/api/"


def _has_control(data) -> bool:
    return any(has_control_characters(key) or any(map(has_control_characters, values)) for key, values in data.lists())


class ControlCharactersMiddleware:
    """A path with a control character is not found (404); a query or form field with one is refused (400,
    or 422 with a JSON message on the API), whatever view the URL leads to."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path_info.startswith(API_PREFIX)
        if has_control_characters(request.path_info):
            if api:
                return JsonResponse({"detail": "Not Found"}, status=404)
            raise Http404
        if _has_control(request.GET) or (request.method == "POST" and _has_control(request.POST)):
            message = _("The request contains control characters (such as NUL) that no field accepts.")
            if api:
                return JsonResponse({"detail": [{"type": "control_characters", "msg": message}]}, status=422)
            raise BadRequest(message)
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy header to every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response
