"""Template helpers: translated content with its fallback note, numbers, MAD amounts, Markdown, audit sentences,
and bidi isolation: of text people typed (``bdi``, ``strip_bidi``) and of numbers, dates and cycles (``isolate``),
so that no direction reorders the page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from .. import audit, bidi
from ..formatting import format_mad, format_number
from ..markdown import render_markdown
from ..text import isolate_plain
from ..text import strip_bidi as _strip_bidi
from ..translation import translated

register = template.Library()


@register.simple_tag
def tr(obj, field: str):
    """``{% tr obj "name" as name %}``: the field in the reader's language or its fallback (a TranslatedText)."""
    return translated(obj, field)


@register.simple_tag
def tr_inline(obj, field: str):
    """The field as inline text carrying its own ``lang`` and ``dir`` (for names in lists and headings)."""
    value = translated(obj, field)
    return format_html('<span lang="{}" dir="{}">{}</span>', value.language, value.direction, value.text)


@register.simple_tag
def fallback_note(value):
    """A visible note when ``value`` (a TranslatedText) is shown in another language than the reader's."""
    if not getattr(value, "is_fallback", False):
        return ""
    return format_html(
        '<p class="fallback-note">{}</p>',
        gettext("Not yet translated: shown in %(language)s.") % {"language": value.language_name},
    )


@register.filter
def num(value, decimals: int = 0):
    """A number grouped per the active language."""
    return format_number(value, int(decimals))


@register.filter
def mad(value):
    """A Moroccan dirham amount per the active language."""
    return format_mad(value)


@register.filter
def markdown(text):
    """Markdown rendered and sanitised with nh3."""
    return render_markdown(text)


@register.filter
def bdi(value):
    """``value`` (a name, a title, a search...) isolated in ``<bdi>``: its own direction, none for its neighbours."""
    return format_html("<bdi>{}</bdi>", value)


@register.filter(name="isolate_plain")
def isolate_plain_filter(value):
    """``value`` stripped of bidi controls and wrapped in one isolate, for plain text (emails)."""
    return isolate_plain(str(value))


@register.filter(is_safe=True)
def strip_bidi(value):
    """``value`` without bidi embeddings, overrides and isolates, where no HTML can isolate it (``<title>``)."""
    return _strip_bidi(str(value))


@register.filter
def isolate(value):
    """A number, range, date or cycle label kept in order inside right-to-left text (``<bdi>``)."""
    return bidi.isolate(value)


@register.filter
def isolate_text(value):
    """The same with Unicode isolate marks, for places without markup such as ``<title>``."""
    return bidi.isolate_text(value)


@register.simple_tag
def audit_sentence(entry):
    """An audit log entry as a sentence in the reader's language."""
    return audit.describe(entry)
