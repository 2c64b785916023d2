"""App nodes keep no state: two gunicorn nodes, one Celery worker and beat on one PostgreSQL and one Redis.

The journey alternates between the nodes over real HTTP, as a load balancer would: sign in on one and post on the
other (sessions in the database), upload on one and download from the other (shared MEDIA_ROOT), a programme PDF
rendered by the worker and fetched from either node (shared storage, Redis broker), failed logins counted across
nodes (limits in Redis). The processes run ``deploy/gunicorn.conf.py`` and the worker flags of the systemd unit.
"""

import io
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from PIL import Image

from remacto.cocreation.models import Idea, Phase, Programme

from .conftest import PASSWORD, make_user

PROJECT = Path(__file__).resolve().parents[1]


def _free_ports(count: int) -> tuple[int, ...]:
    """Ports nothing listens on now, chosen by the system (so parallel runs and other servers never collide)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return tuple(sock.getsockname()[1] for sock in sockets)
    finally:
        for sock in sockets:
            sock.close()


PORTS = _free_ports(2)
START_SECONDS = 60
PDF_SECONDS = 60

pytestmark = [
    pytest.mark.multinode,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql" or not settings.REDIS_URL.startswith("redis"),
        reason="needs PostgreSQL and Redis shared by the nodes: set DATABASE_URL=postgres://… and REDIS_URL=redis://…",
    ),
]


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


@dataclass
class Browser:
    """One person's browser. Cookies belong to the host name, so both nodes (127.0.0.1) see the same ones, as
    behind a load balancer; they are sent over plain HTTP here although the production settings mark them Secure."""

    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None) -> Response:
        conn = HTTPConnection("127.0.0.1", port, timeout=30)
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body or None, headers=sent)
            answer = conn.getresponse()
            content = answer.read()
        finally:
            conn.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, content)

    def get(self, port: int, path: str) -> Response:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, fields: dict, files: dict | None = None) -> Response:
        fields = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **fields}
        if not files:
            body = urlencode(fields).encode()
            return self.request(port, "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
            for k, v in fields.items()
        ]
        for name, (filename, content, kind) in files.items():
            head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            parts.append(f"{head}Content-Type: {kind}\r\n\r\n".encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(port, "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def _environment(tmp_path: Path) -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.multinode_settings",
        "PYTHONPATH": str(PROJECT),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),  # one key for the whole site: sessions signed on A are read on B
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # no TLS in the test; the proxy terminates it in production
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "SERVE_MEDIA": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        # The test's accounts were made with the tests' fast hasher; production hashes stay first.
        "PASSWORD_HASHERS": "django.contrib.auth.hashers.PBKDF2PasswordHasher," + ",".join(settings.PASSWORD_HASHERS),
        "GUNICORN_WORKERS": "2",
        "LOG_LEVEL": "INFO",
    }


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("wb")
    # A session of its own, so the process and its children (gunicorn and Celery workers) are stopped together.
    return subprocess.Popen(
        command, cwd=PROJECT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def _wait_until(check, seconds: float, what: str, processes: dict, logs: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        dead = [name for name, p in processes.items() if p.poll() is not None]
        assert not dead, f"{dead} stopped:\n" + "\n".join(_tail(logs / f"{name}.log") for name in dead)
        time.sleep(0.5)
    raise AssertionError(f"{what} not within {seconds} s:\n" + "\n".join(_tail(p) for p in logs.glob("*.log")))


def _tail(log: Path) -> str:
    return f"--- {log.name}\n" + log.read_text(errors="replace")[-3000:]


def _answers(port: int) -> bool:
    try:
        return Browser().get(port, "/healthz").status == 200
    except OSError:
        return False


@pytest.fixture
def cluster(transactional_db, reference, commune, tmp_path):
    """Node A and node B (gunicorn), a Celery worker and beat; always stopped, even when the test fails."""
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.IDEAS)
    citizen = make_user("citizen@example.ma", "مواطنة")
    env = _environment(tmp_path)
    logs = tmp_path / "logs"
    logs.mkdir()
    python = sys.executable
    commands = {
        **{
            f"node-{name}": [python, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "remacto.wsgi"] for name in "ab"
        },
        "worker": [
            *(python, "-m", "celery", "-A", "remacto", "worker", "--loglevel", "INFO", "--concurrency", "1"),
            *("--max-memory-per-child", "600000", "--max-tasks-per-child", "100", "--prefetch-multiplier", "1"),
        ],
        "beat": [
            *(python, "-m", "celery", "-A", "remacto", "beat", "--loglevel", "INFO"),
            *("--schedule", str(tmp_path / "celerybeat-schedule")),
        ],
    }
    processes: dict[str, subprocess.Popen] = {}
    started = time.monotonic()
    try:
        for (name, command), bind in zip(commands.items(), [*PORTS, None, None], strict=True):
            processes[name] = _start(command, {**env, "GUNICORN_BIND": f"127.0.0.1:{bind}"}, logs / f"{name}.log")
        _wait_until(lambda: all(_answers(port) for port in PORTS), START_SECONDS, "both nodes", processes, logs)
        _wait_until(
            lambda: "ready." in (logs / "worker.log").read_text(errors="replace"),
            START_SECONDS,
            "the worker",
            processes,
            logs,
        )
        print(json.dumps({"cluster_start_seconds": round(time.monotonic() - started, 1)}))
        yield {"programme": programme, "citizen": citizen, "processes": processes, "logs": logs}
    finally:
        for process in processes.values():
            _stop(process)


def _csrf(browser: Browser, port: int, path: str) -> None:
    assert browser.get(port, path).status == 200 and "csrftoken" in browser.cookies


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (6, 4), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_journey_alternating_between_two_nodes(cluster):
    a, b = PORTS
    programme, citizen = cluster["programme"], cluster["citizen"]
    kwargs = {"slug": programme.collectivity.slug, "cycle": programme.cycle}
    login = reverse("account_login")
    started = time.monotonic()

    # Signed in on A, recognised on B: the session lives in the shared database, signed with the shared key.
    browser = Browser()
    _csrf(browser, a, login)
    signed_in = browser.post(a, login, {"login": citizen.email, "password": PASSWORD})
    assert signed_in.status == 302, signed_in.text[:2000]
    profile = browser.get(b, reverse("accounts:profile"))
    assert profile.status == 200 and citizen.display_name in profile.text  # anonymous: 302 to the login page

    # Posted on B with a photo; the idea and its file are read back on A.
    _csrf(browser, b, reverse("cocreation:idea_submit", kwargs=kwargs))
    fields = {"title": "مكتبة الحي", "problem": "لا مكتبة قريبة.", "solution": "مكتبة في دار الشباب."}
    posted = browser.post(
        b, reverse("cocreation:idea_submit", kwargs=kwargs), fields, {"attachments": ("site.png", _png(), "image/png")}
    )
    assert posted.status == 302, posted.text[:3000]
    idea = Idea.objects.get(programme=programme)
    attachment = idea.attachments.get()
    assert browser.get(a, posted.headers["location"]).status == 200
    download = browser.get(
        a, reverse("cocreation:idea_attachment", kwargs={**kwargs, "pk": idea.pk, "attachment": attachment.pk})
    )
    assert download.status == 200 and download.body == Path(settings.MEDIA_ROOT, attachment.file.name).read_bytes()
    assert Image.open(io.BytesIO(download.body)).size == (6, 4)

    # The PDF is asked for on A, rendered by the worker, and served by B (and A) from the shared storage.
    pdf_path = reverse("cocreation:programme_pdf", kwargs={**kwargs, "lang": "ar"})
    reader = Browser()
    first = reader.get(a, pdf_path)
    assert first.status == 200 and first.headers["content-type"].startswith("text/html")
    deadline = time.monotonic() + PDF_SECONDS
    while (answer := reader.get(b, pdf_path)).headers["content-type"] != "application/pdf":
        assert time.monotonic() < deadline, "no PDF:\n" + _tail(cluster["logs"] / "worker.log")
        time.sleep(1)
    assert answer.body.startswith(b"%PDF-")
    assert reader.get(a, pdf_path).body == answer.body

    # Failed logins for one account are counted across the nodes: the sixth is refused on either of them.
    attacker = Browser()
    _csrf(attacker, a, "/en" + login[3:])
    for attempt in range(5):
        port = PORTS[attempt % 2]
        refused = attacker.post(port, "/en" + login[3:], {"login": citizen.email, "password": "wrong-password-1"})
        assert "Too many failed login attempts" not in refused.text
    for port in PORTS:
        refused = attacker.post(port, "/en" + login[3:], {"login": citizen.email, "password": "wrong-password-1"})
        assert "Too many failed login attempts" in refused.text

    # Beat runs beside them and knows the site's schedule.
    beat_log = (cluster["logs"] / "beat.log").read_text(errors="replace")
    assert cluster["processes"]["beat"].poll() is None and "beat: Starting" in beat_log
    print(json.dumps({"journey_seconds": round(time.monotonic() - started, 1)}))
