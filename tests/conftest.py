import importlib
import io
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

from core.cache_backends import forget_outages
from core.content_version import forget_content_version
from occupations.areas import forget_areas
from tests.seed_once import seed_once

FIXTURES = Path(__file__).resolve().parent / "fixtures"
OOH_SAMPLE = FIXTURES / "ooh" / "sample.json"
OEWS_SAMPLE = FIXTURES / "ooh" / "oews_M2025_sample.csv"
# The metropolitan and nonmetropolitan areas of Texas and New York, the nation by industry.
OEWS_AREAS_SAMPLE = FIXTURES / "ooh" / "oews_M2025_msa_sample.csv"
OEWS_INDUSTRIES_SAMPLE = FIXTURES / "ooh" / "oews_M2025_nat_ind_sample.csv"
ONET_SAMPLE = FIXTURES / "onet"


def forget_everything_cached():
    for cache in caches.all():
        cache.clear()
    forget_content_version()
    forget_outages()
    forget_areas()


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    """Tests make many users: a fast hasher (the production one costs about 0.3 s a user).
    Signing in still checks the password, so the login tests lose nothing."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def english_first():
    """Each test starts in English: a request to a Spanish page leaves Spanish active in the
    thread that served it (as Django's LocaleMiddleware does), which the test client shares."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with nothing cached, as a new deployment would."""
    forget_everything_cached()
    yield
    forget_everything_cached()


def import_handbook_sample():
    """The sample's profiles, with the site's own duties as they ship (data/ooh/duties.json)."""
    call_command("import_ooh", str(OOH_SAMPLE), stdout=io.StringIO())
    call_command("import_duties", stdout=io.StringIO())
    call_command("import_spanish", stdout=io.StringIO())


def ship_questionnaire():
    """The questionnaire's activities as its migration ships them. Tests that flush the
    database (live servers, transactional tests) remove rows migrations made; this puts them
    back, by the migration's own function, when the table is empty."""
    from django.apps import apps

    migration = importlib.import_module("interests.migrations.0002_questionnaire")
    migration.add_items(apps, None)
    spanish = importlib.import_module("interests.migrations.0005_questionnaire_in_spanish")
    spanish.add_spanish(apps, None)


@pytest.fixture
def questionnaire(db):
    ship_questionnaire()


@pytest.fixture
def seeded_packs(db):
    """A sample of the handbook (tests/fixtures/ooh: the flagship's profile, its neighbours, a
    few odd shapes) and the content packs as they ship: the flagship's pay is May 2024 and
    earlier. For tests that control every pay figure themselves. Seeded once per session
    (tests/seed_once.py)."""

    def seed():
        import_handbook_sample()
        call_command("seed_content", stdout=io.StringIO())
        ship_questionnaire()

    seed_once("handbook sample and packs", seed)


def onet_sample_file(folder: Path) -> Path:
    """What scripts/extract_onet.py writes from the O*NET sample (tests/fixtures/onet)."""
    from tests.site.test_extract_onet import HANDBOOK, SAMPLE, extract_onet

    path = folder / extract_onet.OUTPUT_NAME
    path.write_text(extract_onet.canonical_json(extract_onet.extract(SAMPLE, HANDBOOK)))
    return path


@pytest.fixture(scope="session")
def onet_sample(tmp_path_factory) -> Path:
    return onet_sample_file(tmp_path_factory.mktemp("onet"))


def import_oews_samples():
    """OEWS May 2025 as `make run` imports it, in samples: the nation and some states, the
    areas of two states, the nation by industry."""
    samples = [str(OEWS_SAMPLE), str(OEWS_AREAS_SAMPLE), str(OEWS_INDUSTRIES_SAMPLE)]
    call_command("import_oews", *samples, "--period", "May 2025", stdout=io.StringIO())


@pytest.fixture
def seeded(seeded_packs, onet_sample):
    """The flagship content, loaded the way `make run` loads it: the packs, then OEWS May 2025
    (a sample: the sample profiles' codes, the nation, a few states, the areas of two and the
    nation by industry), then O*NET's data
    (a sample: tests/fixtures/onet) and the next steps computed from it."""

    def seed():
        import_oews_samples()
        call_command("import_onet", str(onet_sample), stdout=io.StringIO())
        call_command("build_next_steps", stdout=io.StringIO())

    seed_once("OEWS May 2025 and O*NET samples, after the packs", seed)


@pytest.fixture
def staff_user(django_user_model):
    return django_user_model.objects.create_user(
        username="editor", password="a-long-test-password", is_staff=True
    )


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def without_csrf_tokens(response) -> str:
    """The page with its CSRF tokens blanked: they are masked afresh on every request."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"
