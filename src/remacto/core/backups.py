"""Backups: the database and the media in one timestamped archive, and their restoration into a new database.

An archive (``remacto-backup-YYYYMMDD-HHMMSS.tar.gz``) holds ``manifest.json`` (how the database was dumped, every
table's row count, the media's file count and checksum), the database dump and ``media/`` with every stored file.

How the database is dumped:

- PostgreSQL: ``pg_dump --format=custom`` when the client is installed. It is an exact copy (sequences, constraints,
  indexes, any table Django does not model), streams without loading rows into Python, and ``pg_restore`` reads it
  back. Without ``pg_dump`` (or with ``--method dumpdata``): Django's ``dumpdata`` (JSON of every model, restored by
  ``migrate`` then ``loaddata``), slower and held in memory, but needing nothing outside Python.
- SQLite: the SQLite online backup API (a consistent copy while the site keeps writing).

Restoring refuses a database that already has tables, then checks the restored row counts and media checksum
against the manifest. Connection passwords go to ``pg_dump``/``pg_restore`` through the environment, never on a
command line or in a message.
"""

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core import management
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import connection, transaction

FORMAT = 1
DUMPS = {"pg_dump": "database.pgdump", "dumpdata": "database.json", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is safe to print (no secrets)."""


# Reading what there is -------------------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    """Every table of the default database with its number of rows."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (names from introspection)
            counts[table] = cursor.fetchone()[0]
    return counts


def stored_names(storage: Storage = default_storage, folder: str = "") -> Iterator[str]:
    """Every file name in ``storage``, folders walked recursively, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for sub in sorted(folders):
        yield from stored_names(storage, f"{folder}{sub}/")


class MediaDigest:
    """A checksum over files' names and contents, fed in the order of ``stored_names``."""

    def __init__(self) -> None:
        self.total, self.files = hashlib.sha256(), 0

    def add(self, name: str, content: bytes) -> None:
        self.total.update(f"{name}\0{hashlib.sha256(content).hexdigest()}\n".encode())
        self.files += 1

    def summary(self) -> dict:
        return {"files": self.files, "sha256": self.total.hexdigest()}


def media_checksum(storage: Storage = default_storage) -> dict:
    """``files`` (how many) and ``sha256`` over every stored file's name and content."""
    digest = MediaDigest()
    for name in stored_names(storage):
        with storage.open(name, "rb") as handle:
            digest.add(name, handle.read())
    return digest.summary()


def _postgres_environment() -> dict[str, str]:
    """libpq variables for the default database: the password never appears on a command line."""
    db = settings.DATABASES["default"]
    values = {"PGDATABASE": db["NAME"], "PGHOST": db.get("HOST"), "PGPORT": db.get("PORT"), "PGUSER": db.get("USER")}
    values["PGPASSWORD"] = db.get("PASSWORD")
    return {**os.environ, **{key: str(value) for key, value in values.items() if value}}


def _run(command: list[str]) -> None:
    """Run a PostgreSQL client; on failure report its own message (libpq never prints the password)."""
    done = subprocess.run(command, env=_postgres_environment(), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


# Backup ----------------------------------------------------------------------------------------------------------


def choose_method(requested: str = "auto") -> str:
    """``sqlite``, ``pg_dump`` or ``dumpdata`` for the default database."""
    if connection.vendor == "sqlite":
        return "sqlite"
    if requested == "auto":
        return "pg_dump" if connection.vendor == "postgresql" and shutil.which("pg_dump") else "dumpdata"
    if requested == "pg_dump" and connection.vendor != "postgresql":
        raise BackupError("pg_dump needs a PostgreSQL database.")
    return requested


def _snapshot() -> str | None:
    """On PostgreSQL, make this transaction one snapshot and export it, so ``pg_dump`` reads the same rows."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        cursor.execute("SELECT pg_export_snapshot()")
        return cursor.fetchone()[0]


def _sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as db:
        names = db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        tables = sorted(name for (name,) in names)
        counts = {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}  # noqa: S608
    db.close()
    return counts


def _dump_database(method: str, target: Path, snapshot: str | None) -> None:
    if method == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
    elif method == "pg_dump":
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target)]
        _run([*command, f"--snapshot={snapshot}"] if snapshot else command)
    else:
        with open(target, "w", encoding="utf-8") as out:
            management.call_command("dumpdata", all=True, indent=None, stdout=out, verbosity=0)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def backup(output_dir: Path, method: str = "auto") -> tuple[Path, dict]:
    """Write the archive into ``output_dir``; return its path and its manifest."""
    method = choose_method(method)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
    output_dir.mkdir(parents=True, exist_ok=True)
    path = output_dir / f"remacto-backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMPS[method]
        if method == "sqlite":  # the backup API copies one consistent state; count in the copy
            _dump_database(method, dump, None)
            counts = _sqlite_counts(dump)
        else:
            with transaction.atomic():  # one snapshot for the counts and the dump
                snapshot = _snapshot()
                counts = row_counts()
                _dump_database(method, dump, snapshot)
        partial = path.with_suffix(".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(dump, arcname=dump.name)
            media = MediaDigest()
            for name in stored_names():
                with default_storage.open(name, "rb") as handle:
                    content = handle.read()
                media.add(name, content)
                _add_bytes(archive, f"media/{name}", content)
            manifest = {
                "format": FORMAT,
                "created": stamp,
                "vendor": connection.vendor,
                "method": method,
                "tables": counts,
                "media": media.summary(),
            }
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())  # last: it counts the rest
        partial.rename(path)
    path.chmod(0o600)  # personal data: readable by the operator's account only
    return path, manifest


# Restore ---------------------------------------------------------------------------------------------------------


def _require_empty_database() -> None:
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            raise BackupError("The database already has tables: restore into a new, empty database.")


def _require_empty_media() -> None:
    if next(stored_names(), None) is not None:
        raise BackupError("The media storage already holds files: restore into an empty one.")


def _restore_database(method: str, dump: Path) -> None:
    if method == "sqlite":
        if connection.vendor != "sqlite":
            raise BackupError("This archive holds a SQLite database; set DATABASE_URL to a new SQLite file.")
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
        source.close()
    elif method == "pg_dump":
        if connection.vendor != "postgresql":
            raise BackupError("This archive holds a PostgreSQL dump; set DATABASE_URL to a new PostgreSQL database.")
        connection.close()
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname", _dbname(), str(dump)])
    else:
        management.call_command("migrate", verbosity=0, interactive=False)
        with transaction.atomic():
            # Empty what migrate wrote (content types, permissions, rows of data migrations such as the expected
            # holidays or the petition thresholds): the dump holds the originals, edited or removed, with their ids.
            management.call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
            management.call_command("loaddata", str(dump), verbosity=0)


def _dbname() -> str:
    return str(settings.DATABASES["default"]["NAME"])


def restore(archive_path: Path) -> dict:
    """Restore the archive into the (empty) default database and media storage; return its manifest."""
    _require_empty_database()
    _require_empty_media()
    with tarfile.open(archive_path, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError("This archive was written by another version of the backup format.")
        with tempfile.TemporaryDirectory() as work:
            method = manifest["method"]
            archive.extract(DUMPS[method], work, filter="data")
            _restore_database(method, Path(work) / DUMPS[method])
        for member in archive:
            if member.isfile() and member.name.startswith("media/"):
                name = member.name.removeprefix("media/")
                saved = default_storage.save(name, ContentFile(archive.extractfile(member).read()))
                if saved != name:
                    raise BackupError(f"Media file {name} could not be stored under its own name.")
    problems = _differences(manifest)
    if problems:
        raise BackupError("The restored copy differs from the backup: " + "; ".join(problems))
    return manifest


def _differences(manifest: dict) -> list[str]:
    counts = row_counts()
    problems = [
        f"{table}: {counts.get(table)} rows instead of {expected}"
        for table, expected in manifest["tables"].items()
        if counts.get(table) != expected
    ]
    if media_checksum() != manifest["media"]:
        problems.append("media checksum")
    return problems
