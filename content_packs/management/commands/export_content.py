"""manage.py export_content [--guide SLUG] > pack.json: guides and certifications as JSON."""

from django.core.management.base import BaseCommand, CommandError

from content_packs.export import dumps, export_pack
from content_packs.format import PackError


class Command(BaseCommand):
    help = (
        "Write certifying bodies, certifications and guides (with every part of each guide) to "
        "standard output as a JSON content pack that import_content reads. Objects are named by "
        "natural keys (body abbreviation, certification code, guide slug), never database ids."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--guide",
            metavar="SLUG",
            help="Only this guide, with the certifications it recommends and their issuers.",
        )

    def handle(self, *args, guide=None, **options):
        try:
            pack = export_pack(guide_slug=guide)
        except PackError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(dumps(pack), ending="")
