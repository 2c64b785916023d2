"""Error pages in the reader's language. Django calls these with the request's language still active."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language, get_language_bidi


def _error(request, template: str, status: int):
    return render(request, template, status=status)


def bad_request(request, exception=None):
    return _error(request, "400.html", 400)


def permission_denied(request, exception=None):
    return _error(request, "403.html", 403)


def page_not_found(request, exception=None):
    return _error(request, "404.html", 404)


def server_error(request):
    """Rendered without context processors, so it still works when the database is what failed."""
    html = loader.get_template("500.html").render(
        {"LANGUAGE_CODE": get_language(), "LANGUAGE_BIDI": get_language_bidi()}
    )
    return HttpResponseServerError(html)
