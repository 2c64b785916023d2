"""URLs of the network dashboard (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "netdash"

urlpatterns = [
    path("network/dashboard/", views.dashboard, name="dashboard"),
    path("network/dashboard/members/", views.members, name="members"),
    path("network/dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
    path("network/dashboard/refresh/", views.refresh, name="refresh"),
    path("network/dashboard/status/", views.status, name="status"),
]
