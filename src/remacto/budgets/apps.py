"""App configuration for participatory budgets."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "remacto.budgets"
    verbose_name = _("Participatory budgets")

    def ready(self) -> None:
        from remacto.core import pagecache
        from remacto.participation import registry
        from remacto.territories import openings

        from . import selectors
        from .models import Proposal

        registry.register(Proposal)
        pagecache.watch_tables("ballots", selectors.BALLOT_TABLES)
        openings.register(
            openings.Source(
                openings=selectors.campaign_openings, collectivity_ids=selectors.collectivities_with_open_campaigns
            )
        )
