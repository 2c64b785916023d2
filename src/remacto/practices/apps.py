"""App configuration for the good-practice library."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "remacto.practices"
    verbose_name = _("Good practices")
