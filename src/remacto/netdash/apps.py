from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetdashConfig(AppConfig):
    name = "remacto.netdash"
    label = "netdash"
    verbose_name = _("Network dashboard")

    def ready(self) -> None:
        from . import rules  # noqa: F401 - registers the permissions
