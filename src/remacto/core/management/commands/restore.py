"""``manage.py restore ARCHIVE``: an archive of ``manage.py backup`` into a new database and an empty media storage."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from remacto.core import backups


class Command(BaseCommand):
    help = (
        "Restore a backup archive into the configured database (which must have no tables) and media storage "
        "(which must be empty), then check every table's row count and the media checksum against the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a remacto-backup-….tar.gz written by manage.py backup")

    def handle(self, *args, archive: str, **options):
        try:
            manifest = backups.restore(Path(archive))
        except backups.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Restored {archive} ({manifest['created']}): {len(manifest['tables'])} tables, {rows} rows and "
            f"{manifest['media']['files']} media files, all identical to the backup."
        )
