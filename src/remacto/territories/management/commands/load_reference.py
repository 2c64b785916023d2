"""``manage.py load_reference``: load or refresh regions, provinces, members and the charter."""

from django.core.management.base import BaseCommand

from remacto.territories.reference import load_reference


class Command(BaseCommand):
    help = "Load the territorial division, the network's members and the charter (idempotent)."

    def handle(self, *args, **options):
        counts = load_reference()
        self.stdout.write(", ".join(f"{n} {name}" for name, n in counts.items()))
