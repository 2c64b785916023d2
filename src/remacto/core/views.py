"""Error pages in the reader's language (Django calls these with the request's language still active), and the
``/favicon.ico`` that browsers ask for outside any page."""

from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
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


def favicon(request):
    """Browsers and feed readers ask for ``/favicon.ico`` at the root; send them to the hashed static file."""
    return redirect(static("remacto/img/favicon.ico"), permanent=True)
