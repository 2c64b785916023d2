"""Files built in the background (PDFs, open-data files): the cache flags a waiting page reads.

While a file is being built, a cache key says so (holding its progress, 0-100, when the work reports one); when
the work fails, another key remembers it for a while, so the waiting page can say so instead of starting again
and again. :class:`BackgroundOutput` keeps both keys under one prefix per kind of file; the views ``start`` the
work and read ``progress`` and ``failed``, the Celery task wraps its work in ``building``.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.cache import cache
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
