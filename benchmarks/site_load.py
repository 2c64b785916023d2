"""Site under load: anonymous readers and signed-in supporters and commenters on gunicorn (two workers), PostgreSQL
and Redis, driven by locust (``pip install -e '.[bench]'``).

Usage (PostgreSQL and Redis running locally; the data is the one of ``benchmarks/cocreation_ideas.py``)::

    .venv/bin/python benchmarks/site_load.py [--seconds 30] [--port 8140]

``DATABASE_URL`` (default: the ``remacto_bench`` database, created and filled when missing) and ``REDIS_URL``
(default ``redis://127.0.0.1:6379/0``) choose the services; ``PAGE_CACHE_SECONDS=0`` measures without the page
cache. The script runs gunicorn in production settings (``DEBUG=0``, static files collected), then locust headless:

1. the anonymous idea list with 1 client, then 10 clients (target: at least 150 requests per second with 10
   clients, p95 under 100 ms);
2. a mixed run: 10 anonymous visitors on lists and ideas, 2 signed-in people supporting and commenting, each
   write followed by an anonymous read of the idea that must show it;
3. checks: the database gained at least the supports and comments answered as successful and at most those sent
   (a request in flight when the run stops may be written without its answer being counted), the ideas'
   counters equal their rows, and a sequential freshness check (write, then the next anonymous read of the list
   and the idea page shows it).

It prints requests per second, p50/p95 and errors per request kind, and the checks. Never part of ``make test``.
"""

import argparse
import json
import os
import re
import secrets
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from loadrun import ROOT, run_locust, start_server

sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remacto_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remacto.settings")
# The server and this script sign the sessions made here with the same key.
os.environ.setdefault("SECRET_KEY", "site-load-benchmark-" + "k" * 40)

TARGET_RPS, TARGET_P95_MS = 150, 100
FRESHNESS_ROUNDS = 10


_SUPPORTS = re.compile(r'id="idea-(\d+)-support">\s*<p class="support-count"><strong>([\d,.\s]+)</strong>')
_COMMENTS = re.compile(r'<span class="count">\(([\d,.\s]+)\)</span>')


def _number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def support_counts(html: str) -> dict[int, int]:
    """The support count shown for each idea of a page (list or idea page)."""
    return {int(match[1]): _number(match[2]) for match in _SUPPORTS.finditer(html)}


def support_count(html: str) -> int | None:
    """The first support count of a page: the idea's, on an idea page or a support button."""
    return next(iter(support_counts(html).values()), None)


def comment_count(html: str) -> int | None:
    """The comment count of an idea page or a comments block."""
    match = _COMMENTS.search(html)
    return _number(match[1]) if match else None


def prepare(seconds: int) -> dict:
    """Fill the database, age the bench accounts past the new-account limits, and plan one write per account."""
    import django
    from seeding import ensure_database, populate

    ensure_database()
    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import timezone, translation

    from remacto.accounts.models import User
    from remacto.cocreation.models import Idea
    from remacto.participation.models import Support

    programme = populate()
    User.objects.filter(email__startswith="bench").update(date_joined=timezone.now() - timezone.timedelta(days=365))
    newest = list(Idea.objects.filter(programme=programme, is_hidden=False).order_by("-created_at", "-id")[:20])
    ct = ContentType.objects.get_for_model(Idea)
    supported = set(
        Support.objects.filter(content_type=ct, object_id__in=[i.pk for i in newest]).values_list(
            "user_id", "object_id"
        )
    )
    users = list(User.objects.filter(email__startswith="bench").order_by("?")[: 40 * seconds + 2 * FRESHNESS_ROUNDS])
    writes = []
    with translation.override("ar"):
        for n, user in enumerate(users):
            idea = next((i for i in newest[n % 20 :] + newest if (user.pk, i.pk) not in supported), None)
            if idea is None:
                continue
            session = SessionStore()
            session.update(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            )
            session.create()
            target = f"/ar/participation/cocreation.idea/{idea.pk}"
            writes.append(
                {
                    "session": session.session_key,
                    "idea": idea.pk,
                    "idea_url": idea.get_absolute_url(),
                    "support_url": f"{target}/support/",
                    "comments_url": f"{target}/comments/",
                }
            )
        from django.urls import reverse

        list_url = reverse("cocreation:ideas", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle})
        idea_urls = [i.get_absolute_url() for i in newest]
    return {
        "list_url": list_url,
        "idea_urls": idea_urls,
        "writes": writes,
        "csrf": secrets.token_hex(16),
    }


def counts() -> tuple[int, int, int]:
    """Supports and comments in the database, and ideas whose counters differ from their rows."""
    from django.db.models import Count, F, OuterRef, Q, Subquery

    from remacto.cocreation.models import Idea
    from remacto.participation.models import Comment, Support

    def rows(model, **visible):
        return Subquery(
            model.objects.filter(object_id=OuterRef("pk"), content_type__model="idea", **visible)
            .values("object_id")
            .annotate(n=Count("id"))
            .values("n")[:1]
        )

    mismatched = (
        Idea.objects.annotate(s=rows(Support))
        .exclude(Q(support_count=F("s")) | Q(s__isnull=True, support_count=0))
        .count()
        + Idea.objects.annotate(c=rows(Comment, is_hidden=False))
        .exclude(Q(comment_count=F("c")) | Q(c__isnull=True, comment_count=0))
        .count()
    )
    return Support.objects.count(), Comment.objects.count(), mismatched


def users(plan_path: str, host: str, kinds: list[str], clients: int, seconds: int) -> list[dict]:
    """A locust run of the ``kinds`` of users of ``site_load_users.py``; a write in flight at the end finishes and
    is counted."""
    env = {"SITE_LOAD_PLAN": plan_path}
    return run_locust("site_load_users.py", host, clients, f"{seconds}s", env, "--stop-timeout", "60", *kinds)


def report(title: str, rows: list[dict]) -> dict:
    print(f"\n{title}")
    print(f"  {'request':32} {'count':>7} {'errors':>6} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7}")
    by_name = {}
    for row in rows:
        name = row["Name"]
        by_name[name] = row
        print(
            f"  {name:32} {row['Request Count']:>7} {row['Failure Count']:>6} {float(row['Requests/s']):7.1f} "
            f"{row['50%']:>7} {row['95%']:>7}"
        )
    return by_name


def freshness(host: str, plan: dict) -> tuple[int, int]:
    """Sequential writes through the site; after each, the next anonymous read of the list and the idea page
    must show the new count. Returns (reads that showed the write, reads)."""

    def get(path: str, headers: dict | None = None, data: dict | None = None) -> str:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(host + path, data=body, headers=headers or {})  # noqa: S310
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.read().decode()

    fresh = reads = 0
    for write in plan["writes"][-FRESHNESS_ROUNDS:]:
        signed_in = {
            "Cookie": f"sessionid={write['session']}; csrftoken={plan['csrf']}",
            "X-CSRFToken": plan["csrf"],
            "HX-Request": "true",
        }
        get(plan["list_url"])  # both pages cached before the write
        get(write["idea_url"])
        after = support_count(get(write["support_url"], signed_in, {"support": "1"}))
        reads += 2
        fresh += support_counts(get(plan["list_url"])).get(write["idea"]) == after
        fresh += support_count(get(write["idea_url"])) == after
        after = comment_count(get(write["comments_url"], signed_in, {"body": "تعليق للتحقق من حداثة الصفحة"}))
        reads += 1
        fresh += comment_count(get(write["idea_url"])) == after
    return fresh, reads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30, help="length of each locust run")
    parser.add_argument("--port", type=int, default=8140)
    args = parser.parse_args()
    plan = prepare(args.seconds)
    host = f"http://127.0.0.1:{args.port}"
    writes_for_load = plan["writes"][:-FRESHNESS_ROUNDS]
    tally = Path(tempfile.mkdtemp()) / "sent.json"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump({**plan, "writes": writes_for_load, "base": host, "tally": str(tally)}, handle)
    server = start_server(args.port)
    try:
        cache = os.environ.get("PAGE_CACHE_SECONDS", "60")
        print(f"gunicorn, 2 workers, PostgreSQL + Redis; page cache: {'off' if cache == '0' else cache + ' s'}")
        report("idea list, 1 client", users(handle.name, host, ["ListReader"], 1, args.seconds))
        ten = report("idea list, 10 clients", users(handle.name, host, ["ListReader"], 10, args.seconds))
        supports0, comments0, _ = counts()
        mixed = report(
            "mixed: 10 anonymous visitors + 2 signed-in writers",
            users(handle.name, host, ["Browser", "Writer"], 12, args.seconds),
        )
        supports1, comments1, mismatched = counts()
        sent = json.loads(tally.read_text(encoding="utf-8"))
        fresh, reads = freshness(host, plan)
    finally:
        server.terminate()
        server.wait()
        os.unlink(handle.name)

    def ok(row: dict) -> int:
        return int(row["Request Count"]) - int(row["Failure Count"])

    print("\nchecks")
    support_ok = ok(mixed["support"]) if "support" in mixed else 0
    comment_ok = ok(mixed["comment"]) if "comment" in mixed else 0
    new_supports, new_comments = supports1 - supports0, comments1 - comments0
    print(f"  supports: {new_supports} new rows; {support_ok} answered as successful, {sent['support']} sent")
    print(f"  comments: {new_comments} new rows; {comment_ok} answered as successful, {sent['comment']} sent")
    print(f"  ideas whose support or comment counter differs from its rows: {mismatched}")
    stale_under_load = int(mixed.get("anonymous read after a write", {}).get("Failure Count", 0))
    print(f"  anonymous reads right after a write, under load: {stale_under_load} stale")
    print(f"  sequential freshness: {fresh}/{reads} anonymous reads showed the write just made")
    rps, p95 = float(ten["idea list"]["Requests/s"]), float(ten["idea list"]["95%"])
    verdict = "ok" if rps >= TARGET_RPS and p95 < TARGET_P95_MS else "UNDER TARGET"
    print(f"\ntarget: >= {TARGET_RPS} req/s and p95 < {TARGET_P95_MS} ms for the idea list with 10 clients")
    print(f"  {rps:.0f} req/s, p95 {p95:.0f} ms: {verdict}")
    # Every successful answer has its row, and no row comes without a request (one still in flight when the run
    # stopped may have been written without its answer being counted).
    consistent = not mismatched
    consistent &= support_ok <= new_supports <= sent["support"] and comment_ok <= new_comments <= sent["comment"]
    verdict = "holds every successful write and none unsent" if consistent else "DIFFERS FROM the writes"
    print(f"  database {verdict}")
    print(f"  pages {'never older' if fresh == reads and not stale_under_load else 'OLDER'} than the last write")


if __name__ == "__main__":
    main()
