"""URLs of cocreation (inside the language prefix)."""

from django.urls import path  # noqa: F401

app_name = "cocreation"

urlpatterns: list = []
