"""URL patterns of co-creation: ideas."""

urlpatterns: list = []
