"""Online voting under load: signed-in, verified voters post knapsack ballots to gunicorn (two workers) on
PostgreSQL and Redis, driven by locust (``pip install -e '.[bench]'``).

Usage (PostgreSQL and Redis running locally)::

    .venv/bin/python benchmarks/vote_load.py [--seconds 120] [--clients 8] [--port 8150]

``DATABASE_URL`` (default: the ``remacto_vote_bench`` database, created when missing) and ``REDIS_URL`` (default
``redis://127.0.0.1:6379/0``) choose the services. The script:

1. seeds a campaign open for voting with eight projects on a knapsack ballot, and enough voters for the run
   (about 300 a second), each with an account, a complete eligibility check (as if verified) and a session
   (the cheap sign-in path: no password hashing, no verification steps);
2. runs gunicorn in production settings (``DEBUG=0``) on the loopback, then locust headless for ``--seconds``:
   every request is one voter's ballot, posted once, without JavaScript, as the plain form does;
3. prints ballots per second, p50/p95 and failures, and checks that the database holds exactly one ballot per
   accepted answer (no new ballot is sent after ``--seconds``; locust waits for the answers in flight), that
   every ballot has its choices and that no voter has two.

Target: at least 200 ballots per second with p95 under 500 ms. Never part of ``make test``.
"""

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from loadrun import ROOT, run_locust, start_server

sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remacto_vote_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remacto.settings")
# The server and this script sign the sessions made here with the same key.
os.environ.setdefault("SECRET_KEY", "vote-load-benchmark-" + "k" * 40)

TARGET_RATE, TARGET_P95_MS = 200, 500
GRACE = 10
VOTERS_PER_SECOND = 300
PROJECTS = [(f"B{n}", cost) for n, cost in enumerate((90, 60, 150, 40, 120, 75, 30, 200), start=1)]
"""Eight projects (costs in thousands of MAD) on a ballot of 400,000 MAD."""


def prepare(voters: int) -> dict:
    """A fresh campaign open for voting and ``voters`` verified voters with a session each."""
    import django
    from seeding import ensure_database

    ensure_database()
    django.setup()
    import datetime
    import random
    from decimal import Decimal

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone, translation

    from remacto.accounts.models import User
    from remacto.budgets import identity
    from remacto.budgets.models import Campaign, Proposal, VoterCheck
    from remacto.territories.models import Collectivity
    from remacto.territories.reference import load_reference

    call_command("migrate", verbosity=0)
    if not Collectivity.objects.filter(slug="ben-guerir").exists():
        load_reference()
    collectivity = Collectivity.objects.get(slug="ben-guerir")
    now = timezone.now()
    t0 = time.perf_counter()
    campaign = Campaign.objects.create(
        collectivity=collectivity,
        title=f"vote load {now:%Y-%m-%d %H:%M:%S}",
        budget=Decimal(400_000),
        voting_start=now - datetime.timedelta(days=1),
        voting_end=now + datetime.timedelta(days=1),
        ballot_type="knapsack",
        rule="greedy",
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(
            campaign=campaign,
            code=code,
            title=f"مشروع {code}",
            description="وصف",
            estimated_cost=Decimal(cost * 1000),
            cost=Decimal(cost * 1000),
            status=Proposal.Status.ACCEPTED,
            position=n,
        )
        for n, (code, cost) in enumerate(PROJECTS)
    )
    run = secrets.token_hex(4)
    unusable = make_password(None)  # no password: the voters' sessions are made here
    users = User.objects.bulk_create(
        User(email=f"vote-{run}-{n}@example.ma", display_name=f"v{n}", password=unusable) for n in range(voters)
    )
    VoterCheck.objects.bulk_create(
        VoterCheck(
            campaign=campaign,
            user=user,
            voter_key=identity.voter_key(campaign.pk, "email", user.email),
            residence_declared_at=now,
            verified_at=now,
        )
        for user in users
    )
    store = SessionStore()
    expiry = now + datetime.timedelta(days=1)
    sessions = []
    for user in users:
        data = {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
        sessions.append(Session(session_key=secrets.token_hex(16), session_data=store.encode(data), expire_date=expiry))
    Session.objects.bulk_create(sessions, batch_size=2000)
    if settings.SESSION_ENGINE.endswith("cached_db"):  # as a voter who signed in and opened the ballot has it
        from django.contrib.sessions.backends.cached_db import KEY_PREFIX

        decoded = {KEY_PREFIX + s.session_key: store.decode(s.session_data) for s in sessions}
        keys = list(decoded)
        for start in range(0, len(keys), 2000):
            cache.set_many({key: decoded[key] for key in keys[start : start + 2000]}, timeout=86400)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rng = random.Random(11)
    ballots = []
    for session in sessions:  # a random set of projects within the budget, in ballot order
        chosen, spent = [], 0
        for proposal in rng.sample(proposals, k=len(proposals)):
            if spent + int(proposal.cost) <= 400_000 and rng.random() < 0.6:
                chosen.append(proposal.pk)
                spent += int(proposal.cost)
        ballots.append({"session": session.session_key, "choices": chosen or [proposals[0].pk]})
    with translation.override("ar"):
        url = reverse("budgets:vote", kwargs={"slug": collectivity.slug, "pk": campaign.pk})
    print(f"seeded a campaign and {voters} verified voters with sessions in {time.perf_counter() - t0:.1f} s")
    return {"campaign": campaign.pk, "url": url, "ballots": ballots, "csrf": secrets.token_hex(16)}


def stored(campaign_id: int) -> tuple[int, int, int]:
    """Ballots of the campaign, ballots without a choice, and voters with more than one ballot."""
    from django.db.models import Count

    from remacto.budgets.models import Ballot

    ballots = Ballot.objects.filter(campaign_id=campaign_id)
    empty = ballots.annotate(n=Count("choices")).filter(n=0).count()
    doubles = ballots.values("voter_key").annotate(n=Count("id")).filter(n__gt=1).count()
    return ballots.count(), empty, doubles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=120, help="length of the locust run")
    parser.add_argument("--clients", type=int, default=8, help="locust users posting ballots at once")
    parser.add_argument("--port", type=int, default=8150)
    args = parser.parse_args()
    plan = prepare(VOTERS_PER_SECOND * args.seconds)
    tally = Path(tempfile.mkdtemp()) / "sent.json"
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as handle:
        json.dump({**plan, "tally": str(tally)}, handle)
    host = f"http://127.0.0.1:{args.port}"
    server = start_server(args.port, {"LOG_LEVEL": "ERROR"})
    try:
        print(f"gunicorn, 2 workers, PostgreSQL + Redis; {args.clients} locust clients for {args.seconds} s")
        # The users stop sending at ``seconds``; the answers in flight still count.
        env = {"VOTE_LOAD_PLAN": handle.name, "VOTE_LOAD_SECONDS": str(args.seconds)}
        run = run_locust("vote_load_users.py", host, args.clients, f"{args.seconds + GRACE}s", env)
        rows = {row["Name"]: row for row in run}
    finally:
        server.terminate()
        server.wait()
        os.unlink(handle.name)
    sent = json.loads(tally.read_text(encoding="utf-8"))
    nothing = {"Request Count": "0", "Failure Count": "0", "Requests/s": "0", "50%": "0", "95%": "0"}
    ballot = rows.get("ballot") or nothing
    total, failures = int(ballot["Request Count"]), int(ballot["Failure Count"])
    accepted = total - failures
    rate, p50, p95 = float(ballot["Requests/s"]), float(ballot["50%"]), float(ballot["95%"])
    in_db, empty, doubles = stored(plan["campaign"])
    print("\nballots")
    print(f"  {'sent':>8} {'accepted':>9} {'failures':>9} {'ballots/s':>10} {'p50 ms':>7} {'p95 ms':>7}")
    print(f"  {sent['sent']:>8} {accepted:>9} {failures:>9} {rate:>10.1f} {p50:>7.0f} {p95:>7.0f}")
    print("\nchecks")
    print(f"  ballots in the database: {in_db}; accepted answers: {accepted}; requests sent: {sent['sent']}")
    print(f"  ballots without choices: {empty}; voters with two ballots: {doubles}")
    consistent = in_db == accepted and total == sent["sent"] and not empty and not doubles
    print(f"  database {'holds exactly the accepted ballots' if consistent else 'DIFFERS FROM the answers'}")
    verdict = "ok" if rate >= TARGET_RATE and p95 < TARGET_P95_MS and not failures else "UNDER TARGET"
    print(f"\ntarget: >= {TARGET_RATE} ballots/s and p95 < {TARGET_P95_MS} ms: {rate:.0f} ballots/s, p95 {p95:.0f} ms")
    print(f"  {verdict}")


if __name__ == "__main__":
    main()
