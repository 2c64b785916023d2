"""The documented deployment holds together: ``check --deploy`` passes with the environment template's production
values, the template names every variable the code reads, nginx serves exactly the public media, media go to
S3-compatible storage when configured, and beat's session clean-up works."""

import datetime
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from remacto.cocreation.services.ideas import MAX_ATTACHMENTS
from remacto.cocreation.uploads import MAX_UPLOAD_BYTES
from remacto.core import media
from remacto.core.tasks import clear_expired_sessions

PROJECT = Path(__file__).resolve().parents[1]
DEPLOY = PROJECT / "deploy"
NGINX = (DEPLOY / "nginx" / "remacto.conf").read_text()


def template() -> dict[str, str]:
    """The environment template's variables with their values; commented-out ones included."""
    lines = (DEPLOY / "env.example").read_text().splitlines()
    return dict(m.groups() for line in lines if (m := re.match(r"#?([A-Z][A-Z0-9_]*)=(.*)$", line)))


def production_environment(**changes: str) -> dict[str, str]:
    """The template's active (uncommented) values, with a real secret key, over a clean environment."""
    lines = (DEPLOY / "env.example").read_text().splitlines()
    values = dict(line.split("=", 1) for line in lines if re.match(r"[A-Z][A-Z0-9_]*=", line))
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    return {**base, **values, "SECRET_KEY": secrets.token_urlsafe(50), **changes}


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


def python(env: dict, code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT,
        env={**env, "DJANGO_SETTINGS_MODULE": "remacto.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_check_deploy_passes_with_the_template_values():
    done = manage(production_environment(), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_template_leaves_the_secret_key_to_the_operator():
    assert template()["SECRET_KEY"] == ""
    done = manage(production_environment(SECRET_KEY=""), "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0 and "security.W009" in done.stderr


def test_template_names_every_variable_the_code_reads():
    code = (PROJECT / "src/remacto/settings.py").read_text() + (DEPLOY / "gunicorn.conf.py").read_text()
    read = set(re.findall(r"""env(?:\.\w+)?\(\s*["']([A-Z][A-Z0-9_]*)["']""", code))
    read |= set(re.findall(r"""os\.environ\.get\(\s*["']([A-Z][A-Z0-9_]*)["']""", code))
    units = "".join(p.read_text() for p in (DEPLOY / "systemd").glob("*.service"))
    read |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)\}", units))
    assert {"SECRET_KEY", "DATABASE_URL", "MEDIA_S3_BUCKET", "GUNICORN_BIND", "CELERY_CONCURRENCY"} <= read
    missing = sorted(read - template().keys())
    assert not missing, f"document these variables in deploy/env.example and README.md: {missing}"


def test_nginx_serves_exactly_the_public_media_and_hands_over_the_rest():
    served = set(re.findall(r"location /media/([a-z]+/) \{", NGINX))
    assert served == set(media.PUBLIC_PREFIXES)
    assert re.search(r"location /media/ \{\s*return 404;", NGINX)
    accel = template()["MEDIA_ACCEL_REDIRECT"]
    assert re.search(rf"location {re.escape(accel)} \{{\s*internal;\s*alias {template()['MEDIA_ROOT']}/;", NGINX)
    for prefix in media.PUBLIC_PREFIXES:
        assert f"alias {template()['MEDIA_ROOT']}/{prefix};" in NGINX
    assert f"alias {template()['STATIC_ROOT']}/;" in NGINX
    body = int(re.search(r"client_max_body_size (\d+)m;", NGINX).group(1)) * 1024 * 1024
    assert body >= MAX_ATTACHMENTS * MAX_UPLOAD_BYTES
    assert "X-Forwarded-For" in NGINX and "proxy_set_header X-Forwarded-Proto $scheme;" in NGINX


def test_media_go_to_object_storage_when_a_bucket_is_configured():
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MEDIA_", "AWS_"))}
    assert python(
        env, "from django.core.files.storage import storages; s = storages['default']; print(type(s).__name__)"
    ) == ("FileSystemStorage")
    s3 = {**env, "MEDIA_S3_BUCKET": "remacto-media", "MEDIA_S3_ENDPOINT_URL": "https://s3.example.ma"}
    s3 |= {"MEDIA_ACCEL_REDIRECT": "/protected-media/"}
    printed = python(
        s3,
        "from django.conf import settings; from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__name__, s.bucket_name, s.endpoint_url, s.location, repr(settings.MEDIA_ACCEL_REDIRECT))",
    )
    assert printed == "S3Storage remacto-media https://s3.example.ma media ''"


@pytest.mark.django_db
def test_beat_task_clears_only_expired_sessions():
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - datetime.timedelta(minutes=1))
    Session.objects.create(session_key="live", session_data="", expire_date=now + datetime.timedelta(days=1))
    assert clear_expired_sessions() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live"]
