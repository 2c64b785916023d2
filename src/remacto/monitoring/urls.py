"""URL patterns of implementation and monitoring, one module per area (see ``urlconfs``)."""

from .urlconfs import alerts, evaluations, money, observations, opendata, progress, reviews

app_name = "monitoring"

urlpatterns: list = [
    *progress.urlpatterns,
    *money.urlpatterns,
    *alerts.urlpatterns,
    *observations.urlpatterns,
    *reviews.urlpatterns,
    *evaluations.urlpatterns,
    *opendata.urlpatterns,
]
