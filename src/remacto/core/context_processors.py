"""Template context shared by every page: text direction and the language switcher's links."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """``text_dir`` and ``language_links`` (each language's URL for the current page)."""
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    links = [
        {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {
        "text_dir": "rtl" if current in settings.LANGUAGES_BIDI else "ltr",
        "language_links": links,
    }
