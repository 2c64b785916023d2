"""URL patterns of the alerts page."""

from django.urls import path

from ..views import alerts as views
from . import PROGRAMME

urlpatterns = [
    path(PROGRAMME + "monitoring/alerts/", views.alerts, name="alerts"),
]
