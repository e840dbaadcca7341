"""The test suite's seeding (tests/seed_once.py): rows put back are the rows the commands wrote."""

import io
import itertools

import pytest
from django.core.management import call_command
from django.db import transaction

from guides.models import CareerGuide
from tests.conftest import import_handbook_sample
from tests.factories import CareerGuideFactory, FAQFactory
from tests.seed_once import capture, seed_once

pytestmark = pytest.mark.django_db
_names = itertools.count()


def seed():
    import_handbook_sample()
    call_command("seed_content", stdout=io.StringIO())


def rows(tables) -> dict[str, set]:
    return {name: set(table.rows) for name, table in tables.items()}


def seeded_then_rolled_back(name) -> dict[str, set]:
    with transaction.atomic():
        seed_once(name, seed)
        state = rows(capture())
        # A row made after the seed must get an id of its own (PostgreSQL's sequences).
        FAQFactory(guide=CareerGuide.objects.get(slug="medical-records-specialist"))
        transaction.set_rollback(True)
    return state


def test_the_rows_put_back_are_the_rows_the_commands_wrote():
    name = f"test seeding {next(_names)}"
    before = rows(capture())

    written = seeded_then_rolled_back(name)  # the first time: the commands run
    assert rows(capture()) == before
    put_back = seeded_then_rolled_back(name)  # then: their rows are put back

    assert put_back == written
    assert written != before


def test_rows_that_cannot_go_back_make_the_commands_run_again():
    name = f"test seeding {next(_names)}"
    seeded_then_rolled_back(name)
    # A clashing row made first (a guide with the flagship's slug): the commands run instead.
    with transaction.atomic():
        flagship = CareerGuideFactory(slug="medical-records-specialist", title="Clash")
        seed_once(name, seed)
        assert CareerGuide.objects.get(slug="medical-records-specialist") == flagship
        assert CareerGuide.objects.count() == 7
        transaction.set_rollback(True)
