import io

import pytest
from django.core.management import call_command

from tests.conftest import import_handbook_sample
from tests.seed_once import seed_once


@pytest.fixture(autouse=True)
def handbook_profiles(request):
    """The flagship's pack names its handbook profile, which `make seed` imports first: tests
    that seed the packs themselves get the sample profiles loaded the same way."""
    if "db" in request.fixturenames or "seeded" in request.fixturenames:
        request.getfixturevalue("db")
        seed_once("handbook sample", import_handbook_sample)


@pytest.fixture
def seeded(db):
    """The packs exactly as they ship (no OEWS import after them): these tests compare the
    site's content with the packs."""
    seed_once(
        "packs, after the handbook sample",
        lambda: call_command("seed_content", stdout=io.StringIO()),
    )
