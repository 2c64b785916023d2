"""App configuration for access-to-information requests (law 31.13) and proactive disclosure."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "remacto.information"
    verbose_name = _("Access to information")

    def ready(self) -> None:
        from . import registration

        registration.register()
