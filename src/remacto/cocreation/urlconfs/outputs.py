"""URL patterns of co-creation: outputs."""

urlpatterns: list = []
