"""URL patterns of implementation and monitoring, one module per area (see ``urlconfs``)."""

from .urlconfs import evaluations

app_name = "monitoring"

urlpatterns: list = [
    *evaluations.urlpatterns,
]
