"""App configuration of the support desk: tickets from member collectivities to the network team, and the FAQ."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "remacto.support"
    verbose_name = _("Support desk")

    def ready(self) -> None:
        from remacto.cases import holidays

        from . import clock

        holidays.register_due_dates(clock.recompute_due_dates)  # a holiday added or moved moves tickets' due dates
