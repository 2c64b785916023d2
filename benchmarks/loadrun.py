"""What the load benchmarks share: gunicorn (two workers, production settings) on the loopback, and a headless
locust run whose per-request statistics come back as rows of its CSV summary. Not a benchmark by itself."""

import csv
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER_ENV = {
    "DEBUG": "0",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "CELERY_TASK_ALWAYS_EAGER": "0",
}


def start_server(port: int, env: dict[str, str] | None = None) -> subprocess.Popen:
    """gunicorn with two workers on ``127.0.0.1:port`` (static files collected first), once it answers."""
    env = {
        **os.environ,
        **SERVER_ENV,
        **(env or {}),
        "PYTHONPATH": str(ROOT / "src"),
        "STATIC_ROOT": str(ROOT / "var/bench-static"),
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v0"], env=env, check=True, cwd=ROOT
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "remacto.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def run_locust(locustfile: str, host: str, clients: int, run_time: str, env: dict[str, str], *extra: str) -> list[dict]:
    """Run ``benchmarks/<locustfile>`` headless with ``clients`` users for ``run_time`` (``"60s"``); the rows of its
    statistics summary (one per request name, and the aggregate)."""
    with tempfile.TemporaryDirectory() as tmp:
        prefix = str(Path(tmp) / "run")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "benchmarks" / locustfile),
                "--headless",
                "--only-summary",
                "--users",
                str(clients),
                "--spawn-rate",
                str(clients),
                "--run-time",
                run_time,
                "--host",
                host,
                "--csv",
                prefix,
                "--loglevel",
                "ERROR",
                *extra,
            ],
            env={**os.environ, **env},
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
            return list(csv.DictReader(handle))
