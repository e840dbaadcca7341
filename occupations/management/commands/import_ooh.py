"""manage.py import_ooh [FILE] [--summaries FILE] [--dry-run]: the handbook's profiles."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from occupations.ooh_import import OOHFileError, import_ooh

DEFAULT_FILE = Path(settings.BASE_DIR) / "data" / "ooh" / "occupations-2024-34.json"
DEFAULT_SUMMARIES = Path(settings.BASE_DIR) / "data" / "ooh" / "summaries.json"


class Command(BaseCommand):
    help = (
        "Create or update a published profile for every occupation of the Occupational Outlook "
        "Handbook from the extracted facts (scripts/extract_ooh.py). Safe to run again: a "
        "second run reports 0 created, 0 updated. Summaries an editor wrote are never changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
        parser.add_argument("--summaries", default=str(DEFAULT_SUMMARIES))
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )

    def handle(self, *args, file, summaries, dry_run, **options):
        try:
            report = import_ooh(file, summaries, dry_run=dry_run)
        except OOHFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
