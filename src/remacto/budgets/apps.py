"""App configuration for participatory budgets."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "remacto.budgets"
    verbose_name = _("Participatory budgets")

    def ready(self) -> None:
        from remacto.participation import registry

        from .models import Proposal

        registry.register(Proposal)
