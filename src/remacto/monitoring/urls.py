"""URL patterns of implementation and monitoring, one module per area (see ``urlconfs``)."""

app_name = "monitoring"

urlpatterns: list = []
