"""manage.py import_onet [FILE] [--dry-run]: O*NET's data on what the work is, from data/onet/."""

from django.core.management.base import BaseCommand, CommandError

from occupations.onet_import import DEFAULT_FILE, OnetFileError, import_onet


class Command(BaseCommand):
    help = (
        "Import the O*NET data extracted by scripts/extract_onet.py (titles, technology, skills "
        "and knowledge, interests, job zone, education, work styles and values, related "
        "occupations) for the site's careers. All or nothing; a file already imported changes "
        "nothing; what an editor hid stays hidden."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
        parser.add_argument("--dry-run", action="store_true", help="Check and count; save nothing.")

    def handle(self, *args, file, dry_run, **options):
        try:
            report = import_onet(file, dry_run=dry_run)
        except FileNotFoundError:
            raise CommandError(f"No such file: {file}") from None
        except OnetFileError as error:
            raise CommandError(f"{file}: {error}. Nothing was imported.") from error
        for line in report.lines():
            self.stdout.write(("Dry run, nothing saved. " if dry_run else "") + line)
