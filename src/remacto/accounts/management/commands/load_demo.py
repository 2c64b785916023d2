"""``manage.py load_demo``: demo accounts (one per role), programmes (one being implemented), participatory
budgets, and the sample content of every module; prints the accounts and where to look."""

from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import translation

from remacto.accounts.demo import DEMO_PASSWORD, load_demo
from remacto.advisory.demo import load_demo as load_advisory_demo
from remacto.budgets.demo import load_demo as load_budgets_demo
from remacto.cocreation.demo import load_demo as load_cocreation_demo
from remacto.events.demo import load_demo as load_events_demo
from remacto.information.demo import load_demo as load_information_demo
from remacto.monitoring.demo import dashboard_path
from remacto.monitoring.demo import load_demo as load_monitoring_demo
from remacto.network.demo import load_application
from remacto.network.demo import load_demo as load_network_demo
from remacto.notifications.services import emails_held
from remacto.petitions.demo import load_demo as load_petitions_demo
from remacto.practices.demo import load_demo as load_practices_demo
from remacto.support.demo import load_demo as load_support_demo
from remacto.support.demo import load_tickets as load_support_tickets


class Command(BaseCommand):
    help = "Create or refresh the demo accounts and programmes, and print the accounts (idempotent)."

    def handle(self, *args, **options):
        with translation.override("en"), emails_held():
            accounts = load_demo()
            programmes = load_cocreation_demo()
            monitored = load_monitoring_demo()
            campaigns = load_budgets_demo()
            faq = load_support_demo()
            tickets = load_support_tickets()
            practices = load_practices_demo()
            events = load_events_demo()
            requests = load_information_demo()
            petitions = load_petitions_demo()
            body = load_advisory_demo()
            posts = load_network_demo()
            application = load_application()
        for programme in programmes:
            self.stdout.write(f"Demo programme: {programme.get_absolute_url()}")
        self.stdout.write(f"Demo programme being implemented (monitoring): {dashboard_path(monitored)}")
        for campaign in campaigns:
            self.stdout.write(f"Demo participatory budget: {campaign.get_absolute_url()}")
        self.stdout.write(f"Demo FAQ entries: {len(faq)}")
        for practice in practices:
            self.stdout.write(f"Demo good practice: {practice.get_absolute_url()}")
        self.stdout.write(f"Demo events and trainings: {len(events)} (/events/)")
        if requests:
            home = reverse("information:home", kwargs={"slug": requests[0].case.collectivity.slug})
            self.stdout.write(
                f"Demo information requests: {len(requests)} ({home}; "
                "register: information@ or focal@; own requests: citizen@ or association@)"
            )
        for petition in petitions:
            self.stdout.write(f"Demo petition ({petition.status}): {petition.get_absolute_url()}")
        self.stdout.write(f"Demo advisory body: {body.get_absolute_url()}")
        self.stdout.write(f"Demo support tickets: {len(tickets)} ({reverse('support:desk')}, as focal@ or admin@)")
        for post in posts:
            self.stdout.write(f"Demo news: {post.get_absolute_url()}")
        if application is not None:
            self.stdout.write(
                f"Demo membership application ({application.status}): {application.get_absolute_url()} "
                "(as admin@ or applicant@)"
            )
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD})")
        for email, label in accounts:
            self.stdout.write(f"  {email:32} {label}")
