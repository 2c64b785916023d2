"""App configuration for participation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "remacto.participation"
    verbose_name = _("Participation")

    def ready(self) -> None:
        from . import registry
        from .models import Discussion

        registry.register(Discussion)
