"""App configuration for the collectivities' advisory bodies and their opinions."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "remacto.advisory"
    verbose_name = _("Advisory bodies")

    def ready(self) -> None:
        from remacto.cases import registry
        from remacto.cases.models import Case

        from . import rules  # noqa: F401 - registers the permissions
        from .selectors import register_url, request_url, responsible

        registry.register(
            Case.Procedure.OPINION,
            responsible=responsible,
            url=request_url,
            public_url=request_url,
            label=_("Advisory opinion"),
            register_url=register_url,
        )
