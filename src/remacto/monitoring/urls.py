"""URL patterns of implementation and monitoring, one module per area (see ``urlconfs``)."""

from .urlconfs import money

app_name = "monitoring"

urlpatterns: list = [
    *money.urlpatterns,
]
