"""URLs of participation (inside the language prefix)."""

from django.urls import path  # noqa: F401

app_name = "participation"

urlpatterns: list = []
