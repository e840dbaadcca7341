"""manage.py import_oews FILE [--period "May 2024"] [--dry-run]: pay from a BLS OEWS file."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from occupations.oews_files import (
    OEWS_TABLES_URL,
    OEWSFileError,
    RowError,
    period_from_file_name,
)
from occupations.oews_import import BadRows, import_release


class Command(BaseCommand):
    help = (
        "Import a BLS OEWS release (.xlsx, .csv or .csv.gz in BLS's layout): every national and "
        "state row as pay by area, for the profiles and the guides alike. "
        "All or nothing; safe to run again (rows are matched by release, code and area)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="An OEWS .xlsx or .csv file, e.g. state_M2024_dl.xlsx")
        parser.add_argument(
            "--period",
            help='The period the estimates describe, e.g. "May 2024" (read from BLS file names '
            "such as state_M2024_dl.xlsx when omitted).",
        )
        parser.add_argument(
            "--source-url", default=OEWS_TABLES_URL, help="Link shown beside imported figures."
        )
        parser.add_argument(
            "--published",
            type=datetime.date.fromisoformat,
            help="The day BLS published a release the site does not know yet, e.g. 2027-05-14 "
            "(the newest release by this date is the site's current pay).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )

    def handle(self, *args, file, period, source_url, dry_run, published, **options):
        if not Path(file).is_file():
            raise CommandError(f"No such file: {file}")
        period = period or period_from_file_name(file)
        if not period:
            raise CommandError(
                f'Cannot tell the period from the name "{file}": give it, e.g. --period "May 2024".'
            )
        try:
            pay = import_release(
                file, period, dry_run=dry_run, source_url=source_url, published=published
            )
        except BadRows as error:
            for line in error.lines:
                self.stderr.write(line)
            raise CommandError(str(error)) from error
        except (OEWSFileError, RowError) as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        for line in pay.lines():
            # Each reason for skipping is listed from -v 2; the counts are always shown.
            if options["verbosity"] > 1 or not line.startswith("  "):
                self.stdout.write(line)
