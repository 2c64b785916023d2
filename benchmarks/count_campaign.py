"""A participatory-budget count at scale: 100,000 stored ballots of about five choices each, on PostgreSQL, from the
database to published results.

Usage (PostgreSQL running locally; the script creates and fills its own database, ``remacto_bench_budgets`` unless
``DATABASE_URL`` names another)::

    .venv/bin/python benchmarks/count_campaign.py [--ballots 100000] [--type knapsack] [--rule greedy]

Ballots are seeded once per (ballot type, number of ballots) with ``COPY``; 1% of them are excluded. The script then
times, as a whole and step by step: reading the ballots into the engine's arrays, running the rule with an
explanation for every project, storing the count, publishing it, and rendering the results page for the first
reader. Target: under 5 seconds in all.
"""

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remacto_bench_budgets")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remacto.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("PAGE_CACHE_SECONDS", "0")

PROJECTS = 40
TARGET_SECONDS = 5.0
EXCLUDED_SHARE = 0.01
TYPES = {
    "approval": {"min_choices": 1, "max_choices": 8},
    "knapsack": {},
    "cumulative": {"max_points": 10},
    "ranked": {"min_choices": 1, "max_choices": 8},
}


def seed(ballot_type: str, n: int, rule: str):
    """The benchmark campaign of ``ballot_type`` with ``n`` ballots (created once), its rule set to ``rule``."""
    import datetime
    from decimal import Decimal

    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from remacto.budgets.models import Ballot, Campaign, Proposal
    from remacto.territories.models import Collectivity
    from remacto.territories.reference import load_reference

    call_command("migrate", verbosity=0)
    if not Collectivity.objects.filter(slug="ben-guerir").exists():
        load_reference()
    collectivity = Collectivity.objects.get(slug="ben-guerir")
    title = f"bench {ballot_type} {n}"
    completion = "add1" if rule == "mes/add1" else "none"
    rule_name = rule.split("/")[0]
    settings = {
        "rule": rule_name,
        "completion": completion,
        "threshold": Decimal(n // 10) if rule == "greedy-threshold" else None,
    }
    campaign = Campaign.objects.filter(collectivity=collectivity, title=title).first()
    if campaign is not None and Ballot.objects.filter(campaign=campaign).count() == n:
        Campaign.objects.filter(pk=campaign.pk).update(results_published_at=None, **settings)
        campaign.refresh_from_db()
        return campaign
    if campaign is not None:
        campaign.counts.all().delete()
        campaign.delete()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    started = time.perf_counter()
    rng = random.Random(11)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            collectivity=collectivity,
            title=title,
            budget=Decimal(4_000_000),
            voting_start=now - 10 * day,
            voting_end=now - day,
            rules_locked_at=now - 10 * day,
            ballot_type=ballot_type,
            **TYPES[ballot_type],
            **settings,
        )
        costs = [rng.randrange(50, 900) * 1000 for _ in range(PROJECTS)]
        proposals = Proposal.objects.bulk_create(
            Proposal(
                campaign=campaign,
                code=f"P{i + 1:02d}",
                title=f"مشروع رقم {i + 1}",
                description="وصف",
                estimated_cost=cost,
                cost=cost,
                status=Proposal.Status.ACCEPTED,
                position=i,
            )
            for i, cost in enumerate(costs)
        )
        popularity = [rng.random() ** 2 + 0.05 for _ in proposals]
        with connection.cursor() as cursor:
            ballots = io.StringIO()
            for v in range(n):
                excluded = v % int(1 / EXCLUDED_SHARE) == 0
                channel = "paper" if v % 7 == 0 else "online"
                ballots.write(
                    f"{campaign.pk}\tbench-{campaign.pk}-{v}\tb{campaign.pk}x{v}\t{channel}\t\t\t{now.isoformat()}\t"
                    f"{now.isoformat() if excluded else chr(92) + 'N'}\t{'تصويت مكرر' if excluded else ''}\tf\n"
                )
            ballots.seek(0)
            with cursor.cursor.copy(
                "COPY budgets_ballot (campaign_id, voter_key, receipt, channel, address_hash, device_hash, cast_at,"
                " excluded_at, exclusion_reason, is_sample) FROM STDIN"
            ) as copy:
                copy.write(ballots.getvalue())
            cursor.execute("SELECT id FROM budgets_ballot WHERE campaign_id = %s ORDER BY id", [campaign.pk])
            ids = [row[0] for row in cursor.fetchall()]
            choices = io.StringIO()
            pks = [p.pk for p in proposals]
            for ballot_id in ids:
                picked = _ballot(rng, ballot_type, pks, costs, popularity)
                for rank, (pk, points) in enumerate(picked, start=1):
                    rank_text = str(rank) if ballot_type == "ranked" else "\\N"
                    choices.write(f"{ballot_id}\t{pk}\t{points}\t{rank_text}\n")
            with cursor.cursor.copy(
                "COPY budgets_ballotchoice (ballot_id, proposal_id, points, rank) FROM STDIN"
            ) as copy:
                copy.write(choices.getvalue())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE budgets_ballot")
        cursor.execute("ANALYZE budgets_ballotchoice")
    print(f"seeded {n:,} ballots ({ballot_type}) in {time.perf_counter() - started:.1f} s")
    return campaign


def _ballot(rng, ballot_type, pks, costs, popularity):
    """About five distinct projects, the popular ones more often; fitting the budget for knapsack ballots."""
    size = min(len(pks), max(1, int(rng.gauss(5, 1.5))))
    picked = []
    seen = set()
    while len(picked) < size:
        i = rng.choices(range(len(pks)), weights=popularity)[0]
        if i not in seen:
            seen.add(i)
            picked.append(i)
    if ballot_type == "knapsack":
        total, kept = 0, []
        for i in picked:
            if total + costs[i] <= 4_000_000:
                kept.append(i)
                total += costs[i]
        picked = kept
    if ballot_type == "approval" or ballot_type == "ranked":
        picked = picked[:8]
    if ballot_type == "cumulative":
        cuts = sorted(rng.sample(range(1, 10), min(len(picked), 10) - 1))
        shares = [b - a for a, b in zip([0, *cuts], [*cuts, 10], strict=True)]
        return [(pks[i], points) for i, points in zip(picked, shares, strict=True)]
    return [(pks[i], 1) for i in picked]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--type", choices=list(TYPES), default="knapsack")
    parser.add_argument("--rule", choices=["greedy", "greedy-threshold", "mes", "mes/add1"], default="greedy")
    args = parser.parse_args()

    from seeding import ensure_database

    ensure_database()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from remacto.accounts.models import Role, User
    from remacto.budgets import counting
    from remacto.budgets.models import Count
    from remacto.budgets.services.counting import count_campaign, publish_results

    campaign = seed(args.type, args.ballots, args.rule)
    admin, _ = User.objects.get_or_create(email="bench-admin@example.ma", defaults={"display_name": "bench"})
    Role.objects.get_or_create(user=admin, kind=Role.Kind.NETWORK_ADMIN)
    client = Client()
    client.get("/")  # a live server has its URLs, templates and catalogues loaded: warm them up first
    connection.close()  # measure from a fresh connection, as a worker picking the task up would

    marks = {}
    started = time.perf_counter()
    rows = counting.choice_rows(campaign)
    marks["read the ballots (one query)"] = time.perf_counter() - started
    counted = counting.load(campaign, rows)
    marks["build the engine's arrays"] = time.perf_counter() - started - sum(marks.values())
    del rows, counted

    started = time.perf_counter()
    cpu_started = time.process_time()
    steps = {}
    count = count_campaign(campaign, progress=lambda p: steps.setdefault(p, time.perf_counter()))
    counted_at = time.perf_counter()
    assert count.status == Count.Status.DONE, count.error
    publish_results(admin, campaign, count)
    published_at = time.perf_counter()
    with translation.override("ar"):
        url = reverse("budgets:results", kwargs={"slug": campaign.collectivity.slug, "pk": campaign.pk})
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    rendered_at = time.perf_counter()
    total = rendered_at - started
    cpu = time.process_time() - cpu_started

    loaded = steps.get(38, steps.get(min(steps), started)) if steps else started
    print(f"campaign: {args.type} ballots, rule {args.rule}, {PROJECTS} projects")
    choices = sum(row["votes"] for row in count.projects)
    print(f"ballots counted: {count.ballots:,} (+{count.excluded:,} excluded); choices: {choices:,}")
    print(f"selected: {len(count.selected)} projects, {count.total_cost:,} MAD of {count.budget:,}")
    for label, seconds in marks.items():
        print(f"  alone: {label:<34} {seconds:6.2f} s")
    print(f"  count: read and arrays             {loaded - started:6.2f} s")
    print(f"  count: rule, reasons, stored       {counted_at - loaded:6.2f} s")
    print(f"  publish                            {published_at - counted_at:6.2f} s")
    print(f"  first results page ({len(response.content) // 1024} KB)      {rendered_at - published_at:6.2f} s")
    print(f"total, database to published results page: {total:.2f} s (target < {TARGET_SECONDS:.0f} s)")
    print(f"CPU time of this process (without PostgreSQL's): {cpu:.2f} s; load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
