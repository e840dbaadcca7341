"""The guide's career ladder: ordered rungs, links to their own guides, sourced pay."""

import csv
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guides.models import ProgressionStep
from tests.conftest import OEWS_SAMPLE, soup
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    OccupationCodeFactory,
    OccupationFactory,
    PayReleaseFactory,
    ProgressionStepFactory,
)

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


# Rungs that are handbook occupations ----------------------------------------------------------

LINKED_RUNGS = {
    "Health information technologist": (
        "health-information-technologists-and-medical-registrars",
        "29-9021",
    ),
    "Health information manager": ("medical-and-health-services-managers", "11-9111"),
}


def national_median(code: str) -> str:
    """The CSV's national annual median for a code, as the page writes it."""
    with OEWS_SAMPLE.open(newline="", encoding="utf-8") as handle:
        row = next(
            row
            for row in csv.DictReader(handle)
            if row["OCC_CODE"] == code and row["AREA_TYPE"] == "1"
        )
    return f"${Decimal(row['A_MEDIAN'].replace(',', '')).quantize(Decimal(1)):,}"


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def ladder_rungs(response) -> dict:
    """{the rung's role: its <li>}."""
    ladder = soup(response).find(id="progression").find("ol", class_="ladder")
    return {
        text_of(rung.find("h3")).split(": ", 1)[1].removesuffix(" This guide"): rung
        for rung in ladder.find_all("li", recursive=False)
    }


def median_shown(rung) -> str:
    term = rung.find("dt", string="Median pay")
    return text_of(term.find_next_sibling("dd")) if term else ""


def test_rungs_that_are_occupations_link_to_their_profiles_with_the_csv_median(client, seeded):
    rungs = ladder_rungs(client.get(GUIDE_URL))

    for role, (slug, code) in LINKED_RUNGS.items():
        rung = rungs[role]
        profile = f"/careers/{slug}/"
        # A rung with a guide of its own links that guide; the handbook occupation is named,
        # not linked (its address only redirects to the same guide).
        step = ProgressionStep.objects.get(guide__slug="medical-records-specialist", next_role=role)
        assert step.next_guide is not None
        assert step.next_guide.occupation_id == step.occupation_id
        assert rung.find("h3").find("a")["href"] == step.next_guide.get_absolute_url()
        assert client.get(step.next_guide.get_absolute_url()).status_code == 200
        in_handbook = rung.find("p")
        assert text_of(in_handbook).startswith("In the handbook:")
        assert in_handbook.find("a") is None
        assert step.occupation.title.lower() in text_of(in_handbook)
        shown = median_shown(rung)
        assert shown.startswith(f"{national_median(code)} a year")
        assert "May 2025" in shown
        assert "OEWS" in shown
        # The profile's address leads to the guide written for that occupation.
        response = client.get(profile)
        assert response.status_code == 301
        assert response["Location"] == step.next_guide.get_absolute_url()


def test_the_guides_own_rung_names_its_profile_without_linking_to_itself(client, seeded):
    rung = ladder_rungs(client.get(GUIDE_URL))["Medical records specialist"]

    assert rung["aria-current"] == "step"
    assert rung.find("h3").find("a") is None
    note = text_of(rung.find("p"))
    assert note == "In the handbook: medical records specialists."
    assert rung.find("p").find("a") is None
    assert median_shown(rung).startswith(f"{national_median('29-2072')} a year")


def test_rungs_that_are_not_occupations_say_they_are_job_titles(client, seeded):
    rungs = ladder_rungs(client.get(GUIDE_URL))
    linked = {*LINKED_RUNGS, "Medical records specialist"}

    others = {role: rung for role, rung in rungs.items() if role not in linked}
    assert "Medical records clerk" in others
    assert "Medical coder" in others
    for role, rung in others.items():
        assert text_of(rung.find("p")) == (
            "A job title, not an occupation of its own in the handbook."
        ), role
        assert rung.find("h3").find("a") is None, role
        assert median_shown(rung) == "", role  # no figure of its own


def rung_with_pay(guide, median: str, **fields):
    """A rung that is a factory profile with a national figure in the current release."""
    occupation = OccupationFactory()
    code = OccupationCodeFactory(occupation=occupation)
    occupation.pay_code = code.soc_code
    occupation.save()
    AreaPayFactory(
        release=PayReleaseFactory(), soc_code=code.soc_code, annual_median=Decimal(median)
    )
    return ProgressionStepFactory(guide=guide, occupation=occupation, **fields)


def test_the_current_release_replaces_a_rungs_stored_figure(client, db):
    guide = CareerGuideFactory()
    rung = rung_with_pay(
        guide,
        "45000",
        median_pay=Decimal(60000),
        pay_source_name="BLS",
        pay_period="May 2024",
    )

    shown = median_shown(ladder_rungs(client.get(guide.get_absolute_url()))[rung.next_role])

    assert shown.startswith("$45,000 a year")
    assert "May 2025" in shown
    assert "$60,000" not in shown


def test_a_rung_whose_occupation_has_no_current_figure_keeps_its_own(client, db):
    PayReleaseFactory()
    guide = CareerGuideFactory()
    rung = ProgressionStepFactory(
        guide=guide,
        occupation=OccupationFactory(pay_code="99-9999"),
        median_pay=Decimal(60000),
        pay_source_name="BLS",
        pay_period="May 2024",
    )

    shown = median_shown(ladder_rungs(client.get(guide.get_absolute_url()))[rung.next_role])

    assert shown.startswith("$60,000 a year")
    assert "May 2024" in shown


def test_a_rung_whose_occupation_is_a_draft_is_not_linked_for_the_public(client, db):
    guide = CareerGuideFactory()
    draft = OccupationFactory(title="Secret zeppelin pilots", status="draft")
    ProgressionStepFactory(guide=guide, next_role="Zeppelin pilot", occupation=draft)

    response = client.get(guide.get_absolute_url())

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert not soup(response).find(id="progression").find("a", href=draft.get_absolute_url())
    assert "Secret zeppelin pilots".lower() not in response.content.decode().lower()


def guide_page_queries(client, linked: int) -> int:
    guide = CareerGuideFactory()
    ProgressionStepFactory(guide=guide, next_role="A job title only")
    for index in range(linked):
        rung_with_pay(guide, str(40000 + 1000 * index))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(guide.get_absolute_url())
    assert response.status_code == 200
    assert len(soup(response).find(id="progression").select("li a")) >= linked
    return len(queries.captured_queries)


def test_the_guide_page_takes_the_same_queries_whatever_the_number_of_linked_rungs(client, db):
    guide_page_queries(client, 1)  # anything read once per process

    counts = {linked: guide_page_queries(client, linked) for linked in (1, 2, 5)}

    assert len(set(counts.values())) == 1, counts
