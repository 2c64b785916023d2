"""``manage.py load_demo``: demo accounts (one per role) and print them with the shared password."""

from django.core.management.base import BaseCommand
from django.utils import translation

from remacto.accounts.demo import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and print them (idempotent)."

    def handle(self, *args, **options):
        with translation.override("en"):
            accounts = load_demo()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD})")
        for email, label in accounts:
            self.stdout.write(f"  {email:32} {label}")
