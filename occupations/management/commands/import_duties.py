"""manage.py import_duties [FILE] [--dry-run]: the site's own duties for profiles without any."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from occupations.duties import DutiesFileError, import_duties

DEFAULT_FILE = Path(settings.BASE_DIR) / "data" / "ooh" / "duties.json"


class Command(BaseCommand):
    help = (
        "Give every profile that has no duties the site's own from data/ooh/duties.json. "
        "A profile with duties keeps them (an editor may have changed them). Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            report = import_duties(file, dry_run=dry_run)
        except DutiesFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
