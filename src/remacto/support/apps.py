"""App configuration of the support desk: tickets from member collectivities to the network team, and the FAQ."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "remacto.support"
    verbose_name = _("Support desk")
