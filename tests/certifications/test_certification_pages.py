"""A certification's page and its seeded facts (CPC)."""

import importlib

import pytest

from certifications.models import Certification, Experience
from tests.conftest import soup

pytestmark = pytest.mark.django_db


def test_migration_corrects_cpc_seeded_with_recommended_experience(seeded):
    from django.apps import apps

    migration = importlib.import_module(
        "certifications.migrations.0005_experience_for_full_credential"
    )
    Certification.objects.filter(code="CPC").update(  # as the old seed left it
        recommended_experience=Experience.TWO_PLUS_YEARS,
        experience_for_full_credential=Experience.NONE,
    )
    migration.correct_cpc_experience(apps, None)
    cpc = Certification.objects.get(code="CPC")
    assert cpc.recommended_experience == Experience.NONE
    assert cpc.experience_for_full_credential == Experience.TWO_PLUS_YEARS
    migration.restore_cpc_experience(apps, None)
    cpc.refresh_from_db()
    assert cpc.recommended_experience == Experience.TWO_PLUS_YEARS


def test_cpc_page_links_aapcs_apprenticeship_page(client, seeded):
    page = soup(client.get("/certifications/cpc/"))
    link = page.find("a", href=lambda href: href and "complete-your-cpc-apprenticeship" in href)
    assert link is not None
    assert "apprenticeship" in link.text
