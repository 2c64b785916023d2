"""``manage.py import_pabulib FILE [--collectivity SLUG] [--strict]``: a past participatory budget from a pabulib
file, as one finished campaign, counted and published. The campaign's id is the last line of standard output."""

import sys

from django.core.management.base import BaseCommand, CommandError

from remacto.pb.errors import PBError
from remacto.territories.models import Collectivity

from ... import engine, imports


class Command(BaseCommand):
    help = (
        "Import a pabulib file (.pb or .pb.gz) as a finished campaign: its projects, its ballots (anonymous), "
        "its rule as the file states it; then count it and publish the results. All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--collectivity",
            metavar="SLUG",
            help="the collectivity the campaign belongs to (default: the only member collectivity, if there is one)",
        )
        parser.add_argument(
            "--strict", action="store_true", help="refuse a file with ballots that break its own limits"
        )

    def handle(self, *args, **options):
        collectivity = self._collectivity(options["collectivity"])
        try:
            imported = imports.import_file(options["file"], collectivity, strict=options["strict"])
        except PBError as error:
            # The engine's one-line message, as remacto-pb prints it.
            self.stderr.write(str(error.located(options["file"])))
            sys.exit(2)
        campaign = imported.campaign
        for warning in imported.warnings:
            self.stderr.write(str(warning))
        if imported.warnings:
            count = len(imported.warnings)
            self.stderr.write(
                f"{options['file']}: {count} ballot{'s' * (count != 1)} break the file's own rules and were counted "
                "as cast (--strict refuses them)"
            )
        result = imported.count
        self.stdout.write(
            f"{campaign.title}: {imported.proposals} projects, {imported.ballots} ballots; "
            f"{len(result.selected)} projects selected by {engine.file_rule(campaign)}"
        )
        self.stdout.write(str(campaign.pk))

    def _collectivity(self, slug: str | None) -> Collectivity:
        if slug:
            try:
                return Collectivity.objects.get(slug=slug)
            except Collectivity.DoesNotExist:
                raise CommandError(f"unknown collectivity {slug!r} (give the slug of an existing one)") from None
        members = list(Collectivity.objects.filter(membership__isnull=False)[:2])
        if len(members) != 1:
            raise CommandError("give the campaign's collectivity with --collectivity SLUG")
        return members[0]
