"""Whole-page cache for anonymous visitors, never older than the last write, with 304s and gzip.

What is cached: GET responses to visitors without a session or messages cookie, outside htmx, under a language
prefix (``/ar/``, ``/fr/``...), that come back as 200 ``text/html`` setting no cookie and not marked private. A
page that used a CSRF token sets the CSRF cookie, so forms' pages are never stored; signed-in visitors carry a
session cookie and never read or fill the cache. Keys hold the scheme, host, language and path with query string;
each entry holds the site's *version* it was rendered under and is served only while that version is current (the
version and the entry come in one round trip).

Invalidation: an execute wrapper on every database connection (:func:`watch_writes`) sees each INSERT, UPDATE and
DELETE, whether it comes from ``save()``, ``QuerySet.update()``, ``bulk_create`` or raw SQL, so no writer can
forget it. It replaces the version when the write commits: a page rendered from the old rows while the transaction
ran carries a version that is no longer current. Inside a transaction it also replaces it at once, but only when
this process stored a page since its last change (see :func:`_note_writes`). Sessions and notifications are
private to one person and do not count. Entries also expire after ``PAGE_CACHE_SECONDS`` (0 turns the cache off),
which bounds what changes with the clock alone (a phase window opening at midnight).

Conditional requests: every cached page has a weak ETag (hash of its content) and a Last-Modified (when it was
rendered); a matching If-None-Match, or an If-Modified-Since not older than the last write, gets 304.

Compression and BREACH: cached pages are stored gzip-compressed and sent so to clients that accept gzip. Only these
pages are compressed: they hold no CSRF token, session or anything else of one visitor, so a BREACH attacker has no
secret to guess. Every other response (signed-in pages carry a CSRF token in their sign-out form) goes out as the
view made it, uncompressed.

Figures: :func:`remember` keeps a computed value (a dashboard's sums) in the ``default`` cache under the same
version, for what every visitor sees alike, signed-in visitors included.

Table groups: an app names a few tables that a hot path reads on every request (:func:`watch_tables`); the same
wrapper gives the group its own version, changed by writes to those tables only, and :func:`local_memo` keeps a
read in the process while that version holds (a campaign and its ballot, read for every ballot posted, cost one
cache read instead of two queries).

The cache is the ``pages`` alias: Redis when ``REDIS_URL`` is set, shared by every app node and worker; local memory
otherwise, which is only right for a single process (``make run``).
"""

import functools
import gzip
import hashlib
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
VERSION_KEY = "version"
# Tables whose rows no anonymous page shows: writing them leaves every cached page true.
PRIVATE_TABLES = frozenset({"django_session", "notifications_notification"})
# Response headers a cached page may vary on: the key or the bypass rules cover each of them.
HANDLED_VARY = frozenset({"cookie", "accept-encoding", "hx-request"})
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_NOT_STORED_HEADERS = frozenset({"content-length", "content-encoding", "etag", "last-modified", "date"})
T = TypeVar("T")


# Version ----------------------------------------------------------------------------------------------------------


def _new_version() -> str:
    """A version that no other bump can produce, starting with the time of the bump (seconds since the epoch)."""
    return f"{time.time():.6f}-{uuid.uuid4().hex[:12]}"


def current_version(known: str | None = None) -> str:
    """The site's version (``known`` when the caller already read it): it changes whenever a write commits."""
    if known is not None:
        return known
    cache = caches[CACHE_ALIAS]
    version = cache.get(VERSION_KEY)
    if version is None:  # first start, or evicted: a new version is always safe
        cache.add(VERSION_KEY, _new_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


_stored = {"since_bump": True}
"""Whether this process stored a page since it last changed the version (shared by its threads on purpose)."""


def bump() -> None:
    """Make every cached page unreachable (a write happened or committed). A cache outage must not stop writes."""
    try:
        caches[CACHE_ALIAS].set(VERSION_KEY, _new_version(), timeout=None)
    except Exception:
        logger.exception("page cache: could not change the version; pages may stay stale until they expire")
    else:
        _stored["since_bump"] = False


def remember(key: str, compute: Callable[[], T], timeout: int) -> T:
    """``compute()``, kept in the ``default`` cache under ``key`` and the site's version: never older than the last
    write, as cached pages (``timeout`` 0 or less: always computed).

    For figures that every visitor sees alike and that take long to compute (a dashboard's sums), signed-in
    visitors included. The version is read before computing: figures computed while a write commits are stored
    under a version that is no longer current, so they are never read. Storing counts as storing a page for the
    writes of an open transaction (see :func:`_note_writes`). A cache outage only costs the computation.
    """
    if timeout <= 0:
        return compute()
    try:
        full_key = f"{key}:{current_version()}"
        found = caches["default"].get(full_key)
    except Exception:
        logger.exception("cache unreachable; computing %s", key)
        return compute()
    if found is not None:
        return found
    value = compute()
    try:
        caches["default"].set(full_key, value, timeout)
    except Exception:
        logger.exception("cache unreachable; %s not stored", key)
    else:
        _stored["since_bump"] = True
    return value


_GROUPS: dict[str, str] = {}
"""Watched table -> its group (see :func:`watch_tables`)."""
_memo: dict[tuple[str, object], tuple[str, object]] = {}
MEMO_SIZE = 512


def watch_tables(group: str, tables) -> None:
    """Give ``group`` a version that changes whenever one of ``tables`` is written (called at start-up)."""
    for table in tables:
        _GROUPS[table] = group


def group_version(group: str) -> str:
    """The version of a table group (see :func:`watch_tables`), in the ``default`` cache shared by every process."""
    cache = caches["default"]
    key = f"tables:{group}"
    version = cache.get(key)
    if version is None:
        cache.add(key, _new_version(), timeout=None)
        version = cache.get(key)
    return version


def _bump_group(group: str) -> None:
    try:
        caches["default"].set(f"tables:{group}", _new_version(), timeout=None)
    except Exception:
        logger.exception("cache: could not change the version of %s; process memos may stay stale", group)


def local_memo(group: str, key: object, compute: Callable[[], T]) -> T:
    """``compute()``, kept in this process while the version of ``group`` holds; a cache outage only costs the
    computation.

    For small reads that a hot path repeats with the same answer (a campaign and the projects on its ballot, read
    for every ballot posted): one cache read instead of queries. The version is read before computing, so a value
    computed while a write commits is never reused. Callers share the value: they must not change it.
    """
    try:
        version = group_version(group)
    except Exception:
        logger.exception("cache unreachable; computing %s", key)
        return compute()
    found = _memo.get((group, key))
    if found is not None and found[0] == version:
        return found[1]  # type: ignore[return-value]
    value = compute()
    if len(_memo) >= MEMO_SIZE:
        _memo.clear()
    _memo[(group, key)] = (version, value)
    return value


def _written_table(sql: str) -> str | None:
    match = _WRITE.match(sql)
    return match[1] if match else None


def _bump_on_commit_pending(connection) -> bool:
    """Whether this savepoint or an enclosing one already bumps on commit (rolled back with it, if it is)."""
    current = set(connection.savepoint_ids)
    return any(func is bump and savepoints <= current for savepoints, func, _robust in connection.run_on_commit)


def _note_writes(execute, sql, params, many, context):
    """Execute wrapper: after a write to a public table, change the version when it commits (at once outside a
    transaction).

    The change on commit is the one that matters: a page rendered from the old rows while the transaction ran carries
    a version that is no longer current. Inside a transaction the version also changes at once when this process
    stored a page since the last change: that serves code that reads its own writes before they commit (a request
    inside a test's transaction), which would otherwise get that page, rendered before them. Only this connection
    sees the uncommitted rows, and only this process can have stored a page that misses them and read it back
    before the commit; so a busy writer that stores no pages (a worker taking ballots) changes the version once
    per transaction instead of once per statement.
    """
    result = execute(sql, params, many, context)
    table = _written_table(sql)
    if table is not None and table not in PRIVATE_TABLES:
        connection = context["connection"]
        group = _GROUPS.get(table)
        if group is not None:  # rarely written: at once (for this connection's own reads) and again on commit
            _bump_group(group)
            if connection.in_atomic_block:
                connection.on_commit(functools.partial(_bump_group, group))
        if not connection.in_atomic_block:
            bump()
            return result
        if _stored["since_bump"]:
            bump()
        if not _bump_on_commit_pending(connection):
            connection.on_commit(bump)
    return result


def watch_writes(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: every new connection reports its writes to the page cache."""
    if _note_writes not in connection.execute_wrappers:
        # First in the list, so that a temporary wrapper pushed and popped around it (query counting) stays last.
        connection.execute_wrappers.insert(0, _note_writes)


# Requests and responses -------------------------------------------------------------------------------------------


def _language(request) -> str | None:
    """The language of a request that may use the cache; ``None`` when it must go to the view untouched."""
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0 or "HX-Request" in request.headers:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or CookieStorage.cookie_name in request.COOKIES:
        return None
    return get_language_from_path(request.path_info)


def _key(request, language: str) -> str:
    page = "\n".join((request.scheme, request.get_host(), language, request.get_full_path()))
    return f"page:{hashlib.sha256(page.encode()).hexdigest()}"


def _storable(request, response) -> bool:
    """A 200 HTML page for an anonymous GET that set no cookie and varies on nothing the key misses."""
    if request.method != "GET" or response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html") or response.has_header("Content-Encoding"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {name.strip().lower() for name in response.get("Vary", "").split(",") if name.strip()}
    return vary <= HANDLED_VARY


def _entry(response, rendered: float, version: str) -> dict:
    content = response.content
    return {
        "headers": [(k, v) for k, v in response.headers.items() if k.lower() not in _NOT_STORED_HEADERS],
        "gzip": compress_string(content),
        "etag": f'W/"{hashlib.sha256(content).hexdigest()[:32]}"',
        "version": version,
        "rendered": rendered,
        "written": float(version.split("-", 1)[0]),
    }


def _respond(request, entry: dict, state: str):
    """The cached page, gzip-compressed when the client accepts it, or 304 when the client's copy is current."""
    compressed = bool(_ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    body = entry["gzip"] if compressed else gzip.decompress(entry["gzip"])
    response = HttpResponse(body)
    for name, value in entry["headers"]:
        response.headers[name] = value
    if compressed:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(body))
    response.headers["ETag"] = entry["etag"]
    response.headers["Last-Modified"] = http_date(entry["rendered"])
    response.headers["X-Page-Cache"] = state
    patch_vary_headers(response, ("Cookie", "Accept-Encoding", "HX-Request"))
    patch_cache_control(response, no_cache=True)  # browsers may keep it but ask again (and mostly get a 304)
    # Last-Modified has one-second precision: a copy rendered in the second of the last write or the next one (a
    # margin for the new version to reach the cache) is never taken as current. If-None-Match, compared on the
    # content, has no such limit and takes precedence.
    not_before = max(int(entry["rendered"]), int(entry["written"]) + 2)
    return get_conditional_response(request, etag=entry["etag"], last_modified=not_before, response=response)


class AnonymousPageCacheMiddleware:
    """Serves and fills the page cache; placed right after the security and static-file middleware, so that a hit
    skips sessions, CSRF, authentication and the view, and a miss sees the cookies they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _language(request)
        if language is None:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        key = _key(request, language)
        rendered = time.time()  # before the version is read: the page shows at least what that version covers
        try:
            found = cache.get_many([VERSION_KEY, key])  # one round trip
            version = current_version(found.get(VERSION_KEY))
        except Exception:
            logger.exception("page cache unreachable; serving without it")
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry["version"] == version:
            return _respond(request, entry, "hit")
        response = self.get_response(request)
        if not _storable(request, response):
            return response
        entry = _entry(response, rendered, version)
        try:
            cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("page cache unreachable; page not stored")
        else:
            _stored["since_bump"] = True
        return _respond(request, entry, "miss")
