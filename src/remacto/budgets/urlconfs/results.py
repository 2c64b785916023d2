"""URL patterns of participatory budgets: results."""

urlpatterns: list = []
