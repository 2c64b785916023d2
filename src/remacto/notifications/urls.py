"""URLs of notifications (inside the language prefix)."""

from django.urls import path  # noqa: F401

app_name = "notifications"

urlpatterns: list = []
