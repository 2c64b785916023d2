"""Importing a city-wide participatory budget: ``manage.py import_pabulib`` on Łódź 2022 (90,494 voters, 160
projects, 325,964 choices), reading, writing every ballot, counting and publishing, on PostgreSQL.

Usage (PostgreSQL running locally; the script creates its own database ``remacto_bench_import`` unless
``DATABASE_URL`` names another, migrates it and loads the reference data)::

    .venv/bin/python benchmarks/import_pabulib.py [FILE] [--collectivity SLUG] [--runs 1] [--keep]

Each run is the whole command in a new process (Python start-up, Django set-up, reading the file, the bulk
writes, the count and the publication), timed from outside; the script prints the seconds of each run and the
best. Target: under 60 s. The imported campaigns are deleted afterwards unless ``--keep``.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/remacto_bench_import")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "remacto.settings")

LODZ = ROOT / "tests" / "data" / "pabulib" / "Poland_Lodz_2022.pb.gz"
TARGET = 60.0


def prepare() -> None:
    """The database, migrated, with the reference data (collectivities)."""
    from seeding import ensure_database

    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command

    from remacto.territories.models import Region
    from remacto.territories.reference import load_reference

    call_command("migrate", verbosity=0)
    if not Region.objects.exists():
        load_reference()


def run_once(path: Path, collectivity: str) -> tuple[float, int]:
    """Seconds of one import in a new process, and the campaign it created."""
    command = [sys.executable, str(ROOT / "manage.py"), "import_pabulib", str(path), "--collectivity", collectivity]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"import failed ({result.returncode}): {result.stderr.strip()}")
    return seconds, int(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=LODZ)
    parser.add_argument("--collectivity", default="ben-guerir")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the imported campaigns")
    args = parser.parse_args()
    prepare()
    from remacto.budgets.models import Campaign

    times, created = [], []
    for number in range(1, args.runs + 1):
        seconds, campaign_id = run_once(args.file, args.collectivity)
        times.append(seconds)
        created.append(campaign_id)
        campaign = Campaign.objects.get(pk=campaign_id)
        count = campaign.counts.get()
        print(
            f"run {number}: {seconds:.1f} s ({count.ballots} ballots, {len(count.selected)} projects selected, "
            f"results published: {campaign.results_published_at is not None})"
        )
    best = min(times)
    verdict = "ok" if best < TARGET else "SLOW"
    print(f"{args.file.name}: best of {len(times)}: {best:.1f} s (target {TARGET:.0f} s) {verdict}")
    if not args.keep:
        for campaign in Campaign.objects.filter(pk__in=created):
            campaign.ballots.all().delete()
            campaign.delete()


if __name__ == "__main__":
    main()
