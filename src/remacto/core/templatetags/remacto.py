"""Template helpers: translated content with its fallback note, numbers, MAD amounts, Markdown, audit sentences,
and bidi isolation (``core.bidi``): of text people typed (``bdi``, ``isolate_plain``, ``strip_bidi``,
``balance_bidi``) and of numbers, dates and cycles (``isolate``, ``isolate_text``), so that no direction reorders
the page."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from .. import audit, bidi
from ..formatting import format_mad, format_number
from ..markdown import render_markdown
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
    text = bidi.number_runs_kept(value.text)
    return format_html('<span lang="{}" dir="{}">{}</span>', value.language, value.direction, text)


@register.simple_tag(takes_context=True)
def fallback_note(context, value):
    """A note when ``value`` (a TranslatedText) is shown in another language than the reader's; once per page.

    The first fallback on a page says which language the untranslated content is shown in; later ones say
    nothing (each text already carries its own ``lang`` and ``dir``).
    """
    if not getattr(value, "is_fallback", False):
        return ""
    said = context.render_context.dicts[0].setdefault("fallback_notes", set())
    if value.language in said:
        return ""
    said.add(value.language)
    language = format_html('<bdi lang="{}">{}</bdi>', get_language(), value.language_name)
    note = conditional_escape(gettext("Not yet translated: shown in %(language)s.")) % {"language": language}
    return format_html('<p class="fallback-note">{}</p>', mark_safe(note))  # noqa: S308 - escaped, then our tag


@register.filter
def num(value, decimals: int = 0):
    """A number grouped per the active language."""
    return format_number(value, int(decimals))


@register.filter
def mad(value):
    """A Moroccan dirham amount per the active language."""
    return format_mad(value)


@register.filter
def project_budget(project):
    """A project's budget in dirhams, or "to be estimated" while it has none (a project copied from a practice)."""
    if getattr(project, "budget_to_estimate", False):
        return gettext("to be estimated")
    return format_mad(project.budget)


@register.filter
def markdown(text):
    """Markdown rendered and sanitised with nh3."""
    return render_markdown(text)


@register.filter
def bdi(value):
    """``value`` (a name, a title, a search...) isolated in ``<bdi>``: its own direction, none for its neighbours,
    number ranges inside it kept in order."""
    return format_html("<bdi>{}</bdi>", bidi.number_runs_kept(value))


@register.filter(name="isolate_plain")
def isolate_plain_filter(value):
    """``value`` stripped of bidi controls and wrapped in one isolate, for plain text (emails)."""
    return bidi.isolate_plain(str(value))


@register.filter(is_safe=True)
def strip_bidi(value):
    """``value`` without bidi embeddings, overrides and isolates, where no markup can isolate it (PDF text)."""
    return bidi.strip_bidi(str(value))


@register.filter(is_safe=True)
def balance_bidi(value):
    """``value`` with no embedding or override and its isolates balanced (the page ``<title>``)."""
    return bidi.balance(str(value))


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
