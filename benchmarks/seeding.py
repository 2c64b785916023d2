"""Benchmark data shared by the scripts in this folder: one programme with 10,000 ideas, 100,000 supports and 50,000
comments by 5,000 accounts, in the PostgreSQL database named by ``DATABASE_URL`` (created when missing, filled once).

The calling script puts ``src/`` on the path and sets ``DATABASE_URL``; :func:`populate` needs ``django.setup()``.
"""

import os
import random
import time

IDEAS, SUPPORTS, COMMENTS, USERS = 10_000, 100_000, 50_000, 5_000


def ensure_database() -> None:
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def populate():
    from django.db import connection, transaction

    with transaction.atomic():
        programme = _populate()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics, as autovacuum would give a live site after bulk loads
    return programme


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
