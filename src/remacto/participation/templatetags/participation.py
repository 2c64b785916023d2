"""Participation widgets for any target's page.

``{% load participation %}`` then, with ``target`` a registered participation target:

- ``{% support_button target %}``: the count and a button to support or withdraw (htmx, plain POST without JS);
  in lists pass ``supported=`` from ``selectors.supported_ids`` to avoid one query per row;
- ``{% follow_button target %}`` (``followed=`` likewise);
- ``{% flag_link target %}``: a link to report it (also works for a comment);
- ``{% comments_block target %}``: the comments, 20 threads per page, the form, replies and report links.
"""

from django import template
from django.utils.text import capfirst

from .. import widgets
from ..models import Comment

register = template.Library()


@register.inclusion_tag("participation/_support_button.html", takes_context=True)
def support_button(context, target, supported=None):
    return widgets.support_context(context["request"].user, target, supported=supported) | {
        "csrf_token": context.get("csrf_token")
    }


@register.inclusion_tag("participation/_follow_button.html", takes_context=True)
def follow_button(context, target, followed=None):
    return widgets.follow_context(context["request"].user, target, followed=followed) | {
        "csrf_token": context.get("csrf_token")
    }


@register.inclusion_tag("participation/_flag_link.html", takes_context=True)
def flag_link(context, obj):
    request = context["request"]
    return widgets.flag_context(obj, next_url=request.get_full_path()) | {"user": request.user}


@register.inclusion_tag("participation/_comments.html", takes_context=True)
def comments_block(context, target):
    request = context["request"]
    return widgets.comments_context(request, target) | {"csrf_token": context.get("csrf_token"), "request": request}


@register.filter
def is_comment(obj) -> bool:
    """Whether ``obj`` is a comment (rather than a participation target)."""
    return isinstance(obj, Comment)


@register.filter
def kind_name(obj) -> str:
    """The kind of a target in the reader's language (``Discussion``, ``Idea``…)."""
    return capfirst(obj._meta.verbose_name) if obj is not None else ""
