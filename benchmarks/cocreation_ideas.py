"""Idea list and idea page at scale: 10,000 ideas, 100,000 supports and 50,000 comments on PostgreSQL.

Usage (PostgreSQL running locally; the script creates and fills its own database ``remacto_bench``)::

    .venv/bin/python benchmarks/cocreation_ideas.py [--requests 200]

It prints, for the idea list (filtered by axis, sorted by supports, page 3) and for an idea page with 50
comments, the number of SQL queries per request and the p50/p95 render times over the requests, next to the
anchor: Decidim's reported 7.4 s for a 900-proposal list. Target: at most 15 queries, p95 under 300 ms.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remacto_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remacto.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# This script measures rendering; the anonymous page cache is measured by benchmarks/site_load.py.
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")


def measure(client, url: str, requests: int) -> tuple[int, float, float, int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # each request resets the log when it starts; start the count from an empty log
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        t = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return len(ctx.captured_queries), statistics.median(times), times[int(len(times) * 0.95) - 1], len(response.content)


def main() -> None:
    from seeding import COMMENTS, IDEAS, SUPPORTS, ensure_database, populate

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    ensure_database()
    import django

    django.setup()
    from django.test import Client

    from remacto.cocreation.models import Idea

    programme = populate()
    axis = programme.axes.first()
    busiest = Idea.objects.filter(programme=programme).order_by("-comment_count").first()
    from django.urls import reverse
    from django.utils import translation

    with translation.override("ar"):
        base = reverse("cocreation:ideas", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle})
    client = Client()
    print(f"{IDEAS:,} ideas, {SUPPORTS:,} supports, {COMMENTS:,} comments; {args.requests} requests each")
    print(f"{'page':60} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'KB':>6}")
    with translation.override("ar"):
        idea_url = busiest.get_absolute_url()
    from remacto.accounts.models import User

    pages = [
        ("idea list (axis filter, by supports, page 3)", f"{base}?axis={axis.pk}&sort=supported&page=3"),
        (f"idea page ({busiest.comment_count} comments)", idea_url),
    ]
    for who in ("anonymous", "signed in"):
        if who == "signed in":
            client.force_login(User.objects.filter(email__startswith="bench").first())
        for label, url in pages:
            queries, p50, p95, size = measure(client, url, args.requests)
            verdict = "ok" if queries <= 15 and p95 < 300 else "OVER TARGET"
            print(f"{label + ', ' + who:60} {queries:7d} {p50:8.1f} {p95:8.1f} {size / 1024:6.1f}  {verdict}")
    print("anchor: Decidim's reported 7.4 s for a 900-proposal list; target p95 < 300 ms, <= 15 queries")


if __name__ == "__main__":
    main()
