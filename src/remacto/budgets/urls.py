"""URL patterns of participatory budgets, one module per area (see ``urlconfs``)."""

from .urlconfs import campaigns, integrity, paper, proposals, results, voting

app_name = "budgets"

urlpatterns = [
    *campaigns.urlpatterns,
    *proposals.urlpatterns,
    *voting.urlpatterns,
    *paper.urlpatterns,
    *integrity.urlpatterns,
    *results.urlpatterns,
]
