"""App configuration for the shared core."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "remacto.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        # Create the Celery app with Django's settings, so that every ``shared_task`` binds to it
        # (and settings such as CELERY_TASK_ALWAYS_EAGER apply) in web processes and tests alike.
        from remacto import celery  # noqa: F401

        from . import pagecache

        connection_created.connect(pagecache.watch_writes, dispatch_uid="remacto.core.pagecache")
