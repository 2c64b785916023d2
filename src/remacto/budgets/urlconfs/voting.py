"""URL patterns of participatory budgets: voting."""

urlpatterns: list = []
