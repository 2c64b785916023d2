"""App configuration for co-creation."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CocreationConfig(AppConfig):
    name = "remacto.cocreation"
    verbose_name = _("Co-creation")

    def ready(self) -> None:
        from remacto.participation import registry
        from remacto.territories import openings

        from . import selectors
        from .models import Idea, Project

        registry.register(Idea)
        registry.register(Project)
        openings.register(
            openings.Source(
                openings=selectors.programme_openings, collectivity_ids=selectors.collectivities_with_open_programmes
            )
        )
