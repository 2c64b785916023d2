"""Idea list and idea page at scale: 10,000 ideas, 100,000 supports and 50,000 comments on PostgreSQL.

Usage (PostgreSQL running locally; the script creates and fills its own database ``remacto_bench``)::

    .venv/bin/python benchmarks/cocreation_ideas.py [--requests 200]

It prints, for the idea list (filtered by axis, sorted by supports, page 3) and for an idea page with 50
comments, the number of SQL queries per request and the p50/p95 render times over the requests, next to the
anchor: Decidim's reported 7.4 s for a 900-proposal list. Target: at most 15 queries, p95 under 300 ms.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remacto_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remacto.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

IDEAS, SUPPORTS, COMMENTS, USERS = 10_000, 100_000, 50_000, 5_000


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def populate():
    from django.db import transaction

    with transaction.atomic():
        return _populate()


def _populate():
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    from remacto.accounts.models import User
    from remacto.cocreation.models import Axis, Idea, Phase, Programme
    from remacto.participation.models import Comment, Support
    from remacto.territories.models import Collectivity
    from remacto.territories.reference import load_reference

    call_command("migrate", verbosity=0)
    load_reference()
    collectivity = Collectivity.objects.get(slug="ben-guerir")
    programme, created = Programme.objects.get_or_create(
        collectivity=collectivity, cycle="2030-2031", defaults={"title": "bench", "phase": Phase.IDEAS}
    )
    if not created and programme.ideas.count() >= IDEAS:
        return programme
    rng = random.Random(7)
    t0 = time.perf_counter()
    unusable = "!"  # Django's marker for an unusable password
    users = User.objects.bulk_create(
        User(email=f"bench{n}@example.ma", display_name=f"u{n}", password=unusable) for n in range(USERS)
    )
    axes = [Axis.objects.create(programme=programme, order=n, title=f"axis {n}") for n in range(1, 5)]
    ideas = Idea.objects.bulk_create(
        (
            Idea(
                programme=programme,
                axis=rng.choice(axes),
                title=f"فكرة {n}",
                problem="مشكلة " * 20,
                solution="حل " * 20,
                author=rng.choice(users),
                channel="online",
            )
            for n in range(IDEAS)
        ),
        batch_size=2000,
    )
    ct = ContentType.objects.get_for_model(Idea)
    pairs = set()
    while len(pairs) < SUPPORTS:
        pairs.add((rng.randrange(IDEAS), rng.randrange(USERS)))
    Support.objects.bulk_create(
        (Support(content_type=ct, object_id=ideas[i].pk, user=users[u]) for i, u in pairs), batch_size=5000
    )
    Comment.objects.bulk_create(
        (
            Comment(
                content_type=ct,
                object_id=ideas[rng.randrange(IDEAS) if n % 10 else 0].pk,
                collectivity=collectivity,
                author=rng.choice(users),
                body="تعليق " * 10,
            )
            for n in range(COMMENTS)
        ),
        batch_size=5000,
    )
    from django.db.models import Count, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    def count_of(model):
        rows = model.objects.filter(content_type=ct, object_id=OuterRef("pk")).values("object_id")
        return Coalesce(Subquery(rows.annotate(n=Count("id")).values("n")[:1]), Value(0))

    Idea.objects.filter(programme=programme).update(support_count=count_of(Support), comment_count=count_of(Comment))
    print(f"populated in {time.perf_counter() - t0:.1f} s")
    return programme


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
