"""App configuration for the API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "remacto.api"
    verbose_name = "API"
