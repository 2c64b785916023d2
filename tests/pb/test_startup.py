"""The engine starts without the web platform: importing its command loads neither Django nor Celery."""

from __future__ import annotations

import os
import subprocess
import sys

from celery.app.utils import find_app
from django.conf import settings

from remacto.core.tasks import send_email


def test_importing_the_command_loads_neither_celery_nor_django():
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import remacto.pb.cli"],
        capture_output=True,
        text=True,
        check=True,
    )
    modules = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if "|" in line]
    assert "remacto.pb.cli" in modules
    assert not [m for m in modules if m.split(".")[0] in ("celery", "django", "kombu")]


def test_celery_still_finds_the_app_and_tasks_bind_to_it():
    # What ``celery -A remacto worker`` does; the app reads Django's CELERY_* settings, and the
    # platform's shared tasks belong to it (Django loads it when the core app is ready).
    app = find_app("remacto")
    assert app.main == "remacto"
    assert app.conf.task_always_eager == settings.CELERY_TASK_ALWAYS_EAGER
    assert send_email._get_current_object().app is app


def test_django_alone_binds_the_shared_tasks_to_the_app():
    # A web process never names remacto.celery: the core app's ready() must load it.
    # (The process's own settings decide eagerness: with REDIS_URL set tasks go to the broker.)
    code = (
        "import django; django.setup(); from django.conf import settings; from remacto.core.tasks import send_email; "
        "print(send_email.app.main, send_email.app.conf.task_always_eager == settings.CELERY_TASK_ALWAYS_EAGER)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "remacto.settings"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.split() == ["remacto", "True"]
