"""manage.py backup then restore into a new database and an empty media folder: every table's row count and the
media's checksum are identical; a database that already has tables is refused; no password is ever printed."""

import hashlib
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from remacto.cases.expected import add_expected
from remacto.cases.models import IslamicHoliday
from remacto.cocreation.models import Meeting, Phase, Programme
from remacto.cocreation.services import ideas, meetings
from remacto.core import backups
from tests.conftest import make_user

PROJECT = Path(__file__).resolve().parents[2]
IDEA = {
    "title": "مكتبة الحي",
    "problem": "لا مكتبة قريبة.",
    "solution": "فتح مكتبة في دار الشباب.",
    "expected_impact": "",
}


def _files_digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


@pytest.fixture
def content(transactional_db, reference, commune, focal_point, settings):
    """Rows in most tables and media files of three kinds (an idea's PDF, an idea's photo, a meeting photo)."""
    from tests.cocreation.conftest import png

    citizen = make_user("reader@example.ma")
    programme = Programme.objects.create(collectivity=commune, cycle="2026-2027", title="برنامج", phase=Phase.IDEAS)
    ideas.submit_idea(
        citizen,
        programme,
        IDEA,
        files=[SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan"), SimpleUploadedFile("site.png", png((8, 8)))],
    )
    meeting = Meeting.objects.create(programme=programme, kind=Meeting.Kind.COMMITTEE, title="اجتماع")
    meetings.add_photo(focal_point, meeting, SimpleUploadedFile("m.png", png((5, 3))), "اللجنة")
    return Path(settings.MEDIA_ROOT)


def _restore(archive: Path, database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _backup(tmp_path: Path, capsys) -> Path:
    call_command("backup", output_dir=str(tmp_path / "backups"))
    printed = capsys.readouterr().out
    (archive,) = (tmp_path / "backups").glob("remacto-backup-*.tar.gz")
    assert str(archive) in printed and "3 media files" in printed
    assert archive.stat().st_mode & 0o077 == 0  # personal data: the operator's account only
    with tarfile.open(archive) as tar:
        assert "manifest.json" in tar.getnames() and sum(n.startswith("media/") for n in tar.getnames()) == 3
    return archive


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup API is used on SQLite only")
def test_sqlite_backup_restores_identically(content, tmp_path, capsys):
    archive = _backup(tmp_path, capsys)
    expected = backups.row_counts()
    target = tmp_path / "restored.sqlite3"
    done = _restore(archive, f"sqlite:///{target}", tmp_path / "restored-media")
    assert done.returncode == 0, done.stderr
    import sqlite3

    with sqlite3.connect(target) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        restored = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
    assert {t: n for t, n in restored.items() if t in expected} == expected and expected["cocreation_idea"] == 1
    assert _files_digest(tmp_path / "restored-media") == _files_digest(content) != {}
    again = _restore(archive, f"sqlite:///{target}", tmp_path / "other-media")
    assert again.returncode != 0 and "already has tables" in again.stderr


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL to postgres://…")
def test_postgres_backup_restores_into_a_new_database_identically(content, tmp_path, capsys):
    archive = _backup(tmp_path, capsys)
    with tarfile.open(archive) as tar:
        assert "database.pgdump" in tar.getnames(), "pg_dump is installed wherever PostgreSQL is"
    expected = backups.row_counts()
    source = connection.settings_dict
    name = source["NAME"].removeprefix("test_") + "_restore"
    server = {"host": source["HOST"] or None, "port": source["PORT"] or None, "user": source["USER"] or None}
    server["password"] = source["PASSWORD"] or None
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        secret = "not-a-real-s3cret"
        url = f"postgres://{source['USER']}:{secret}@{source['HOST']}:{source['PORT'] or 5432}/{name}"
        done = _restore(archive, url, tmp_path / "restored-media")
        assert done.returncode == 0, done.stderr
        assert secret not in done.stdout + done.stderr and "all identical" in done.stdout
        with psycopg.connect(dbname=name, **server) as db:
            tables = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            restored = {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608
        assert restored == expected and expected["cocreation_ideaattachment"] == 2
        assert _files_digest(tmp_path / "restored-media") == _files_digest(content) != {}
        again = _restore(archive, url, tmp_path / "other-media")
        assert again.returncode != 0 and "already has tables" in again.stderr and secret not in again.stderr
    finally:
        connection.close()
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (SQLite always uses its backup API)")
def test_postgres_dumpdata_method_restores_identically(content, tmp_path, capsys):
    """Without pg_dump (or on request) the portable dump of every model, restored here into a new SQLite file.
    Rows that a data migration made and staff then removed stay removed (migrate makes them again first)."""
    add_expected(IslamicHoliday)
    IslamicHoliday.objects.order_by("pk").first().delete()
    call_command("backup", output_dir=str(tmp_path / "backups"), method="dumpdata")
    assert ": dumpdata," in capsys.readouterr().out
    (archive,) = (tmp_path / "backups").glob("*.tar.gz")
    done = _restore(archive, f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored-media")
    assert done.returncode == 0, done.stderr
    assert "all identical" in done.stdout and backups.row_counts()["cocreation_idea"] == 1
    assert _files_digest(tmp_path / "restored-media") == _files_digest(content) != {}
