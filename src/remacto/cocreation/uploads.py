"""Checks on uploaded files: size, and a type read from the content, not from the name."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"%PDF-": "pdf"}


def sniff(upload) -> str | None:
    """The file type from its first bytes: png, jpeg, pdf or None."""
    head = upload.read(16)
    upload.seek(0)
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


def check_upload(upload, allowed=("png", "jpeg", "pdf")) -> str:
    """Raise a clear ``ValidationError`` for a file that is too large or of another type; return its type."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"attachments": _("“%(name)s” is larger than 5 MB.") % {"name": upload.name}}, code="too_large"
        )
    kind = sniff(upload)
    if kind not in allowed:
        raise ValidationError(
            {"attachments": _("“%(name)s” is not a photo (JPEG, PNG) or a PDF document.") % {"name": upload.name}},
            code="wrong_type",
        )
    return kind
