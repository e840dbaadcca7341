"""/careers/: every published handbook profile, 40 a page, with its field and national median.

(The finder's filters and sorts: tests/careers/test_finder.py.)"""

import csv
import json
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from occupations.models import Occupation
from tests.conftest import OEWS_SAMPLE, OOH_SAMPLE, soup
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    FieldFactory,
    OccupationCodeFactory,
    OccupationFactory,
    PayReleaseFactory,
)
from tests.occupations.guide_packs import COVERED, page_of

pytestmark = pytest.mark.django_db

LIST_URL = "/careers/"
GUIDE_URL = "/careers/medical-records-specialist/"
FLAGSHIP = "medical-records-and-health-information-technicians"
PER_PAGE = 40
SAMPLE = json.loads(OOH_SAMPLE.read_text(encoding="utf-8"))
PROFILES = {entry["slug"]: entry for entry in SAMPLE["occupations"]}


def national_medians() -> dict[str, str]:
    """{SOC code: A_MEDIAN} of the CSV's national rows."""
    with OEWS_SAMPLE.open(newline="", encoding="utf-8") as handle:
        return {
            row["OCC_CODE"]: row["A_MEDIAN"]
            for row in csv.DictReader(handle)
            if row["AREA_TYPE"] == "1"
        }


def dollars(text: str) -> str:
    return f"${Decimal(text.replace(',', '')).quantize(Decimal(1)):,}"


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def careers(page) -> list:
    """The rows of the career table."""
    return page.select("table.career-table > tbody > tr")


def titles(page) -> list[str]:
    return [text_of(row.th.a) for row in careers(page)]


def by_title(page) -> dict:
    return {text_of(row.th.a).lower(): row for row in careers(page)}


def median_cell(row) -> str:
    """The row's "Median pay" cell (the first after the career's own)."""
    return text_of(row.find("td"))


def count_line(page) -> str:
    return text_of(page.find(id="match-count"))


def add_profiles(count: int, **fields) -> list:
    return [OccupationFactory(**fields) for _ in range(count)]


def test_lists_every_published_profile_across_pages(client, seeded):
    add_profiles(35)
    OccupationFactory(status="draft", title="Unpublished draft workers")
    published = list(Occupation.objects.filter(status="published").values_list("title", flat=True))
    assert len(published) == len(PROFILES) + 35 > PER_PAGE

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": 2})

    assert first["Cache-Control"].startswith("public")
    assert second["Cache-Control"].startswith("public")
    page_one, page_two = soup(first), soup(second)
    assert len(careers(page_one)) == PER_PAGE
    assert len(careers(page_two)) == len(published) - PER_PAGE
    listed = titles(page_one) + titles(page_two)
    assert sorted(title.lower() for title in listed) == sorted(t.lower() for t in published)
    assert len(set(listed)) == len(listed)
    assert "Unpublished draft workers" not in listed
    for entry in PROFILES.values():
        assert entry["title"].lower() in {title.lower() for title in listed}
    assert count_line(page_one).startswith(f"{len(published)} careers, page 1 of 2")
    assert count_line(page_two).startswith(f"{len(published)} careers, page 2 of 2")

    nav_one = page_one.find("nav", attrs={"aria-label": "Pages of careers"})
    assert parse_qs(urlsplit(nav_one.find("a", rel="next")["href"]).query) == {"page": ["2"]}
    assert nav_one.find("a", rel="prev") is None
    assert text_of(nav_one.find(attrs={"aria-current": "page"})) == "1"
    nav_two = page_two.find("nav", attrs={"aria-label": "Pages of careers"})
    assert parse_qs(urlsplit(nav_two.find("a", rel="prev")["href"]).query) == {"page": ["1"]}
    assert nav_two.find("a", rel="next") is None
    assert text_of(nav_two.find(attrs={"aria-current": "page"})) == "2"
    assert "(page 2)" in page_two.title.string


def test_one_page_has_no_pagination(client, seeded):
    page = soup(client.get(LIST_URL))

    assert len(careers(page)) == len(PROFILES)
    assert count_line(page).startswith(f"{len(PROFILES)} careers.")
    assert page.find("nav", attrs={"aria-label": "Pages of careers"}) is None


def test_a_profile_a_guide_covers_links_straight_to_the_guide(client, seeded):
    items = by_title(soup(client.get(LIST_URL)))

    flagship = items[PROFILES[FLAGSHIP]["title"].lower()]
    assert flagship.a["href"] == GUIDE_URL
    assert {slug in COVERED for slug in PROFILES} == {True, False}  # both kinds in the sample
    for slug, entry in PROFILES.items():
        href = items[entry["title"].lower()].a["href"]
        assert href == page_of(slug)
        assert client.get(href).status_code == 200  # straight there, no redirect


def test_a_field_lists_only_its_profiles(client, seeded):
    add_profiles(3)  # in fields of their own
    healthcare = sorted(e["title"].lower() for e in PROFILES.values() if e["field"] == "healthcare")

    response = client.get(LIST_URL, {"field": "healthcare"})

    assert response["Cache-Control"].startswith("public")
    page = soup(response)
    assert sorted(title.lower() for title in titles(page)) == healthcare
    assert count_line(page).startswith(f"{len(healthcare)} careers match.")
    assert text_of(page.h1) == "Career finder"
    assert text_of(page.select_one("#id_field option[selected]")) == "Healthcare"
    assert {text_of(row.th.span) for row in careers(page)} == {"Healthcare"}
    assert page.find(role="alert") is None


def test_field_pages_keep_the_field_in_their_page_links(client, seeded):
    field = FieldFactory(slug="healthcare")
    add_profiles(PER_PAGE, field=field)

    page = soup(client.get(LIST_URL, {"field": "healthcare", "page": 2}))

    prev = page.find("nav", attrs={"aria-label": "Pages of careers"}).find("a", rel="prev")
    assert parse_qs(urlsplit(prev["href"]).query) == {"field": ["healthcare"], "page": ["1"]}
    assert all(
        text_of(item.select_one("span.small")).startswith("Healthcare") for item in careers(page)
    )


def test_an_unknown_field_says_so_lists_nothing_and_is_private(client, seeded):
    response = client.get(LIST_URL, {"field": "nonsense"})

    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert "There is no field of that name" in text_of(page.find(role="alert"))
    assert careers(page) == []  # the finder lists nothing until the filter is corrected
    assert count_line(page).startswith("No careers are listed until the filters")


def test_medians_are_the_national_figure_of_the_first_code(client, seeded):
    medians = national_medians()

    items = by_title(soup(client.get(LIST_URL)))

    checked = 0
    for entry in PROFILES.values():
        median = median_cell(items[entry["title"].lower()])
        codes = entry["soc_codes"]
        if not codes:
            assert median == "— no figure"  # military careers
            continue
        if codes[0]["soc_code"] not in medians or codes[0]["level"] == "detailed":
            # Secretaries (BLS publishes no figure for 43-6000); information clerks (no code of
            # their own): the range of their occupations' medians (the test below).
            assert median.endswith("range of its occupations’ medians")
            continue
        assert median == dollars(medians[codes[0]["soc_code"]])
        checked += 1
    assert checked == 8
    assert median_cell(items[PROFILES[FLAGSHIP]["title"].lower()]) == "$51,140"


def test_a_group_without_a_figure_of_its_own_is_listed_with_its_occupations_range(client, seeded):
    items = by_title(soup(client.get(LIST_URL)))
    medians = national_medians()
    members = [
        medians[code["soc_code"]]
        for code in PROFILES["information-clerks"]["soc_codes"]
        if code["soc_code"] in medians
    ]

    assert len(members) > 1
    assert median_cell(items["information clerks"]) == (
        f"{dollars(min(members))}–{dollars(max(members))} range of its occupations’ medians"
    )


def test_the_list_takes_the_same_queries_for_10_or_45_profiles(client, db):
    release = PayReleaseFactory()

    def add(count):
        for occupation in add_profiles(count):
            code = OccupationCodeFactory(occupation=occupation)
            AreaPayFactory(release=release, soc_code=code.soc_code)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST_URL)
        assert response.status_code == 200
        return len(captured.captured_queries), len(careers(soup(response)))

    add(9)
    CareerGuideFactory(occupation=add_profiles(1)[0])
    few, shown_few = queries()
    add(35)
    many, shown_many = queries()

    assert (shown_few, shown_many) == (10, PER_PAGE)
    assert few == many


def test_the_list_names_the_release_and_source_of_its_medians(client, seeded):
    line = count_line(soup(client.get("/careers/")))
    assert "BLS Occupational Employment and Wage Statistics (OEWS), national, May 2025" in line
    assert "Occupational Outlook Handbook, 2024–34" in line
