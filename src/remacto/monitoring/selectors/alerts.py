"""Read queries of the alerts page."""

from django.db.models import Count, Q, QuerySet

from remacto.cocreation.models import Programme

from ..models import Alert

STATES = ("open", "acknowledged", "closed")
STATE_FILTERS = {
    "open": Q(closed_at__isnull=True, acknowledged_at__isnull=True),
    "acknowledged": Q(closed_at__isnull=True, acknowledged_at__isnull=False),
    "closed": Q(closed_at__isnull=False),
}


def alerts_of(programme: Programme, state: str) -> QuerySet[Alert]:
    """The programme's alerts in ``state`` (open, acknowledged or closed), newest first, ready to show."""
    return (
        Alert.objects.filter(STATE_FILTERS[state], project__programme=programme)
        .select_related("project", "activity", "acknowledged_by")
        .order_by("-opened_at", "-id")
    )


def alert_counts(programme: Programme) -> dict[str, int]:
    """How many alerts of the programme are in each state (one query)."""
    return Alert.objects.filter(project__programme=programme).aggregate(
        **{state: Count("pk", filter=condition) for state, condition in STATE_FILTERS.items()}
    )
