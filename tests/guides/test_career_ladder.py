"""The guide's career ladder: ordered rungs, links to their own guides, sourced pay."""

from decimal import Decimal

import pytest

from guides.models import ProgressionStep
from tests.conftest import soup
from tests.factories import CareerGuideFactory, ProgressionStepFactory

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"


def test_career_ladder_is_an_ordered_list_of_rungs_with_facts(client, seeded):
    page = soup(client.get(GUIDE_URL))
    ladder = page.find(id="progression").find("ol", class_="ladder")
    rungs = ladder.find_all("li", recursive=False)
    names = [rung.find("h3").get_text(" ", strip=True) for rung in rungs]
    assert "Medical records clerk" in names[0]
    assert "Health information manager" in names[-1]
    current = ladder.find("li", attrs={"aria-current": "step"})
    assert "Medical records specialist" in current.find("h3").text
    assert "$51,140" in current.text  # OEWS May 2025, the current release
    assert "May 2025" in current.text
    assert "OEWS" in current.text
    assert "RHIA" in rungs[-1].text


def test_ladder_links_a_rung_to_its_own_guide(client):
    guide = CareerGuideFactory()
    other = CareerGuideFactory(title="Health Information Technologist")
    ProgressionStepFactory(guide=guide, next_role="HIT", next_guide=other, credential="RHIT")
    page = soup(client.get(guide.get_absolute_url()))
    rung = page.find(id="progression").find("li")
    assert rung.find("a", href=other.get_absolute_url())
    assert "RHIT" in rung.text


def test_ladder_pay_needs_a_source_and_period():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressionStepFactory(median_pay=Decimal(60000))
    rung = ProgressionStepFactory(
        median_pay=Decimal(60000), pay_source_name="BLS", pay_period="May 2024"
    )
    assert ProgressionStep.objects.get(pk=rung.pk).median_pay == 60000
