"""URL patterns of implementation and monitoring, one module per area (see ``urlconfs``)."""

from .urlconfs import opendata

app_name = "monitoring"

urlpatterns: list = [
    *opendata.urlpatterns,
]
