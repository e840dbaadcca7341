"""manage.py import_oews FILE [--period "May 2024"] [--dry-run]: pay from a BLS OEWS file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from guides.oews import OEWS_TABLES_URL, OEWSFileError, import_oews, period_from_file_name


class Command(BaseCommand):
    help = (
        "Import national and state annual pay percentiles from a BLS OEWS workbook (.xlsx) or "
        "CSV export for the occupation codes of existing guides. Safe to run again: figures "
        "already imported are matched by guide, percentile, state and period."
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
            "--dry-run", action="store_true", help="Report what would change; save nothing."
        )

    def handle(self, *args, file, period, source_url, dry_run, **options):
        if not Path(file).is_file():
            raise CommandError(f"No such file: {file}")
        period = period or period_from_file_name(file)
        if not period:
            raise CommandError(
                f'Cannot tell the period from the name "{file}": give it, e.g. --period "May 2024".'
            )
        try:
            report = import_oews(file, period, dry_run=dry_run, source_url=source_url)
        except OEWSFileError as error:
            raise CommandError(str(error)) from error
        for line in report.lines():
            self.stdout.write(line)
        if report.bad_rows:
            self.stderr.write(
                self.style.WARNING(
                    f"{len(report.bad_rows)} bad row(s) were not imported; the other rows were."
                )
            )
