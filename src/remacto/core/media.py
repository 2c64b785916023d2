"""Uploaded files (media): which are public, and how a response hands a stored file over.

Public media are the files shown on public programme pages: meeting photos, consultation opinions and council
deliberations (``PUBLIC_PREFIXES``). In production the web server serves them straight from ``MEDIA_ROOT`` (see
``deploy/nginx/remacto.conf``); Django serves them itself only when ``SERVE_MEDIA`` is on (the default with
``DEBUG``). Every other file goes through a view that decides who may have it: idea attachments (a hidden idea's
files are for moderators only) and programme PDFs; import files are never served. Such a view answers with
``stored_file()``, which asks the web server to send the file (``X-Accel-Redirect`` to the internal location
``MEDIA_ACCEL_REDIRECT``) when that is configured, and streams it from the storage otherwise.
"""

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

PUBLIC_PREFIXES = ("meetings/", "opinions/", "deliberations/")


def stored_file(name: str, *, filename: str, as_attachment: bool, content_type: str | None = None) -> HttpResponse:
    """The stored file ``name`` as a response: sent by the web server when it can, streamed by Django otherwise."""
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT + quote(name)
        response["Content-Disposition"] = content_disposition_header(as_attachment, filename)
        return response
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, SuspiciousFileOperation) as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)


def serve_public(request, path: str) -> HttpResponse:
    """A public media file, when this node serves media itself (``SERVE_MEDIA``); 404 for any other file."""
    public = posixpath.normpath(path) == path and path.startswith(PUBLIC_PREFIXES)  # no "..", no "//"
    if not settings.SERVE_MEDIA or not public or request.method not in ("GET", "HEAD"):
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation) as exc:
        raise Http404 from exc
    response = FileResponse(handle)
    response["Cache-Control"] = "public, max-age=3600"
    return response
