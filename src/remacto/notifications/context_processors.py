"""The header's unread-notification counter: one COUNT for signed-in people, no query for anonymous visitors."""

from . import selectors


def unread(request):
    """``unread_notifications``: how many notifications the signed-in user has not read."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": selectors.unread_count(user)}
