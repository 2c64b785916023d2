"""Permission predicates for notifications (django-rules).

A notification is private to its recipient: nobody else may read or mark it, network admins and superusers
included. Services therefore test the rule itself (``rules.test_rule``), which superuser status does not bypass.
"""

import rules


@rules.predicate
def is_recipient(user, notification) -> bool:
    return user.is_authenticated and notification is not None and notification.recipient_id == user.pk


rules.add_rule("notifications.is_recipient", is_recipient)
rules.add_perm("notifications.mark_read", is_recipient)
