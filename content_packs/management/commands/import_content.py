"""manage.py import_content pack.json [--dry-run]: create or update content from a JSON pack."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from content_packs.format import PackError
from content_packs.importing import import_pack
from content_packs.validate import load


class Command(BaseCommand):
    help = (
        "Create or update certifying bodies, certifications and guides from a content pack "
        "written by export_content, matching them by natural key. Each imported guide's parts "
        "are made what the pack says (updated in place where the pack still describes them, so "
        "they keep their ids), so importing the same pack again changes nothing. All or "
        "nothing: a pack with any error is rejected and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument("pack", help="The pack's JSON file, or - for standard input.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created, updated or left unchanged; save nothing.",
        )

    def handle(self, *args, pack, dry_run=False, **options):
        try:
            text = sys.stdin.read() if pack == "-" else Path(pack).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {pack}: {error}") from error
        try:
            source = "a content pack on standard input" if pack == "-" else Path(pack).name
            report = import_pack(load(text), dry_run=dry_run, source=source)
        except PackError as error:
            raise CommandError(f"{pack} was not imported, nothing was saved. {error}") from error
        for line in report.lines():
            self.stdout.write(line)
