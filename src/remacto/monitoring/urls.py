"""URL patterns of implementation and monitoring, one module per area (see ``urlconfs``)."""

from .urlconfs import progress

app_name = "monitoring"

urlpatterns: list = [
    *progress.urlpatterns,
]
