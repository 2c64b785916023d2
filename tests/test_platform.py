"""Platform wiring: production settings pass Django's deploy check, Celery tasks run, Redis cache when set."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from remacto.core.tasks import send_email


def test_check_deploy_passes_with_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "SECRET_KEY": "a-long-random-production-key-" + "q7Z!x" * 10,
        "ALLOWED_HOSTS": "remacto.example.ma",
        "SQLITE_PATH": str(tmp_path / "db.sqlite3"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | {"DEBUG": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_email_task_runs_through_celery():
    result = send_email.delay("Subject", "Body", ["someone@example.ma"], "<p>Body</p>")
    assert result.get() == 1
    assert mail.outbox[0].to == ["someone@example.ma"]
    assert mail.outbox[0].alternatives[0][1] == "text/html"


def test_cache_backend_matches_the_environment():
    expected = "RedisCache" if os.environ.get("REDIS_URL") else "LocMemCache"
    assert settings.CACHES["default"]["BACKEND"].endswith(expected)
    cache.set("remacto-test-key", {"n": 1}, 30)
    assert cache.get("remacto-test-key") == {"n": 1}


@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="PostgreSQL only: DATABASE_URL is not set")
@pytest.mark.django_db
def test_running_on_postgresql():
    from django.db import connection

    assert connection.vendor == "postgresql"
