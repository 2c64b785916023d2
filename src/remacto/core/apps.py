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
        _choice_errors_without_the_value()


def _choice_errors_without_the_value() -> None:
    """Django's choice fields repeat the refused value in their message ("Select a valid choice. X is not one of
    the available choices."): a typed value, shown unisolated inside Arabic text, may carry bidi controls that
    reorder the page. Every choice field of the platform says the same without the value, as Django's
    ``ModelChoiceField`` already does (its message is in Django's catalogues)."""
    from django import forms

    message = forms.ModelChoiceField.default_error_messages["invalid_choice"]
    for field in (forms.ChoiceField, forms.MultipleChoiceField, forms.ModelMultipleChoiceField):
        field.default_error_messages = {**field.default_error_messages, "invalid_choice": message}
    forms.ModelMultipleChoiceField.default_error_messages["invalid_pk_value"] = message
