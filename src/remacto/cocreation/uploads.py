"""Checks on uploaded files: size, a type read from the content (not from the name), and for photos a pixel cap.

Photos are refused from their header, before any pixel is decoded, when they exceed ``MAX_IMAGE_PIXELS`` (a small
compressed file can hold a huge picture); accepted photos are stored re-encoded, without their metadata (EXIF,
including the GPS position, and text chunks).
"""

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# 40 megapixels: above any phone's default photo, and about 160 MB once decoded. Pillow itself refuses twice this
# (``Image.MAX_IMAGE_PIXELS`` is set from it when the app starts), wherever an image is opened.
MAX_IMAGE_PIXELS = 40_000_000
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"%PDF-": "pdf"}
IMAGE_FORMATS = {"png": "PNG", "jpeg": "JPEG"}


def sniff(upload) -> str | None:
    """The file type from its first bytes: png, jpeg, pdf or None."""
    head = upload.read(16)
    upload.seek(0)
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


def _wrong_type(upload) -> ValidationError:
    return ValidationError(
        {"attachments": _("“%(name)s” is not a photo (JPEG, PNG) or a PDF document.") % {"name": upload.name}},
        code="wrong_type",
    )


def _check_pixels(upload) -> None:
    """Read the photo's size from its header (no pixel is decoded) and refuse more than ``MAX_IMAGE_PIXELS``."""
    try:
        with warnings.catch_warnings():
            # Pillow warns between one and two times its limit: the size is checked just below instead.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
    except Image.DecompressionBombError:
        width, height = MAX_IMAGE_PIXELS, 2
    except (OSError, SyntaxError, ValueError) as exc:
        raise _wrong_type(upload) from exc
    finally:
        upload.seek(0)
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            {
                "attachments": _("“%(name)s” is too large a picture: at most %(megapixels)d megapixels.")
                % {"name": upload.name, "megapixels": MAX_IMAGE_PIXELS // 1_000_000}
            },
            code="too_many_pixels",
        )


def check_upload(upload, allowed=("png", "jpeg", "pdf")) -> str:
    """Raise a clear ``ValidationError`` for a file that is too large or of another type; return its type."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {"attachments": _("“%(name)s” is larger than 5 MB.") % {"name": upload.name}}, code="too_large"
        )
    kind = sniff(upload)
    if kind not in allowed:
        raise _wrong_type(upload)
    if kind in IMAGE_FORMATS:
        _check_pixels(upload)
    return kind


def check_pdf(document, field: str = "document"):
    """``document`` when it is a PDF (read from its content) within the upload limits; errors keyed by ``field``.

    The one check of a PDF-only upload, for the pages' services and the Django admin alike.
    """
    if sniff(document) != "pdf":
        raise ValidationError({field: _("“%(name)s” is not a PDF document.") % {"name": document.name}})
    try:
        check_upload(document, allowed=("pdf",))
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    return document


def without_metadata(upload, kind: str):
    """What to store for a checked upload: photos re-encoded without metadata (turned upright first), PDFs as sent."""
    if kind not in IMAGE_FORMATS:
        return upload
    try:
        with Image.open(upload) as original:
            image = ImageOps.exif_transpose(original)
            profile = original.info.get("icc_profile")
            if kind == "jpeg" and image.mode not in ("RGB", "L"):
                image, profile = image.convert("RGB"), None  # a CMYK profile would not fit the converted pixels
            buffer = io.BytesIO()
            image.save(buffer, IMAGE_FORMATS[kind], quality=90, icc_profile=profile)
    except (OSError, SyntaxError, ValueError) as exc:
        raise _wrong_type(upload) from exc
    finally:
        upload.seek(0)
    return ContentFile(buffer.getvalue(), name=upload.name)
