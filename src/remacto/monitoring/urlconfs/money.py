"""URL patterns of money: the public programme dashboard and the staff's spending lines."""

from django.urls import path

from ..views import money
from . import PROGRAMME

urlpatterns = [
    path(PROGRAMME + "monitoring/", money.dashboard, name="dashboard"),
    path(PROGRAMME + "monitoring/spending/", money.spending_lines, name="spending"),
    path(PROGRAMME + "monitoring/spending/import/", money.spending_import, name="spending_import"),
    path(
        PROGRAMME + "monitoring/spending/import/<int:job>/", money.spending_import_status, name="spending_import_status"
    ),
    path(PROGRAMME + "monitoring/spending/import/template.csv", money.spending_template, name="spending_template"),
    path(PROGRAMME + "monitoring/spending/export.csv", money.spending_export, name="spending_export"),
]
