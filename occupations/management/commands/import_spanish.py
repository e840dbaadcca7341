"""manage.py import_spanish [FILE] [--dry-run]: the careers' Spanish where a field has none."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from occupations.spanish_import import SpanishFileError, import_spanish

DATA = Path(settings.BASE_DIR) / "data" / "ooh"


class Command(BaseCommand):
    help = (
        "Give every career's empty Spanish title, summary, search terms and duties, and every "
        "field's empty Spanish name, the site's text from data/ooh/spanish.json. Spanish an "
        "editor wrote is kept. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DATA / "spanish.json"))
        parser.add_argument("--duties", default=str(DATA / "duties.json"))
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )

    def handle(self, *args, file, duties, dry_run, **options):
        try:
            report = import_spanish(file, duties, dry_run=dry_run)
        except SpanishFileError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        for line in report.lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Dry run: nothing was saved.")
