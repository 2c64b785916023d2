"""App configuration for the network layer: membership applications and news."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "remacto.network"
    verbose_name = _("Network")

    def ready(self) -> None:
        from . import rules, signals  # noqa: F401 - registers the permissions and the invitation hook
