"""The network dashboard over 1,000 members with full programmes, on PostgreSQL.

Usage (PostgreSQL running locally; the script creates and fills its own database, ``remacto_bench_netdash``
unless ``DATABASE_URL`` names another)::

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/network_dashboard.py [--requests 200] [--port 8019]

It seeds (once, ``bulk_create``) members up to 1,000 (the reference members plus sample communes), each with a
programme of the current cycle: 20 ideas (half answered with a public reason), 3 projects with paid and
committed spending, 3 public meetings with their attendance by sex and age, a phase change. Then it:

- runs the precomputation of the figures (the hourly task's work) and times it;
- counts the SQL queries of one render of each dashboard page (in process, no page cache);
- serves the site with gunicorn (two workers, production settings) and requests both dashboard pages (one
  measure's chart and ranking, and the member table) with 1 and then 10 concurrent clients in three modes:
  ``cold``, every request renders the page's body (the anonymous page cache off); ``warm``, the body comes from
  the cache kept until the next computation (the anonymous page cache off, as for signed-in visitors);
  ``served``, anonymous visitors from the page cache. It prints p50/p95 (target p95 < 300 ms), the workers' CPU
  time per request, and the load average before and after (latencies on a shared machine measure its other load
  as much as the page).
"""

import argparse
import datetime
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remacto_bench_netdash")
os.environ.setdefault("SECRET_KEY", "netdash-benchmark-" + "k" * 40)

from monitoring import load, measure, verdict  # noqa: E402 - after the environment

MEMBERS = 1_000
IDEAS, PROJECTS, MEETINGS = 20, 3, 3
CYCLE = "2025-2026"
P95_TARGET_MS = 300
# Server settings: every request renders the whole page (cold: right after a computation, or with the body cache
# off), or the member table and charts come from the cache kept per computation (warm: the anonymous page cache
# off, so every request reaches the view, as signed-in visitors do), or anonymous visitors are served from the
# page cache (served).
MODES = {
    "cold": {"PAGE_CACHE_SECONDS": "0", "DASHBOARD_CACHE_SECONDS": "0"},
    "warm": {"PAGE_CACHE_SECONDS": "0", "DASHBOARD_CACHE_SECONDS": "600"},
    "served": {"PAGE_CACHE_SECONDS": "60", "DASHBOARD_CACHE_SECONDS": "600"},
}


def _sample_members(count: int) -> list:
    """``count`` sample communes, members of the 2025 cohort, spread over the provinces."""
    from remacto.territories.models import Collectivity, Membership, Province

    provinces = list(Province.objects.select_related("region"))
    rng = random.Random(7)
    made = Collectivity.objects.bulk_create(
        Collectivity(
            kind=Collectivity.Kind.COMMUNE,
            slug=f"sample-commune-{n}",
            name=f"جماعة نموذجية {n}",
            name_ar=f"جماعة نموذجية {n}",
            name_fr=f"Commune exemple {n}",
            region=provinces[n % len(provinces)].region,
            province=provinces[n % len(provinces)],
            population=rng.randrange(5_000, 400_000),
            is_ogp_local=n % 10 == 0,
        )
        for n in range(count)
    )
    Membership.objects.bulk_create(Membership(collectivity=c, cohort_year=2025, source="sample") for c in made)
    return made


def seed() -> None:
    """Members up to 1,000, each with a full programme (a second run reuses them)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from remacto.cocreation.models import (
        Adoption,
        Axis,
        Idea,
        Meeting,
        Phase,
        PhaseChange,
        Programme,
        Project,
        TriageDecision,
    )
    from remacto.monitoring.models import SpendingLine
    from remacto.territories.models import Collectivity
    from remacto.territories.reference import load_reference

    call_command("migrate", verbosity=0)
    load_reference()
    if Programme.objects.filter(cycle=CYCLE).count() >= MEMBERS:
        return
    t0 = time.perf_counter()
    rng = random.Random(12)
    with transaction.atomic():
        existing = Collectivity.objects.filter(membership__isnull=False).count()
        _sample_members(MEMBERS - existing)
        members = list(Collectivity.objects.filter(membership__isnull=False))
        phases = [Phase.IDEAS, Phase.TRIAGE, Phase.DRAFTING, Phase.IMPLEMENTATION, Phase.EVALUATION]
        programmes = Programme.objects.bulk_create(
            Programme(collectivity=c, cycle=CYCLE, title="برنامج عمل الانفتاح", phase=phases[n % len(phases)])
            for n, c in enumerate(members)
        )
        Adoption.objects.bulk_create(
            Adoption(
                programme=p,
                session_date=datetime.date(2025, 1 + n % 12, 10),
                deliberation_number=f"{n}/2025",
                votes_for=20,
            )
            for n, p in enumerate(programmes)
            if p.phase in (Phase.IMPLEMENTATION, Phase.EVALUATION)
        )
        PhaseChange.objects.bulk_create(
            PhaseChange(programme=p, from_phase=Phase.INFORMATION, to_phase=p.phase) for p in programmes
        )
        axes = Axis.objects.bulk_create(Axis(programme=p, order=1, title="المحور 1") for p in programmes)
        ideas = Idea.objects.bulk_create(
            (
                Idea(
                    programme=p,
                    title=f"فكرة {k}",
                    problem="مشكلة",
                    solution="حل",
                    status="accepted" if k % 2 else "submitted",
                )
                for p in programmes
                for k in range(IDEAS)
            ),
            batch_size=2000,
        )
        TriageDecision.objects.bulk_create(
            (TriageDecision(idea=i, decision="accepted", reason="سبب معلن") for i in ideas if i.status == "accepted"),
            batch_size=2000,
        )
        projects = Project.objects.bulk_create(
            (
                Project(
                    programme=axis.programme,
                    axis=axis,
                    order=k + 1,
                    title=f"مشروع {k + 1}",
                    budget=Decimal(rng.randrange(100_000, 2_000_000)),
                    status=Project.Status.IN_PROGRESS,
                )
                for axis in axes
                for k in range(PROJECTS)
            ),
            batch_size=2000,
        )
        SpendingLine.objects.bulk_create(
            (
                SpendingLine(
                    project=p,
                    kind=kind,
                    amount=Decimal(rng.randrange(1_000, 90_000)),
                    spent_on=datetime.date(2025, 6, 1),
                    reference=f"OP-{p.pk}-{kind}",
                )
                for p in projects
                for kind in ("committed", "paid")
            ),
            batch_size=2000,
        )
        Meeting.objects.bulk_create(
            (
                Meeting(
                    programme=p,
                    kind=Meeting.Kind.WORKSHOP,
                    title=f"ورشة {k + 1}",
                    attendees_women=rng.randrange(40),
                    attendees_men=rng.randrange(40),
                    attendees_18_29=rng.randrange(20),
                    attendees_30_44=rng.randrange(20),
                    attendees_60_plus=rng.randrange(10),
                )
                for p in programmes
                for k in range(MEETINGS)
            ),
            batch_size=2000,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded in {time.perf_counter() - t0:.1f} s")


def dashboard_paths() -> dict[str, str]:
    """The two pages: one measure's chart and ranking (the default measure), and the full member table."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override("ar"):
        return {"measure": reverse("netdash:dashboard"), "members": reverse("netdash:members")}


def query_count(path: str, body_cached: bool) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    with override_settings(DASHBOARD_CACHE_SECONDS=600 if body_cached else 0):
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def run(mode: str, page: str, path: str, port: int, requests: int) -> None:
    """Request one dashboard page with 1 then 10 clients from gunicorn in ``mode``."""
    from loadrun import start_server

    server = start_server(port, MODES[mode])
    try:
        url = f"http://127.0.0.1:{port}{path}"
        load(url, 2, 10)  # warm both workers
        for clients in (1, 10):
            times, cpu, p50, p95 = measure(server, url, clients, requests)
            print(
                f"{page:>7} {mode:>6}, {clients:>2} client(s), {len(times)} requests: p50 {p50:.0f} ms, "
                f"p95 {p95:.0f} ms (target p95 < {P95_TARGET_MS} ms): {verdict(p95 < P95_TARGET_MS)}; "
                f"app CPU {cpu:.0f} ms a request"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=200, help="dashboard requests per run")
    parser.add_argument("--port", type=int, default=8019)
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated, among " + ", ".join(MODES))
    args = parser.parse_args()

    import django
    from seeding import ensure_database

    ensure_database()
    django.setup()
    from remacto.netdash.compute import compute_figures

    seed()
    t0 = time.perf_counter()
    computation = compute_figures()
    print(f"precompute of {computation.members} members: {time.perf_counter() - t0:.2f} s")
    paths = dashboard_paths()
    for page, path in paths.items():
        print(
            f"{page} page queries per render: {query_count(path, body_cached=False)} with its body rendered, "
            f"{query_count(path, body_cached=True)} with its body cached"
        )
    print(f"load average before the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for mode in args.modes.split(","):
        for page, path in paths.items():
            run(mode, page, path, args.port, args.requests)
    print(f"load average after the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
