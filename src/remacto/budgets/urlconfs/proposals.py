"""URL patterns of participatory budgets: proposals."""

urlpatterns: list = []
