"""Files built in the background (PDFs, open-data files): the cache flags a waiting page reads, and the one way
PDFs are built, stored, waited for and served.

While a file is being built, a cache key says so (holding its progress, 0-100, when the work reports one); when
the work fails, another key remembers it for a while, so the waiting page can say so instead of starting again
and again. :class:`BackgroundOutput` keeps both keys under one prefix per kind of file; the views ``start`` the
work and read ``progress`` and ``failed``, the Celery task wraps its work in ``building``.

A PDF (the programme, the final report, the results, the complaint to the CDAI, the attendance certificate) is
rendered from HTML, and :class:`StoredPdf` names it after a digest of that HTML: when anything it shows changes,
the name changes, so the next request starts a new building, and the older versions go once the new one is
stored. The view asks :func:`pdf_or_waiting_page` for the file under the current name (its own rule decides who
may have it first); the task runs :func:`build_pdf`.
"""

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

TEN_MINUTES = 10 * 60


@dataclass(frozen=True)
class BackgroundOutput:
    prefix: str
    """Cache key prefix of this kind of file, e.g. ``budgets:pdf``."""
    running_for: int = TEN_MINUTES
    failed_for: int = TEN_MINUTES

    def running_key(self, name: str) -> str:
        """Cache key saying that the file to be stored as ``name`` is being built (its value: the progress)."""
        return f"{self.prefix}-running:{name}"

    def failed_key(self, name: str) -> str:
        """Cache key saying that building the file to be stored as ``name`` failed."""
        return f"{self.prefix}-failed:{name}"

    def start(self, name: str, launch: Callable[[], object]) -> bool:
        """Call ``launch`` (which queues the task) unless the file is already under way; ``True`` if it was."""
        if not cache.add(self.running_key(name), 0, self.running_for):
            return False
        cache.delete(self.failed_key(name))
        try:
            launch()
        except Exception:
            cache.delete(self.running_key(name))
            raise
        return True

    @contextmanager
    def building(self, name: str) -> Iterator[Callable[[int], None]]:
        """Around the task's work: yields a function reporting progress; a failure is remembered, and the running
        flag is cleared either way."""
        try:
            yield lambda percent: cache.set(self.running_key(name), percent, self.running_for)
        except Exception:
            cache.set(self.failed_key(name), True, self.failed_for)
            raise
        finally:
            cache.delete(self.running_key(name))

    def progress(self, name: str) -> int:
        """How far the building has gone (0-100)."""
        return int(cache.get(self.running_key(name)) or 0)

    def failed(self, name: str) -> bool:
        return bool(cache.get(self.failed_key(name)))


def delete_older(folder: str, prefix: str, keep: str) -> None:
    """Delete the files of ``folder`` whose names start with ``prefix``, except ``keep`` (a storage path): the
    earlier versions of a file built again."""
    try:
        _dirs, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for filename in files:
        path = f"{folder}/{filename}"
        if filename.startswith(prefix) and path != keep:
            default_storage.delete(path)


def ready_or_started(name: str, *, failed: Callable[[str], bool], start: Callable[[], object], polling: bool):
    """``(ready, failed)`` for the file to be stored as ``name``, starting its building when it is not ready.

    A page that polls (htmx) does not start again a building known to have failed: it shows the failure; a new
    request for the file (a click) starts it again.
    """
    ready = default_storage.exists(name)
    has_failed = not ready and failed(name)
    if not ready and not (has_failed and polling):
        start()
        ready = default_storage.exists(name)
        has_failed = False
    return ready, has_failed


def store_once(name: str, build: Callable[[], bytes], *, folder: str, prefix: str) -> str:
    """Store what ``build`` returns as ``name`` unless that file exists, then delete the older files of ``folder``
    whose names start with ``prefix`` (earlier versions); return ``name``."""
    if not default_storage.exists(name):
        saved = default_storage.save(name, ContentFile(build()))
        if saved != name:  # another worker wrote the same file meanwhile: keep one copy
            default_storage.delete(saved)
        delete_older(folder, prefix, keep=name)
    return name


@dataclass(frozen=True)
class StoredPdf:
    """Where the versions of one PDF are stored: ``folder/prefix<digest of its HTML>.pdf``."""

    folder: str
    prefix: str

    def name(self, html: str) -> str:
        """The storage name of the PDF rendered from ``html``: a change of what it shows gives a new name."""
        return f"{self.folder}/{self.prefix}{hashlib.sha256(html.encode()).hexdigest()[:16]}.pdf"

    def store(self, html: str, write: Callable[[str], bytes]) -> str:
        """Store the PDF ``write`` makes of ``html`` unless it exists (older versions go); return its name."""
        return store_once(self.name(html), lambda: write(html), folder=self.folder, prefix=self.prefix)

    def delete(self) -> None:
        """Delete every stored version of this PDF (e.g. when the person it names deletes their account)."""
        delete_older(self.folder, self.prefix, keep="")


def build_pdf(output: BackgroundOutput, name: str, html: Callable[[], str], store: Callable[[str], str]) -> str:
    """The work of a task building the PDF to be stored as ``name``: render its HTML (40 %), then store it."""
    with output.building(name) as progress:
        text = html()
        progress(40)
        return store(text)


def pdf_or_waiting_page(
    request,
    name: str,
    *,
    output: BackgroundOutput,
    start: Callable[[], object],
    filename: str,
    template: str,
    partial: str,
    context: dict,
    as_attachment: bool = False,
):
    """The PDF stored as ``name`` when it is ready, else the page (``partial`` when htmx polls) that follows its
    building, started through ``start``; ``context`` gets ``ready``, ``failed``, ``progress`` and ``pdf_url``.

    ``pdf_url`` is this very address, language prefix and query string included: the polling and the links of
    the waiting page stay in the page's language and ask for the same file. The file is sent inline and marked
    ``private, no-cache``: no shared cache keeps it, and the browser asks again, so a newer version is seen.
    ``as_attachment`` has the browser save it rather than show it.
    The partial most pages include is ``core/_pdf_status.html``."""
    from django.shortcuts import render
    from django.utils.cache import add_never_cache_headers

    from .media import stored_file

    ready, failed = ready_or_started(name, failed=output.failed, start=start, polling=request.htmx)
    if ready and not request.htmx:
        response = stored_file(name, filename=filename, as_attachment=as_attachment, content_type="application/pdf")
        response["Cache-Control"] = "private, no-cache"
        return response
    status = {"ready": ready, "failed": failed, "progress": output.progress(name), "pdf_url": request.get_full_path()}
    response = render(request, partial if request.htmx else template, {**context, **status})
    add_never_cache_headers(response)
    return response
