"""App configuration of the network's events and trainings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "remacto.events"
    verbose_name = _("Events and trainings")

    def ready(self) -> None:
        from . import rules  # noqa: F401 - registers the permissions
