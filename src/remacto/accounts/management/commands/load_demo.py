"""``manage.py load_demo``: demo accounts (one per role), programmes (one being implemented) and participatory
budgets; prints the accounts."""

from django.core.management.base import BaseCommand
from django.utils import translation

from remacto.accounts.demo import DEMO_PASSWORD, load_demo
from remacto.budgets.demo import load_demo as load_budgets_demo
from remacto.cocreation.demo import load_demo as load_cocreation_demo
from remacto.events.demo import load_demo as load_events_demo
from remacto.monitoring.demo import dashboard_path
from remacto.monitoring.demo import load_demo as load_monitoring_demo
from remacto.practices.demo import load_demo as load_practices_demo
from remacto.support.demo import load_demo as load_support_demo


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and programmes, and print the accounts (idempotent)."

    def handle(self, *args, **options):
        with translation.override("en"):
            accounts = load_demo()
            programmes = load_cocreation_demo()
            monitored = load_monitoring_demo()
            campaigns = load_budgets_demo()
            faq = load_support_demo()
            practices = load_practices_demo()
            events = load_events_demo()
        for programme in programmes:
            self.stdout.write(f"Demo programme: {programme.get_absolute_url()}")
        self.stdout.write(f"Demo programme being implemented (monitoring): {dashboard_path(monitored)}")
        for campaign in campaigns:
            self.stdout.write(f"Demo participatory budget: {campaign.get_absolute_url()}")
        self.stdout.write(f"Demo FAQ entries: {len(faq)}")
        for practice in practices:
            self.stdout.write(f"Demo good practice: {practice.get_absolute_url()}")
        self.stdout.write(f"Demo events and trainings: {len(events)} (/events/)")
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD})")
        for email, label in accounts:
            self.stdout.write(f"  {email:32} {label}")
