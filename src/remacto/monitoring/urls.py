"""URL patterns of implementation and monitoring, one module per area (see ``urlconfs``)."""

from .urlconfs import alerts, observations, reviews

app_name = "monitoring"

urlpatterns: list = [
    *alerts.urlpatterns,
    *observations.urlpatterns,
    *reviews.urlpatterns,
]
