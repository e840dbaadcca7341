"""Compile the interface's translations (locale/<lang>/LC_MESSAGES/django.po → django.mo).

Django's own compilemessages needs GNU gettext's msgfmt, which a fresh machine may not have;
polib (pure Python) writes the same kind of .mo file, so `make run` needs nothing else. The .mo
files are built, never committed: make rebuilds one whenever its .po is newer, and the test
suite checks the catalogue is complete (tests/core/test_catalogue.py).
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues() -> list[Path]:
    return sorted(
        po for folder in settings.LOCALE_PATHS for po in Path(folder).glob("*/LC_MESSAGES/*.po")
    )


def compile_catalogue(po_path: Path) -> Path:
    mo_path = po_path.with_suffix(".mo")
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return mo_path


class Command(BaseCommand):
    help = "Compile every locale's .po catalogue into the .mo file Django reads."

    def handle(self, *args, **options):
        for po_path in catalogues():
            mo_path = compile_catalogue(po_path)
            self.stdout.write(f"Compiled {mo_path.relative_to(settings.BASE_DIR)}")
