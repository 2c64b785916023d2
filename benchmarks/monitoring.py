"""The programme dashboard and the import of spending lines at scale, on PostgreSQL.

Usage (PostgreSQL running locally; the script creates and fills its own database, ``remacto_bench_monitoring``
unless ``DATABASE_URL`` names another)::

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/monitoring.py [--requests 200] [--port 8017]

It seeds (once) an adopted programme with 60 projects, 2,000 progress updates, 20,000 spending lines and 5,000
observations (``bulk_create``), then:

- counts the SQL queries of one dashboard render (in process), with the dashboard's figures computed (cold) and
  read from the cache (warm);
- serves the site with gunicorn (two workers, production settings) and requests the dashboard with 1 and then 10
  concurrent clients: p50/p95 (target p95 < 200 ms) in three modes: ``cold``, every request renders the page and
  computes its figures (page cache and figure cache off: the worst case, right after a write); ``warm``, signed-in
  visitors (each request with a session, so the anonymous page cache never serves it): the page is rendered
  around the dashboard's figures and tables, kept rendered in the cache; ``served``, from the anonymous page cache,
  as anonymous visitors are served. ``--modes cold,warm`` picks some of them. Each run
  also prints the CPU time the workers spent per request (the database's is not counted), a figure that other
  work on the machine hardly changes, and the load average before and after: latencies with 10 clients on two
  workers are as much a measure of the machine's other load as of the page;
- imports a generated 20,000-line CSV file of spending lines as a whole (file check, reading, row checks, bulk
  insert, audit): seconds (target < 20 s); the imported lines are then removed so the data stay as seeded.
"""

import argparse
import datetime
import os
import random
import sys
import threading
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remacto_bench_monitoring")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remacto.settings")
os.environ.setdefault("SECRET_KEY", "monitoring-benchmark-" + "k" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # in this process: count the queries of a real render
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")  # the import runs in this process, as a worker would

PROJECTS, UPDATES, LINES, OBSERVATIONS = 60, 2_000, 20_000, 5_000
IMPORT_LINES = 20_000
CYCLE = "2026-2027"
START, END = datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)
P95_TARGET_MS, IMPORT_TARGET_S = 200, 20
# Server settings of each mode: every request computes the figures and renders (cold), renders from the cached
# figures (warm: signed-in visitors), or is served from the anonymous page cache (served).
MODES = {
    "cold": {"PAGE_CACHE_SECONDS": "0", "DASHBOARD_CACHE_SECONDS": "0"},
    "warm": {"PAGE_CACHE_SECONDS": "60", "DASHBOARD_CACHE_SECONDS": "600"},
    "served": {"PAGE_CACHE_SECONDS": "60", "DASHBOARD_CACHE_SECONDS": "600"},
}


def seed():
    """The programme, filled once (a second run reuses it)."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from remacto.cocreation.models import Activity, Adoption, Axis, Phase, Programme, Project
    from remacto.monitoring.models import ActivityStatus, Alert, Observation, ProgressUpdate, SpendingLine
    from remacto.territories.models import Collectivity
    from remacto.territories.reference import load_reference

    call_command("migrate", verbosity=0)
    load_reference()
    collectivity = Collectivity.objects.get(slug="ben-guerir")
    programme, _created = Programme.objects.get_or_create(
        collectivity=collectivity,
        cycle=CYCLE,
        defaults={"title": "برنامج عمل الانفتاح", "phase": Phase.IMPLEMENTATION},
    )
    if programme.projects.count() >= PROJECTS:
        return programme
    rng = random.Random(12)
    t0 = time.perf_counter()
    today = min(datetime.date.today(), END)
    span = (today - START).days
    with transaction.atomic():
        programme.phase = Phase.IMPLEMENTATION
        programme.implementation_start, programme.implementation_end = START, END
        programme.save()
        Adoption.objects.get_or_create(
            programme=programme,
            defaults={"session_date": datetime.date(2025, 12, 1), "deliberation_number": "1/2025", "votes_for": 20},
        )
        axes = [
            Axis.objects.create(programme=programme, order=n, title=f"المحور {n}", title_fr=f"Axe {n}")
            for n in range(1, 7)
        ]
        projects = Project.objects.bulk_create(
            Project(
                programme=programme,
                axis=axes[n % 6],
                order=n // 6 + 1,
                title=f"مشروع رقم {n + 1}",
                budget=Decimal(10_000_000),
                starts_on=START,
                ends_on=END,
                status=Project.Status.IN_PROGRESS,
            )
            for n in range(PROJECTS)
        )
        activities = Activity.objects.bulk_create(
            Activity(
                project=p,
                order=k,
                title=f"نشاط {k}",
                starts_on=START,
                ends_on=START + datetime.timedelta(days=90 * k),
            )
            for p in projects
            for k in range(1, 5)
        )
        ActivityStatus.objects.bulk_create(
            ActivityStatus(activity=a, status=rng.choice(["under_way", "done", "late", "planned"])) for a in activities
        )
        ProgressUpdate.objects.bulk_create(
            (
                ProgressUpdate(
                    project=projects[n % PROJECTS],
                    reported_on=START + datetime.timedelta(days=rng.randrange(span)),
                    progress=rng.randrange(101),
                    narrative="تقدم الأشغال " * 10,
                )
                for n in range(UPDATES)
            ),
            batch_size=1000,
        )
        SpendingLine.objects.bulk_create(
            (
                SpendingLine(
                    project=projects[n % PROJECTS],
                    kind="paid" if n % 2 else "committed",
                    amount=Decimal(rng.randrange(100, 5000)),
                    spent_on=START + datetime.timedelta(days=rng.randrange(span)),
                    reference=f"OP-{n}",
                    label="دفعة",
                )
                for n in range(LINES)
            ),
            batch_size=2000,
        )
        Observation.objects.bulk_create(
            (Observation(project=projects[n % PROJECTS], text="لاحظت أن الأشغال متوقفة") for n in range(OBSERVATIONS)),
            batch_size=1000,
        )
        now = datetime.datetime.now(datetime.UTC)
        Alert.objects.bulk_create(Alert(kind="no_update", project=p, opened_at=now) for p in projects[:12])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded in {time.perf_counter() - t0:.1f} s")
    return programme


def dashboard_path(programme) -> str:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("ar"):
        return reverse("monitoring:dashboard", kwargs={"slug": programme.collectivity.slug, "cycle": programme.cycle})


def query_count(path: str, figures_cached: bool) -> int:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()
    with override_settings(DASHBOARD_CACHE_SECONDS=600 if figures_cached else 0):
        client.get(path)
        reset_queries()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def signed_in_cookie() -> str:
    """The cookie of a signed-in visitor (a session of a citizen account, made here as a sign-in would)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from remacto.accounts.models import User

    user, _created = User.objects.get_or_create(email="bench-citizen@example.ma", defaults={"display_name": "citizen"})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def load(url: str, clients: int, requests: int, cookie: str = "") -> list[float]:
    """``clients`` threads each requesting ``url`` (with ``cookie``) until ``requests`` answers in all; milliseconds
    per answer."""
    times: list[float] = []
    lock = threading.Lock()
    remaining = [requests]
    failures = []

    def worker():
        while True:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            t = time.perf_counter()
            try:
                request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310 - loopback URL built here
                with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 - loopback URL built here
                    answer.read()
                    ok = answer.status == 200
            except OSError as exc:
                ok = False
                failures.append(exc)
            elapsed = (time.perf_counter() - t) * 1000
            with lock:
                if ok:
                    times.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        print(f"  {len(failures)} failed requests, first: {failures[0]}")
    return times


def server_cpu_seconds(server) -> float:
    """CPU seconds (user + system) used so far by the gunicorn workers of ``server`` (Linux ``/proc``): unlike
    latencies, hardly changed by other work on the machine."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server.pid:  # fields[1] is the parent's pid; 11 and 12 are utime and stime
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def measure(server, url: str, clients: int, requests: int, cookie: str = "") -> tuple[list[float], float, float, float]:
    """One run of ``requests`` answers from ``clients`` clients: the times (ms), the workers' CPU per request (ms),
    p50 and p95."""
    cpu = server_cpu_seconds(server)
    times = load(url, clients, requests, cookie)
    cpu = (server_cpu_seconds(server) - cpu) * 1000 / max(len(times), 1)
    return times, cpu, percentile(times, 50), percentile(times, 95)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def verdict(ok: bool) -> str:
    return "ok" if ok else "UNDER TARGET"


def spending_csv(programme) -> bytes:
    rng = random.Random(99)
    projects = list(programme.projects.select_related("axis"))
    today = min(datetime.date.today(), END)
    span = (today - START).days
    lines = ["project,kind,amount,date,reference,label"]
    for n in range(IMPORT_LINES):
        p = projects[n % len(projects)]
        day = START + datetime.timedelta(days=rng.randrange(span))
        kind = "paid" if n % 2 else "committed"
        lines.append(f"{p.axis.order}.{p.order},{kind},{rng.randrange(100, 5000)},{day:%d/%m/%Y},IMP-{n},دفعة {n}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def measure_import(programme) -> tuple[float, str, int]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from remacto.accounts.models import Role, User
    from remacto.monitoring.models import SpendingLine
    from remacto.monitoring.services import spending

    user, _ = User.objects.get_or_create(email="bench-focal@example.ma", defaults={"display_name": "focal"})
    Role.objects.get_or_create(user=user, collectivity=programme.collectivity, kind=Role.Kind.FOCAL_POINT)
    data = spending_csv(programme)
    t0 = time.perf_counter()
    job = spending.start_import(user, programme, SimpleUploadedFile("finance.csv", data), "ar")
    job.refresh_from_db()
    seconds = time.perf_counter() - t0
    SpendingLine.objects.filter(source=job).delete()
    return seconds, job.status, job.created_count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--requests", type=int, default=200, help="dashboard requests per run")
    parser.add_argument("--port", type=int, default=8017)
    parser.add_argument("--modes", default=",".join(MODES), help="comma-separated, among " + ", ".join(MODES))
    parser.add_argument("--no-import", action="store_true", help="skip the import of a 20,000-line file")
    args = parser.parse_args()
    modes = [mode for mode in args.modes.split(",") if mode]
    if unknown := set(modes) - set(MODES):
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")

    import django
    from seeding import ensure_database

    ensure_database()
    django.setup()
    from loadrun import start_server

    programme = seed()
    path = dashboard_path(programme)
    print(
        f"programme: {programme.projects.count()} projects, {UPDATES} updates, {LINES} spending lines, "
        f"{OBSERVATIONS} observations"
    )
    print(
        f"dashboard queries per render: {query_count(path, figures_cached=False)} with its figures computed, "
        f"{query_count(path, figures_cached=True)} with its figures cached"
    )
    print(f"load average before the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    for mode in modes:
        server = start_server(args.port, MODES[mode])
        try:
            url = f"http://127.0.0.1:{args.port}{path}"
            cookie = signed_in_cookie() if mode == "warm" else ""
            load(url, 2, 10, cookie)  # warm both workers
            for clients in (1, 10):
                times, cpu, p50, p95 = measure(server, url, clients, args.requests, cookie)
                print(
                    f"dashboard {mode:>6}, {clients:>2} client(s), {len(times)} requests: p50 {p50:.0f} ms, "
                    f"p95 {p95:.0f} ms (target p95 < {P95_TARGET_MS} ms): {verdict(p95 < P95_TARGET_MS)}; "
                    f"app CPU {cpu:.0f} ms a request"
                )
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"load average after the runs: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if args.no_import:
        return
    seconds, status, created = measure_import(programme)
    print(
        f"import of a {IMPORT_LINES}-line spending file: {seconds:.1f} s, {status}, {created} lines "
        f"(target < {IMPORT_TARGET_S} s): {verdict(status == 'done' and seconds < IMPORT_TARGET_S)}"
    )


if __name__ == "__main__":
    main()
