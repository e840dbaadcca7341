"""The handbook's fields: /careers/fields/ (each with its number of careers) and one field's
page, /careers/fields/<slug>/ (its careers with median pay, entry education and outlook)."""

import csv
import datetime
import itertools
import json
import warnings
from decimal import Decimal, InvalidOperation
from xml.etree import ElementTree

import pytest
from django.core.paginator import UnorderedObjectListWarning
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from guides.models import CareerGuide
from occupations.models import EntryEducation, Field, Occupation, OutlookLabel
from tests.conftest import OEWS_SAMPLE, OOH_SAMPLE, soup
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    FieldFactory,
    OccupationFactory,
    PayReleaseFactory,
)
from tests.occupations.guide_packs import page_of

pytestmark = pytest.mark.django_db

FIELDS_URL = "/careers/fields/"
GUIDE_URL = "/careers/medical-records-specialist/"
FLAGSHIP = "medical-records-and-health-information-technicians"
SAMPLE = json.loads(OOH_SAMPLE.read_text(encoding="utf-8"))
PROFILES = {entry["slug"]: entry for entry in SAMPLE["occupations"]}
FIELD_NAMES = {field["slug"]: field["name"] for field in SAMPLE["fields"]}
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def national_medians() -> dict[str, int | None]:
    """{SOC code: A_MEDIAN} of the CSV's national rows (None where BLS shows * or #)."""
    medians = {}
    with OEWS_SAMPLE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["AREA_TYPE"] == "1":
                try:
                    medians[row["OCC_CODE"]] = int(Decimal(row["A_MEDIAN"]))
                except InvalidOperation:
                    medians[row["OCC_CODE"]] = None
    return medians


def headline_median(entry) -> int | None:
    codes = entry["soc_codes"]
    if not codes or codes[0]["level"] == "detailed":
        return None
    return national_medians().get(codes[0]["soc_code"])


def members_range(entry) -> tuple | None:
    medians = [
        national_medians()[code["soc_code"]]
        for code in entry["soc_codes"]
        if code["level"] == "detailed" and national_medians().get(code["soc_code"]) is not None
    ]
    return (min(medians), max(medians)) if medians else None


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def field_url(slug: str) -> str:
    return f"/careers/fields/{slug}/"


def grid(page) -> dict[str, tuple[str, str]]:
    """{field name: (its link, its count text)} of the fields grid."""
    return {
        text_of(item.a): (item.a["href"], text_of(item.span))
        for item in page.select("ul.field-grid > li")
    }


def count_text(number: int) -> str:
    return f"({number} career{'' if number == 1 else 's'})"


def sample_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for entry in PROFILES.values():
        counts[entry["field"]] = counts.get(entry["field"], 0) + 1
    return counts


def table_rows(page) -> list[dict]:
    found = []
    for tr in page.select("main table tbody tr"):
        cells = tr.find_all("td")
        found.append(
            {
                "title": text_of(tr.th.a).lower(),
                "link": tr.th.a["href"],
                "median": text_of(cells[0]),
                "education": text_of(cells[1]),
                "outlook": text_of(cells[2]),
            }
        )
    return found


def breadcrumbs(page) -> list[tuple[str, str | None]]:
    trail = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    return [(text_of(item), item.a["href"] if item.a else None) for item in trail.select("li")]


def dollars(amount: int) -> str:
    return f"${amount:,}"


def outlook_text(entry) -> str:
    percent = entry["outlook_percent"]
    label = next(
        name for value, name in OutlookLabel.choices if str(name) == entry["outlook_label"]
    )
    return f"{'+' if percent > 0 else ''}{percent}% ({str(label).lower()})"


# /careers/fields/ ----------------------------------------------------------------------------


def test_the_fields_page_lists_every_field_with_published_careers_and_their_counts(client, seeded):
    healthcare = Field.objects.get(slug="healthcare")
    OccupationFactory(field=healthcare, status="draft")
    OccupationFactory(field=healthcare, status="review")
    OccupationFactory(field=healthcare, publish_at=timezone.now() + datetime.timedelta(days=1))
    legal = Field.objects.get(slug="legal")
    OccupationFactory(field=legal, status="draft")  # its only career is a draft

    response = client.get(FIELDS_URL)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    page = soup(response)
    expected = {
        FIELD_NAMES[slug]: (field_url(slug), count_text(number))
        for slug, number in sample_counts().items()
    }
    assert grid(page) == expected
    assert grid(page)["Healthcare"] == (field_url("healthcare"), "(6 careers)")
    assert grid(page)["Math"] == (field_url("math"), "(1 career)")
    assert "Legal" not in grid(page)
    assert text_of(page.h1) == "Careers by field"
    assert breadcrumbs(page) == [("Home", "/"), ("Careers", "/careers/"), ("Fields", None)]


def test_every_listed_field_links_to_its_page(client, seeded):
    for name, (href, _count) in grid(soup(client.get(FIELDS_URL))).items():
        response = client.get(href)
        assert response.status_code == 200, href
        assert text_of(soup(response).h1) == f"{name} careers"


def test_staff_see_the_same_counts_as_the_public(client, staff_client, seeded):
    OccupationFactory(field=Field.objects.get(slug="math"), status="draft")

    assert grid(soup(staff_client.get(FIELDS_URL)))["Math"][1] == "(1 career)"
    assert grid(soup(client.get(FIELDS_URL)))["Math"][1] == "(1 career)"


def test_a_field_counts_careers_of_every_kind_once(client, db):
    field = FieldFactory(slug="counted", name="Counted")
    for _ in range(3):
        OccupationFactory(field=field)
    guide = CareerGuideFactory(occupation=OccupationFactory(field=field))
    assert guide.occupation.field == field

    assert grid(soup(client.get(FIELDS_URL))) == {"Counted": (field_url("counted"), "(4 careers)")}


def test_the_fields_are_in_alphabetical_order(client, seeded):
    OccupationFactory(field=FieldFactory(slug="zz-aardvark-care", name="Aardvark Care"))

    names = list(grid(soup(client.get(FIELDS_URL))))

    assert names == sorted(names)
    assert names[0] == "Aardvark Care"


def test_the_fields_page_takes_the_same_queries_for_10_or_60_fields(client, db):
    def add(count):
        for _ in range(count):
            OccupationFactory(field=FieldFactory())

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(FIELDS_URL)
        assert response.status_code == 200
        return len(captured.captured_queries), len(grid(soup(response)))

    add(10)
    few, shown_few = queries()
    add(50)
    many, shown_many = queries()

    assert (shown_few, shown_many) == (10, 60)
    assert few == many


# /careers/fields/<slug>/ ---------------------------------------------------------------------


def test_a_field_page_lists_exactly_its_published_careers(client, seeded):
    healthcare = Field.objects.get(slug="healthcare")
    OccupationFactory(field=healthcare, status="draft", title="Draft healers")
    OccupationFactory(
        field=healthcare,
        title="Scheduled healers",
        publish_at=timezone.now() + datetime.timedelta(days=1),
    )
    OccupationFactory(title="Healers elsewhere")  # another field

    response = client.get(field_url("healthcare"))

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    page = soup(response)
    expected = sorted(
        entry["title"].lower() for entry in PROFILES.values() if entry["field"] == "healthcare"
    )
    assert [row["title"] for row in table_rows(page)] == expected
    assert text_of(page.h1) == "Healthcare careers"
    assert f"{len(expected)} careers in this field" in text_of(page.main)


@pytest.mark.parametrize("field", ["healthcare", "office-and-administrative-support", "math"])
def test_a_field_page_shows_median_education_and_outlook_from_the_data(client, seeded, field):
    page = soup(client.get(field_url(field)))

    by_title = {row["title"]: row for row in table_rows(page)}
    entries = [entry for entry in PROFILES.values() if entry["field"] == field]
    assert set(by_title) == {entry["title"].lower() for entry in entries}
    for entry in entries:
        row = by_title[entry["title"].lower()]
        median = headline_median(entry)
        if median is not None:
            assert row["median"] == dollars(median)
        elif spread := members_range(entry):
            # A group without a median of its own: its occupations' range, labelled.
            shown = "–".join(dollars(figure) for figure in sorted(set(spread)))
            assert row["median"] == f"{shown} range of its occupations’ medians"
        else:
            assert row["median"] == "— no figure"
        education = entry["entry_education"].replace("'", "’")
        if education == "See How to Become One":
            education = str(EntryEducation.SEE_PROFILE.label)
        assert row["education"] == education
        assert row["outlook"] == outlook_text(entry)


def test_the_healthcare_page_shows_the_flagships_figures(client, seeded):
    rows = {row["title"]: row for row in table_rows(soup(client.get(field_url("healthcare"))))}

    flagship = rows["medical records specialists"]
    assert flagship == {
        "title": "medical records specialists",
        "link": GUIDE_URL,
        "median": "$51,140",
        "education": "Postsecondary nondegree award",
        "outlook": "+7% (much faster than average)",
    }
    assert rows["medical transcriptionists"]["outlook"] == "-5% (decline)"


def test_a_field_pages_links(client, seeded):
    page = soup(client.get(field_url("healthcare")))

    links = {}
    for row in table_rows(page):
        slug = next(s for s, e in PROFILES.items() if e["title"].lower() == row["title"])
        links[slug] = row["link"]
        # A career a guide covers links straight to the guide (no redirect).
        assert row["link"] == page_of(slug)
        assert client.get(row["link"]).status_code == 200
    assert links[FLAGSHIP] == GUIDE_URL
    assert page.main.find("a", string="career finder")["href"] == "/careers/?field=healthcare"
    assert page.main.find("a", href="https://www.bls.gov/ooh/healthcare/home.htm")


def test_a_field_page_links_to_the_profile_when_the_guide_is_a_draft(client, seeded):
    CareerGuide.objects.filter(occupation__slug=FLAGSHIP).update(status="draft")

    rows = table_rows(soup(client.get(field_url("healthcare"))))

    links = {row["title"]: row["link"] for row in rows}
    assert links["medical records specialists"] == f"/careers/{FLAGSHIP}/"


def test_a_field_page_names_the_source_and_period_of_its_figures(client, seeded):
    caption = text_of(soup(client.get(field_url("healthcare"))).select_one("main table caption"))

    assert "BLS Occupational Employment and Wage Statistics (OEWS), national, May 2025" in caption
    assert "Occupational Outlook Handbook, 2024–34" in caption


def test_a_field_page_has_breadcrumbs(client, seeded):
    page = soup(client.get(field_url("office-and-administrative-support")))

    assert breadcrumbs(page) == [
        ("Home", "/"),
        ("Careers", "/careers/"),
        ("Fields", FIELDS_URL),
        ("Office and Administrative Support", None),
    ]
    trail = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert trail.select("li")[-1]["aria-current"] == "page"


@pytest.mark.parametrize("slug", ["nonsense", "healthcare-x", "HEALTHCARE"])
def test_an_unknown_field_is_a_404(client, seeded, slug):
    assert client.get(field_url(slug)).status_code == 404


def test_the_field_page_takes_the_same_queries_for_10_or_60_careers(client, db):
    release = PayReleaseFactory()
    field = FieldFactory(slug="busy", name="Busy")
    codes = itertools.count(1000)

    def add(count):
        for _ in range(count):
            code = f"97-{next(codes):04d}"
            OccupationFactory(field=field, pay_code=code)
            AreaPayFactory(release=release, soc_code=code)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(field_url("busy"))
        assert response.status_code == 200
        return len(captured.captured_queries), len(table_rows(soup(response)))

    add(9)
    CareerGuideFactory(occupation=OccupationFactory(field=field))
    few, shown_few = queries()
    add(50)
    many, shown_many = queries()

    assert (shown_few, shown_many) == (10, 60)
    assert few == many


# The sitemap ---------------------------------------------------------------------------------


def xml(response):
    return ElementTree.fromstring(response.content)  # noqa: S314 (our own response)


def locations(response) -> list[str]:
    return [loc.text for loc in xml(response).iterfind(".//s:loc", SITEMAP)]


def lastmods(response) -> dict[str, str | None]:
    return {
        url.findtext("s:loc", namespaces=SITEMAP): url.findtext("s:lastmod", namespaces=SITEMAP)
        for url in xml(response).findall("s:url", SITEMAP)
    }


def test_the_sitemap_index_lists_the_fields_section(client, seeded):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert "http://testserver/sitemap-fields.xml" in locations(response)


def test_the_fields_sitemap_lists_every_field_with_published_careers(client, seeded):
    OccupationFactory(field=Field.objects.get(slug="legal"), status="draft")

    response = client.get("/sitemap-fields.xml")

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    expected = {
        f"http://testserver{prefix}{field_url(slug)}"
        for slug in sample_counts()
        for prefix in ("", "/es")  # each in English and in Spanish
    }
    listed = locations(response)
    assert set(listed) == expected
    assert len(listed) == len(expected)
    assert all(lastmods(response).values())
    for location in listed:
        assert client.get(location.removeprefix("http://testserver")).status_code == 200


def test_a_fields_lastmod_is_its_newest_published_career(client, seeded):
    math = Occupation.objects.get(slug="actuaries")
    Occupation.objects.filter(pk=math.pk).update(
        updated_at=datetime.datetime(2027, 3, 4, 12, tzinfo=datetime.UTC)
    )
    draft = OccupationFactory(field=math.field, status="draft")
    Occupation.objects.filter(pk=draft.pk).update(
        updated_at=datetime.datetime(2028, 1, 1, tzinfo=datetime.UTC)
    )

    dates = lastmods(client.get("/sitemap-fields.xml"))

    assert dates["http://testserver/careers/fields/math/"] == "2027-03-04"


def test_the_sections_sitemap_lists_the_fields_page(client, seeded):
    assert "http://testserver/careers/fields/" in locations(client.get("/sitemap-sections.xml"))


def test_the_fields_sitemap_paginates_an_ordered_list(client, seeded):
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        response = client.get("/sitemap-fields.xml")

    assert response.status_code == 200
