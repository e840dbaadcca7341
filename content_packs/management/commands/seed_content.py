"""Load the content packs the repository ships (content/): create what is missing, change nothing.

Idempotent and safe for editors' work: anything that already exists (matched by its natural
key: body abbreviation, certification code, guide slug) is left exactly as it is, with all its
parts, so running it again after editors changed the content changes nothing. Corrections to
shipped content reach existing sites through update_content.

Everything it creates gets a first version in its history (django-reversion), so editors can
always go back to the content as it was first loaded.
"""

from django.core.management.base import BaseCommand, CommandError

from content_packs.format import PackError
from content_packs.importing import seed_pack
from content_packs.validate import content_dir, read_files


class Command(BaseCommand):
    help = (
        "Load the content packs under content/ (or the files and directories given): creates "
        "what is missing; leaves existing content untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "packs", nargs="*", help="Pack files or directories (default: content/)."
        )

    def handle(self, *args, packs=(), **options):
        paths = packs or [content_dir()]
        try:
            report = seed_pack(read_files(paths))
        except PackError as error:
            raise CommandError(f"Nothing was loaded. {error}") from error
        for change in report.changes:
            label = f"{change.label} {change.key}"
            if change.action == "created":
                self.stdout.write(self.style.SUCCESS(f"created {label}"))
            else:
                self.stdout.write(f"kept {label} (already present, left unchanged)")
