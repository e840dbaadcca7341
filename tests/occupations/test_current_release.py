"""One OEWS release is current across the whole site: the newest by BLS's publication date."""

import io

import pytest
from django.core.management import CommandError, call_command

from occupations.models import PayRelease
from tests.conftest import OEWS_SAMPLE, soup
from tests.occupations.test_profile_page import add_earlier_flagship_pay

GUIDE_URL = "/careers/medical-records-specialist/"


def quick_facts(client, url):
    return soup(client.get(url)).find("aside", class_="quick-facts").get_text(" ", strip=True)


def test_the_guide_the_profiles_and_the_list_show_the_same_release(client, seeded):
    current = PayRelease.current().name
    assert current == "May 2025"
    assert current in quick_facts(client, GUIDE_URL)
    assert current in quick_facts(client, "/careers/actuaries/")
    assert f"national, {current}" in client.get("/careers/").content.decode()


def test_a_newer_release_becomes_current_everywhere(client, seeded, tmp_path):
    add_earlier_flagship_pay()  # May 2023 and May 2024, before the seeded May 2025
    newer = tmp_path / "oews_M2026_sample.csv"
    newer.write_text(OEWS_SAMPLE.read_text().replace("51140", "52000"))

    call_command("import_oews", str(newer), "--published", "2027-05-14", stdout=io.StringIO())

    assert PayRelease.current().name == "May 2026"
    guide_facts = quick_facts(client, GUIDE_URL)
    assert "May 2026" in guide_facts
    assert "$52,000" in guide_facts
    assert "May 2026" in quick_facts(client, "/careers/actuaries/")
    page = soup(client.get(GUIDE_URL))
    history = page.find("table", class_="pay-history").get_text(" ")
    assert "May 2025" in history  # earlier releases, labelled
    assert "May 2024" in history
    change = " ".join(page.find("p", class_="pay-change").get_text(" ").split())
    assert "from $51,140 in May 2025 to $52,000 in May 2026" in change  # the two latest


def test_an_unknown_release_needs_its_publication_date(seeded, tmp_path):
    newer = tmp_path / "oews_M2026_sample.csv"
    newer.write_text(OEWS_SAMPLE.read_text())
    with pytest.raises(CommandError, match="give its publication date"):
        call_command("import_oews", str(newer), stdout=io.StringIO())
    assert PayRelease.objects.filter(name="May 2026").count() == 0
