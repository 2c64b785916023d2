"""Form helpers shared by the apps' views."""

from django.core.exceptions import ValidationError


def apply_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form: on its fields when named, else on top of the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
