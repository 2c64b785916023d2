"""App configuration of the case core shared by the procedures with a legal clock (issue 13)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "remacto.cases"
    verbose_name = _("Cases with legal deadlines")
