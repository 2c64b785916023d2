"""URL patterns of participatory budgets: paper."""

urlpatterns: list = []
