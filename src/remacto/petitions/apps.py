"""App configuration for petitions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "remacto.petitions"
    verbose_name = _("Petitions")

    def ready(self) -> None:
        from remacto.cases import registry
        from remacto.cases.models import Case

        from . import selectors

        registry.register(
            Case.Procedure.PETITION,
            responsible=selectors.responsible,
            url=selectors.case_url,
            public_url=selectors.case_url,
            label=_("Petitions"),
            register_url=selectors.register_url,
        )
