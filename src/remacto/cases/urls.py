"""URLs of the case core's pages (inside the language prefix)."""

from django.urls import path

from . import views

app_name = "cases"

urlpatterns = [
    path("members/<slug:slug>/transparency/", views.member_transparency, name="transparency"),
    path("members/<slug:slug>/transparency.csv", views.member_transparency_csv, name="transparency_csv"),
    path("network/transparency/", views.network_transparency, name="network_transparency"),
    path("network/transparency.csv", views.network_transparency_csv, name="network_transparency_csv"),
    path("network/holidays/", views.holiday_table, name="holidays"),
]
