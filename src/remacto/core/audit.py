"""Writing the audit log. Services call :func:`record` inside their transaction for every staff action."""

from typing import Any

from django.db import models

from .models import AuditLogEntry


def record(actor, action: str, obj: models.Model, *, collectivity=None, **details: Any) -> AuditLogEntry:
    """Append one entry for ``actor`` doing ``action`` on ``obj``.

    ``details`` must never hold secrets or national ID numbers: only what a reviewer needs to understand the action.
    """
    return AuditLogEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        collectivity=collectivity,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        details=details,
    )
