"""manage.py import_oews FILE [FILE …] [--period "May 2024"] [--dry-run]: pay from BLS OEWS
files of one release (the nation and states, metropolitan areas, the nation by industry)."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from occupations.oews_files import (
    OEWS_TABLES_URL,
    OEWSFileError,
    RowError,
    period_from_file_name,
)
from occupations.oews_import import BadRows, import_files


class Command(BaseCommand):
    help = (
        "Import a BLS OEWS release (.xlsx, .csv or .csv.gz files in BLS's layout): every "
        "national, state, metropolitan and nonmetropolitan row, and the nation's rows by "
        "industry, as pay by area, for the profiles and the guides alike. All or nothing; safe "
        "to run again (rows are matched by release, code, area and industry)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", help="OEWS .xlsx or .csv files, e.g. state_M2024_dl.xlsx"
        )
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

    def handle(self, *args, files, period, source_url, dry_run, published, **options):
        for file in files:
            if not Path(file).is_file():
                raise CommandError(f"No such file: {file}")
        periods = {period or period_from_file_name(file) for file in files}
        if None in periods:
            raise CommandError(
                f'Cannot tell the period from the name "{files[0]}": give it, '
                'e.g. --period "May 2024".'
            )
        if len(periods) > 1:
            raise CommandError(
                f"The files are of different releases ({', '.join(sorted(periods))}): import "
                "one release at a time."
            )
        try:
            reports = import_files(
                files, periods.pop(), dry_run=dry_run, source_url=source_url, published=published
            )
        except BadRows as error:
            for line in error.lines:
                self.stderr.write(line)
            raise CommandError(str(error)) from error
        except (OEWSFileError, RowError) as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        for line in (line for pay in reports for line in pay.lines()):
            # Each reason for skipping is listed from -v 2; the counts are always shown.
            if options["verbosity"] > 1 or not line.startswith("  "):
                self.stdout.write(line)
