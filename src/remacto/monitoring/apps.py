"""App configuration for the implementation, monitoring and evaluation of adopted programmes."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "remacto.monitoring"
    verbose_name = _("Implementation and monitoring")

    def ready(self) -> None:
        from remacto.participation import registry

        from .models import Observation

        registry.register(Observation)
