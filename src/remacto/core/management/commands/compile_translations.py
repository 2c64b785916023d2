"""``manage.py compile_translations``: compile the project's .po catalogues to .mo in pure Python.

Django's own ``compilemessages`` needs GNU gettext, which a fresh machine may not have; polib does the same
job. Only catalogues whose .mo is missing or older than the .po are rewritten.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the .po translation catalogues to .mo files (no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="rewrite every .mo file")

    def handle(self, *args, force=False, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if force or not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
                    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                    compiled += 1
        self.stdout.write(f"{compiled} catalogue(s) compiled")
