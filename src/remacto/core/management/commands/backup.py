"""``manage.py backup``: the database and the media in one timestamped archive (see ``remacto.core.backups``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from remacto.core import backups


class Command(BaseCommand):
    help = "Write the database and the media into one timestamped archive (remacto-backup-YYYYMMDD-HHMMSS.tar.gz)."

    def add_arguments(self, parser):
        parser.add_argument("--output-dir", default="var/backups", help="folder of the archives (default var/backups)")
        parser.add_argument(
            "--method",
            choices=["auto", "pg_dump", "dumpdata"],
            default="auto",
            help="PostgreSQL: pg_dump when installed (auto), or Django's dumpdata; SQLite always uses its backup API",
        )

    def handle(self, *args, output_dir: str, method: str, **options):
        try:
            path, manifest = backups.backup(Path(output_dir), method)
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{path}: {manifest['method']}, {len(manifest['tables'])} tables, {rows} rows, "
            f"{manifest['media']['files']} media files"
        )
