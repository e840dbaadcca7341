"""A handbook profile's public page, /careers/<slug>/: facts, pay, pay by state, similar ones.

Figures are read from the fixture files the `seeded` fixture loads (tests/fixtures/ooh), so
the assertions follow the data rather than copies of it.
"""

import csv
import datetime
import json
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guides.models import CareerGuide
from occupations.models import AreaPay, AreaType, CodeLevel, Occupation, SimilarOccupation
from occupations.onet_models import OnetOccupation
from occupations.state_map import LAYOUT
from tests.conftest import OEWS_SAMPLE, OOH_SAMPLE, forget_everything_cached, soup
from tests.factories import (
    AreaPayFactory,
    OccupationCodeFactory,
    OccupationFactory,
    PayReleaseFactory,
)
from tests.occupations.guide_packs import COVERED, page_of

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
FLAGSHIP = "medical-records-and-health-information-technicians"
SUMMARIES = Path(__file__).resolve().parents[2] / "data" / "ooh" / "summaries.json"
SAMPLE = json.loads(OOH_SAMPLE.read_text(encoding="utf-8"))
PROFILES = {entry["slug"]: entry for entry in SAMPLE["occupations"]}
TOP_CODED_ANNUAL = "$239,200 or more"
# The pay table's row headers: the percentile, and what a job seeker calls the ends of it.
PERCENTILES = [
    ("10th percentile (entry level)", "A_PCT10", "H_PCT10"),
    ("25th percentile", "A_PCT25", "H_PCT25"),
    ("Median", "A_MEDIAN", "H_MEDIAN"),
    ("75th percentile", "A_PCT75", "H_PCT75"),
    ("90th percentile (experienced)", "A_PCT90", "H_PCT90"),
]


def oews_rows() -> list[dict]:
    with OEWS_SAMPLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


OEWS = oews_rows()


def oews(code: str, postal: str = "US") -> dict | None:
    return next(
        (row for row in OEWS if row["OCC_CODE"] == code and row["PRIM_STATE"] == postal), None
    )


def state_rows(code: str) -> list[dict]:
    """The CSV's state and territory rows (AREA_TYPE 2 and 3) for a code."""
    return [row for row in OEWS if row["OCC_CODE"] == code and row["AREA_TYPE"] in ("2", "3")]


def annual(text: str) -> str:
    """A CSV annual wage as the page writes it."""
    text = text.replace(",", "")
    if text == "#":
        return TOP_CODED_ANNUAL
    if text in ("", "*"):
        return "not published"
    return f"${Decimal(text).quantize(Decimal(1)):,}"


def hourly(text: str) -> str:
    text = text.replace(",", "")
    if text == "#":
        return "$115.00 or more"
    if text in ("", "*"):
        return "not published"
    return f"${Decimal(text).quantize(Decimal('0.01')):,}"


def education_label(text: str) -> str:
    """BLS's wording in the sample as the page shows it (typographic apostrophes)."""
    if text == "See How to Become One":
        return "Varies (see how to become one)"
    return text.replace("'", "’")


def url(slug: str) -> str:
    return f"/careers/{slug}/"


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def quick_facts(page) -> dict[str, str]:
    facts = page.find(id="quick-facts-heading").find_parent("aside")
    return {text_of(term): text_of(term.find_next_sibling("dd")) for term in facts.find_all("dt")}


def pay_table_rows(page) -> dict[str, list[str]]:
    table = page.select_one("#pay table.pay-table")
    return {
        text_of(row.th): [text_of(cell) for cell in row.find_all("td")]
        for row in table.tbody.find_all("tr")
    }


def by_code_rows(page) -> dict[str, list[str]]:
    """The pay section's table of detailed occupations: {SOC code: [jobs, p10, median, p90]}."""
    table = next(
        table
        for table in page.select("#pay table")
        if not {"pay-table", "pay-history"} & set(table.get("class", []))
    )
    rows = {}
    for row in table.tbody.find_all("tr"):
        code = text_of(row.th).rsplit("(", 1)[1].rstrip(")")
        rows[code] = [text_of(cell) for cell in row.find_all("td")]
    return rows


def figure(cell) -> bool:
    """A figure's cell, not the link to the state's areas."""
    return "state-areas" not in (cell.get("class") or [])


def state_table(page) -> list[list[str]]:
    table = page.select_one("#pay-by-state table.state-pay-table")
    return [
        [text_of(row.th), *(text_of(cell) for cell in row.find_all("td") if figure(cell))]
        for row in table.tbody.find_all("tr")
    ]


def map_tiles(page) -> list:
    return page.select("#pay-by-state figure.state-map svg > a")


def uncover(slug: str) -> None:
    """Make the guide that covers this profile a draft, so the public sees the profile itself
    (as when a guide is unpublished); saved, so pages cached before are not served."""
    guide = CareerGuide.objects.get(occupation__slug=slug)
    guide.status = "draft"
    guide.save()


# The flagship's national figures in the releases before the sample's May 2025 (BLS OEWS,
# 29-2072): the 10th percentile, the median and the 90th, as the guide gave them before.
EARLIER_FLAGSHIP_PAY = {
    ("2023A01", "May 2023", datetime.date(2024, 4, 3)): {
        "annual_p10": Decimal("35080"),
        "annual_median": Decimal("48780"),
        "annual_p90": Decimal("77810"),
    },
    ("2024A01", "May 2024", datetime.date(2025, 4, 2)): {
        "annual_p10": Decimal("35780"),
        "annual_median": Decimal("50250"),
        "annual_p90": Decimal("80950"),
        "hourly_median": Decimal("24.16"),
    },
}


# The figures AreaPayFactory fills in unless told otherwise.
FACTORY_WAGES = (
    "annual_p10",
    "annual_p25",
    "annual_median",
    "annual_p75",
    "annual_p90",
    "hourly_median",
)


def add_earlier_flagship_pay(code: str = "29-2072") -> None:
    """The flagship's code in May 2023 and May 2024 (national figures), beside the seeded May
    2025: its page then has a history of three releases. Figures already held for those
    releases are replaced, so the history is always these."""
    for (release_code, name, published), figures in EARLIER_FLAGSHIP_PAY.items():
        release = PayReleaseFactory(code=release_code, name=name, published=published)
        AreaPay.objects.filter(release=release, soc_code=code, area_type=AreaType.NATIONAL).delete()
        AreaPayFactory(
            release=release,
            soc_code=code,
            soc_title="Medical Records Specialists",
            **(dict.fromkeys(FACTORY_WAGES) | figures),  # only these figures, none made up
        )


def largest_detailed(slug: str) -> dict:
    detailed = [code for code in PROFILES[slug]["soc_codes"] if code["level"] == "detailed"]
    return max(detailed, key=lambda code: code["jobs"] or 0)


# Every profile of the sample ------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(PROFILES))
def test_every_sample_profile_has_a_public_page(client, seeded, slug):
    response = client.get(url(slug))

    if slug in COVERED:
        # A guide covers this profile (the flagship's among them): one page per career.
        assert response.status_code == 301
        assert response["Location"] == COVERED[slug]
        assert client.get(COVERED[slug]).status_code == 200
        if slug == FLAGSHIP:
            assert response["Location"] == GUIDE_URL
        # With its guide a draft, the profile is the public page again.
        uncover(slug)
        response = client.get(url(slug))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    page = soup(response)
    entry = PROFILES[slug]
    assert text_of(page.h1).lower() == entry["title"].lower()
    summary = json.loads(SUMMARIES.read_text(encoding="utf-8"))["summaries"][slug]
    assert text_of(page.select_one("header p.lead")) == summary
    sources = page.find(id="sources")
    assert sources.find("a", href=entry["url"]) is not None


@pytest.mark.parametrize(
    "slug", sorted(slug for slug, entry in PROFILES.items() if entry["jobs"] and slug != FLAGSHIP)
)
def test_quick_facts_give_bls_education_jobs_outlook_and_openings(client, seeded, slug):
    if slug in COVERED:
        uncover(slug)  # the profile's own page, not its guide's
    entry = PROFILES[slug]
    facts = quick_facts(soup(client.get(url(slug))))

    assert facts["Typical entry education"] == education_label(entry["entry_education"])
    assert facts["Jobs, 2024"] == f"{entry['jobs']:,}"
    sign = "+" if entry["outlook_percent"] > 0 else ""
    assert facts["Job outlook, 2024–34"].startswith(
        f"{sign}{entry['outlook_percent']}% ({entry['outlook_label'].lower()})"
    )
    assert facts["Openings a year"].startswith(f"About {entry['openings_per_year']:,}")


@pytest.mark.parametrize("slug", ["information-clerks"])
def test_outlook_sentence_adds_up(client, seeded, slug):
    entry = PROFILES[slug]
    outlook = text_of(soup(client.get(url(slug))).find(id="outlook"))

    expected = entry["jobs"] + entry["employment_change"]
    assert f"to {expected:,} in 2034" in outlook


# National pay -------------------------------------------------------------------------------


def test_national_percentiles_match_oews_annual_and_hourly(client, seeded):
    row = oews("15-2011")
    page = soup(client.get(url("actuaries")))

    assert pay_table_rows(page) == {
        label: [annual(row[a]), hourly(row[h])] for label, a, h in PERCENTILES
    }
    assert quick_facts(page)["Median pay"].startswith(
        f"{annual(row['A_MEDIAN'])} a year ({hourly(row['H_MEDIAN'])} an hour)"
    )


def test_pay_chart_is_described_and_names_release_and_source(client, seeded):
    row = oews("15-2011")
    pay = soup(client.get(url("actuaries"))).find(id="pay")

    svg = pay.select_one("figure.pay-chart svg")
    title = svg.find("title")
    assert svg["aria-labelledby"] == title["id"]
    assert "May 2025" in title.string
    for _, column, _ in PERCENTILES:
        assert annual(row[column]) in title.string
    caption = text_of(pay.select_one("figure.pay-chart figcaption"))
    assert "May 2025" in caption
    assert "BLS Occupational Employment and Wage Statistics (OEWS)" in caption
    assert pay.select_one("figure.pay-chart figcaption a")["href"].startswith("https://www.bls.gov")


def test_a_state_is_shown_beside_the_nation(client, seeded):
    national, texas = oews("15-2011"), oews("15-2011", "TX")

    response = client.get(url("actuaries"), {"state": "Texas"})

    assert response["Cache-Control"].startswith("public")
    page = soup(response)
    table = page.select_one("#pay table.pay-table")
    headers = [text_of(cell) for cell in table.thead.find_all("th")]
    assert headers[3] == "Texas, a year"
    assert pay_table_rows(page) == {
        label: [annual(national[a]), hourly(national[h]), annual(texas[a]), hourly(texas[h])]
        for label, a, h in PERCENTILES
    }
    assert page.select_one("#pay-state option[selected]").string == "Texas"
    assert page.find(id="pay-state-error") is None


def test_an_unknown_state_says_so_keeps_the_nation_and_is_private(client, seeded):
    national = oews("15-2011")

    response = client.get(url("actuaries"), {"state": "Nowhere"})

    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    error = page.find(id="pay-state-error")
    assert "We have no pay figures for that state" in text_of(error)
    assert page.find(id="pay-state")["aria-describedby"] == "pay-state-error"
    assert pay_table_rows(page) == {
        label: [annual(national[a]), hourly(national[h])] for label, a, h in PERCENTILES
    }


# A group BLS's pay survey does not publish (secretaries) ------------------------------------


def test_a_group_without_a_figure_lists_each_detailed_occupation(client, seeded):
    slug = "secretaries-and-administrative-assistants"
    detailed = [c["soc_code"] for c in PROFILES[slug]["soc_codes"] if c["level"] == "detailed"]
    assert detailed == ["43-6011", "43-6012", "43-6013", "43-6014"]
    assert oews("43-6000") is None  # BLS publishes no figure for the group

    page = soup(client.get(url(slug)))

    assert "Median pay" not in " ".join(quick_facts(page))
    pay = page.find(id="pay")
    assert pay.select_one("table.pay-table") is None  # no headline national table
    assert pay.select_one("figure.pay-chart") is None
    assert "BLS publishes no pay figure for the group as a whole" in text_of(pay)
    rows = by_code_rows(page)
    assert list(rows) == detailed
    for code in detailed:
        row = oews(code)
        assert rows[code] == [
            f"{int(row['TOT_EMP']):,}",
            annual(row["A_PCT10"]),
            annual(row["A_MEDIAN"]),
            annual(row["A_PCT90"]),
        ]


def test_a_group_without_a_figure_maps_its_largest_occupation_and_says_so(client, seeded):
    slug = "secretaries-and-administrative-assistants"
    largest = largest_detailed(slug)
    assert largest["soc_code"] == "43-6014"

    section = soup(client.get(url(slug))).find(id="pay-by-state")

    intro = text_of(section.p)
    assert f"({largest['soc_code']}), the largest occupation in this group" in intro
    assert largest["title"].lower() in intro
    by_postal = {row["PRIM_STATE"]: row for row in state_rows(largest["soc_code"])}
    for tile in map_tiles(section):
        postal = tile.find("text").string
        if postal in by_postal and by_postal[postal]["A_MEDIAN"] not in ("*", "#"):
            assert annual(by_postal[postal]["A_MEDIAN"]) in tile["aria-label"]


def test_an_ignored_state_is_not_written_into_a_public_page(client, seeded):
    response = client.get(url("secretaries-and-administrative-assistants"), {"state": "Zqxwv"})

    assert not (response["Cache-Control"].startswith("public") and b"Zqxwv" in response.content)


# A group with national figures only (dentists) ----------------------------------------------


def test_a_group_headline_is_the_whole_group(client, seeded):
    row = oews("29-1020")

    page = soup(client.get(url("dentists")))

    facts = quick_facts(page)
    assert facts["Median pay (whole group)"].startswith(f"{annual(row['A_MEDIAN'])} a year")
    pay = page.find(id="pay")
    assert "These figures are for the whole group, 29-1020" in text_of(pay)
    assert pay_table_rows(page)["Median"] == [annual(row["A_MEDIAN"]), hourly(row["H_MEDIAN"])]
    detailed = [
        c["soc_code"] for c in PROFILES["dentists"]["soc_codes"] if c["level"] == "detailed"
    ]
    rows = by_code_rows(page)
    assert list(rows) == detailed
    for code in detailed:
        assert rows[code][2] == annual(oews(code)["A_MEDIAN"])


def test_a_group_without_state_rows_maps_its_largest_occupation_and_says_so(client, seeded):
    assert state_rows("29-1020") == []
    largest = largest_detailed("dentists")
    assert largest["soc_code"] == "29-1021"

    section = soup(client.get(url("dentists"))).find(id="pay-by-state")

    intro = text_of(section.p)
    assert "dentists, general (29-1021), the largest occupation in this group" in intro
    assert "BLS publishes no state figures for the group as a whole" in intro
    table = state_table(section)
    expected = sorted(state_rows("29-1021"), key=lambda row: row["AREA_TITLE"])
    assert [row[0] for row in table] == [row["AREA_TITLE"] for row in expected]
    for shown, row in zip(table, expected, strict=True):
        assert shown[2:] == [
            annual(row["A_MEDIAN"]),
            annual(row["A_PCT10"]),
            annual(row["A_PCT90"]),
        ]


def test_top_coded_figures_are_never_shown_as_numbers(client, seeded):
    """Every dentist figure on the page from a "#" in the CSV reads "$239,200 or more"."""
    page = soup(client.get(url("dentists")))

    shown = state_table(page)
    rows = {row["AREA_TITLE"]: row for row in state_rows("29-1021")}
    for name, _jobs, median, p10, p90 in shown:
        for cell, column in ((median, "A_MEDIAN"), (p10, "A_PCT10"), (p90, "A_PCT90")):
            assert cell == annual(rows[name][column])
    for code, (_jobs, p10, median, p90) in by_code_rows(page).items():
        row = oews(code)
        assert [p10, median, p90] == [annual(row[c]) for c in ("A_PCT10", "A_MEDIAN", "A_PCT90")]


def make_profile(codes=1, similar=0, states=("CA", "TX"), top_coded="", earlier=0):
    """A factory-made profile with pay for its first code (nation and `states`), and the
    nation's figures for it in `earlier` releases before the current one."""
    release = PayReleaseFactory()
    occupation = OccupationFactory()
    made = []
    for index in range(codes):
        level = CodeLevel.SINGLE if codes == 1 else CodeLevel.GROUP if index == 0 else "detailed"
        made.append(
            OccupationCodeFactory(occupation=occupation, level=level, position=index, jobs=1000)
        )
    first = made[0].soc_code
    # As import_ooh sets it: the code the profile's one figure is for.
    Occupation.objects.filter(pk=occupation.pk).update(pay_code=first)
    AreaPayFactory(release=release, soc_code=first, top_coded=top_coded, **blank(top_coded))
    names = {"CA": ("06", "California"), "TX": ("48", "Texas"), "NY": ("36", "New York")}
    for index, postal in enumerate(states):
        code, name = names.get(postal, (f"{60 + index}", postal))
        AreaPayFactory(
            release=release,
            soc_code=first,
            area_type="state",
            area_code=code,
            area_name=name,
            postal=postal,
            annual_median=Decimal(40000 + 1000 * index),
        )
    for code in made[1:]:
        AreaPayFactory(release=release, soc_code=code.soc_code)
    for years_before in range(1, earlier + 1):
        year = release.published.year - years_before
        before = PayReleaseFactory(
            code=f"{year - 1}A01", name=f"May {year - 1}", published=datetime.date(year, 5, 15)
        )
        AreaPayFactory(
            release=before, soc_code=first, annual_median=Decimal(45000 - 1000 * years_before)
        )
    for index in range(similar):
        other = OccupationFactory()
        other_code = OccupationCodeFactory(occupation=other)
        Occupation.objects.filter(pk=other.pk).update(pay_code=other_code.soc_code)
        AreaPayFactory(release=release, soc_code=other_code.soc_code)
        SimilarOccupation.objects.create(occupation=occupation, similar=other, position=index)
    return occupation


def blank(top_coded: str) -> dict:
    return dict.fromkeys(top_coded.split())


def test_top_coded_national_figures_read_as_at_or_above_the_top_wage(client, db):
    occupation = make_profile(top_coded="annual_p90 hourly_p90")

    page = soup(client.get(occupation.get_absolute_url()))

    ninetieth = pay_table_rows(page)["90th percentile (experienced)"]
    assert ninetieth == [TOP_CODED_ANNUAL, "$115.00 or more"]


def top_coded_state(occupation, postal="NY", name="New York"):
    code = occupation.codes.first().soc_code
    return AreaPayFactory(
        release=PayReleaseFactory(),
        soc_code=code,
        area_type="state",
        area_code="36",
        area_name=name,
        postal=postal,
        annual_median=None,
        annual_p75=None,
        annual_p90=None,
        top_coded="annual_median annual_p75 annual_p90",
    )


def test_a_top_coded_state_median_reads_as_at_or_above_the_top_wage_in_the_table(client, db):
    occupation = make_profile(states=("CA", "TX"))
    top_coded_state(occupation)

    page = soup(client.get(occupation.get_absolute_url()))

    rows = {row[0]: row for row in state_table(page)}
    assert rows["New York"][2] == TOP_CODED_ANNUAL
    assert rows["New York"][4] == TOP_CODED_ANNUAL


def test_a_top_coded_state_median_is_not_called_missing_on_the_map(client, db):
    occupation = make_profile(states=("CA", "TX"))
    top_coded_state(occupation)

    section = soup(client.get(occupation.get_absolute_url())).find(id="pay-by-state")

    tile = next(t for t in map_tiles(section) if t.find("text").string == "NY")
    assert "no estimate" not in tile["aria-label"]
    legend = text_of(section.find("ul", attrs={"aria-labelledby": "state-map-key"}))
    assert "New York" not in legend


def test_a_top_coded_median_is_not_called_unpublished_in_quick_facts(client, db):
    occupation = make_profile(top_coded="annual_median hourly_median annual_p75 annual_p90")

    page = soup(client.get(occupation.get_absolute_url()))

    assert pay_table_rows(page)["Median"][0] == TOP_CODED_ANNUAL
    assert quick_facts(page)["Median pay"].startswith(TOP_CODED_ANNUAL)


def test_no_state_is_offered_that_cannot_be_compared_like_with_like(client, seeded):
    """Dentists: the headline is the whole group (29-1020), whose state figures BLS does not
    publish; the map shows dentists, general (29-1021). Offering its states beside the group's
    national figures would mix levels, so no state is offered and the tiles lead to the rows."""
    page = soup(client.get(url("dentists")))

    assert page.select("#pay-state option") == []
    tiles = map_tiles(page.find(id="pay-by-state"))
    texas = next(tile for tile in tiles if tile.find("text").string == "TX")
    assert texas["href"] == "#state-TX"
    assert page.find("tr", id="state-TX") is not None
    response = client.get(url("dentists"), {"state": "Texas"})
    assert soup(response).find(id="pay-state-error") is None
    assert response["Cache-Control"].startswith("public")


# The map and the table of states ------------------------------------------------------------


def test_map_has_a_link_per_tile_and_each_state_with_figures_links_to_them(client, seeded):
    rows = {row["PRIM_STATE"]: row for row in state_rows("15-2011")}

    section = soup(client.get(url("actuaries"))).find(id="pay-by-state")

    tiles = map_tiles(section)
    assert len(tiles) == len(LAYOUT)
    assert sorted(tile.find("text").string for tile in tiles) == sorted(LAYOUT)
    for tile in tiles:
        postal = tile.find("text").string
        link = urlsplit(tile["href"])
        if postal in rows:
            assert link.path == url("actuaries")
            assert parse_qs(link.query) == {"state": [rows[postal]["AREA_TITLE"]]}
            assert link.fragment == "pay"
            assert annual(rows[postal]["A_MEDIAN"]) in tile["aria-label"]
        else:
            # No figures: the tile leads to no state (the table says which have none).
            assert "state" not in parse_qs(link.query)
            assert "no estimate published" in tile["aria-label"]
    legend = section.find("ul", attrs={"aria-labelledby": "state-map-key"})
    assert len(legend.find_all("li")) >= 2
    assert text_of(section.find(id="state-map-key")) == "Median annual pay"
    svg_title = section.select_one("figure.state-map svg > title")
    assert section.select_one("figure.state-map svg")["aria-labelledby"] == svg_title["id"]


def test_a_tile_link_shows_that_state_beside_the_nation(client, seeded):
    section = soup(client.get(url("actuaries"))).find(id="pay-by-state")
    tile = next(t for t in map_tiles(section) if t.find("text").string == "NY")

    page = soup(client.get(tile["href"]))

    assert page.select_one("#pay-state option[selected]").string == "New York"
    assert pay_table_rows(page)["Median"][2] == annual(oews("15-2011", "NY")["A_MEDIAN"])


def test_state_table_lists_every_state_row_sorted_by_name(client, seeded):
    expected = sorted(state_rows("15-2011"), key=lambda row: row["AREA_TITLE"])

    section = soup(client.get(url("actuaries"))).find(id="pay-by-state")

    table = state_table(section)
    assert table == [
        [
            row["AREA_TITLE"],
            f"{int(row['TOT_EMP']):,}",
            annual(row["A_MEDIAN"]),
            annual(row["A_PCT10"]),
            annual(row["A_PCT90"]),
        ]
        for row in expected
    ]
    headers = section.select("table.state-pay-table thead th")
    assert headers[0]["aria-sort"] == "ascending"
    assert not headers[2].has_attr("aria-sort")
    sort_link = urlsplit(headers[2].a["href"])
    assert parse_qs(sort_link.query) == {"sort": ["median"]}


def test_state_table_sorts_by_median_highest_first(client, seeded):
    def median(row):
        return Decimal(row["A_MEDIAN"].replace(",", ""))

    expected = sorted(state_rows("15-2011"), key=median, reverse=True)

    section = soup(client.get(url("actuaries"), {"sort": "median"})).find(id="pay-by-state")

    assert [row[0] for row in state_table(section)] == [row["AREA_TITLE"] for row in expected]
    headers = section.select("table.state-pay-table thead th")
    assert headers[2]["aria-sort"] == "descending"
    assert not headers[0].has_attr("aria-sort")
    assert parse_qs(urlsplit(headers[0].a["href"]).query) == {"sort": ["state"]}
    assert "sorted by median pay, highest first" in text_of(section.select_one("caption"))


def test_sort_links_keep_the_chosen_state_encoded(client, seeded):
    section = soup(client.get(url("actuaries"), {"state": "New York"})).find(id="pay-by-state")

    href = section.select("table.state-pay-table thead th")[2].a["href"]
    assert " " not in href
    assert parse_qs(urlsplit(href).query) == {"state": ["New York"], "sort": ["median"]}


# Similar occupations ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug", sorted(slug for slug in PROFILES if slug != FLAGSHIP and PROFILES[slug]["similar"])
)
def test_similar_occupations_link_to_the_sample_profiles_with_their_median(client, seeded, slug):
    in_sample = [s["slug"] for s in PROFILES[slug]["similar"] if s["slug"] in PROFILES]
    if slug in COVERED:
        uncover(slug)  # the profile's own page, not its guide's

    page = soup(client.get(url(slug)))

    section = page.find(id="similar")
    if not in_sample:
        assert section is None
        return
    items = section.select("ul.similar-occupations li")
    assert len(items) == len(in_sample)
    for item, other in zip(items, in_sample, strict=True):
        link = item.a["href"]
        # A profile a guide covers may be linked directly or through its redirect.
        assert link in (url(other), page_of(other))
        first = PROFILES[other]["soc_codes"][0]
        row = oews(first["soc_code"])
        details = text_of(item)
        if row is not None and first["level"] != "detailed":
            assert f"median {annual(row['A_MEDIAN'])} a year" in details
        elif row is None:
            assert "median" not in details


def test_similar_occupations_leave_out_unpublished_profiles(client, seeded):
    draft = OccupationFactory(status="draft", title="Secret draft workers")
    actuaries = Occupation.objects.get(slug="actuaries")
    SimilarOccupation.objects.create(occupation=actuaries, similar=draft)

    response = client.get(url("actuaries"))

    assert b"Secret draft workers" not in response.content


# A profile without statistics ---------------------------------------------------------------


def test_a_profile_without_statistics_points_to_the_handbook(client, seeded):
    entry = PROFILES["military-careers"]

    response = client.get(url("military-careers"))

    assert response.status_code == 200
    page = soup(response)
    assert page.find(id="pay") is None
    assert page.find(id="pay-by-state") is None
    assert page.find(id="outlook") is None
    how = page.find(id="how-to-become")
    assert "The handbook describes the ways in" in text_of(how)
    assert how.a["href"].startswith(entry["url"])


# Queries, drafts --------------------------------------------------------------------------


def page_queries(client, path) -> int:
    """The queries of a page built whole: nothing of it cached (core.page_parts)."""
    forget_everything_cached()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_a_profile_page_takes_the_same_queries_whatever_its_size(client, seeded):
    # Pay and similar occupations of every size; what O*NET says has its own count
    # (tests/occupations/test_work_sections.py), so it is left out here.
    OnetOccupation.objects.all().delete()
    big = make_profile(codes=6, similar=15, states=("CA", "TX", "NY", "AK", "AL", "FL"), earlier=3)
    small = make_profile(codes=1, similar=1, states=("CA", "TX"))
    assert soup(client.get(big.get_absolute_url())).select_one("#pay table.pay-history")

    with_similar = {
        path: page_queries(client, path)
        for path in (
            url("pharmacy-technicians"),  # 1 code, 3 similar
            big.get_absolute_url(),  # 6 codes, 15 similar, 4 releases
            small.get_absolute_url(),  # 1 code, 1 similar, 1 release
        )
    }
    # Without similar profiles their medians' query is skipped, no more (their headline code is
    # the stored pay_code, so their codes need no query of their own).
    without_similar = {
        path: page_queries(client, path) for path in (url("actuaries"), url("dentists"))
    }
    # A group BLS publishes no figure for has no headline, so no history and no industries of
    # it to read: those two queries are skipped, no more.
    no_headline = page_queries(client, url("secretaries-and-administrative-assistants"))

    assert len(set(with_similar.values())) == 1, with_similar
    assert len(set(without_similar.values())) == 1, without_similar
    assert set(with_similar.values()).pop() - set(without_similar.values()).pop() == 1
    assert set(with_similar.values()).pop() - no_headline == 2


def test_a_second_address_of_a_profile_reuses_its_parts(client, seeded):
    """The parts that are the same for every address are built once per content version:
    another state's page takes fewer queries and gives the same sections."""
    first = page_queries(client, url("actuaries") + "?state=Texas")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url("actuaries"), {"state": "New York"})

    assert len(queries.captured_queries) < first
    page = soup(second)
    forget_everything_cached()
    fresh = soup(client.get(url("actuaries"), {"state": "New York"}))  # built whole
    for section in ("work", "similar", "pay-by-state", "pay-by-industry", "sources"):
        assert str(page.find(id=section)) == str(fresh.find(id=section))
    assert "New York, a year" in page.find(id="pay").get_text()


def test_an_editors_change_reaches_the_cached_parts_at_once(client, seeded):
    client.get(url("actuaries"))
    profile = Occupation.objects.get(slug="actuaries")
    profile.summary = "Actuaries measure risk so that insurers can price it."
    profile.save()
    duty = profile.duties.first()
    duty.text = "Price a new insurance policy from claims data."
    duty.save()

    page = soup(client.get(url("actuaries"), {"state": "Texas"}))

    assert "Price a new insurance policy from claims data." in page.find(id="duties").get_text()


def test_a_draft_profile_is_not_found_by_the_public(staff_client, db):
    draft = OccupationFactory(status="draft")

    assert Client().get(draft.get_absolute_url()).status_code == 404
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]


# The flagship guide shows the profile's sections --------------------------------------------


def test_the_flagship_guide_shows_the_profile_sections(client, seeded):
    add_earlier_flagship_pay()

    response = client.get(GUIDE_URL)

    assert response.status_code == 200
    page = soup(response)
    facts = quick_facts(page)
    assert facts["Median pay"].startswith("$51,140 a year")
    assert "May 2025" in facts["Median pay"]
    by_state = page.find(id="pay-by-state")
    assert text_of(by_state.h2) == "Pay by state"
    assert len(map_tiles(by_state)) == len(LAYOUT)
    rows = {row[0]: row[2] for row in state_table(by_state)}
    assert rows["California"] == "$61,810"
    assert rows["Texas"] == "$48,860"
    history = page.select_one("#pay table.pay-history")
    periods = [text_of(cell) for cell in history.thead.find_all("th")[1:]]
    assert periods[-3:] == ["May 2023", "May 2024", "May 2025"]
    median_row = next(row for row in history.tbody.find_all("tr") if text_of(row.th) == "Median")
    assert [text_of(cell) for cell in median_row.find_all("td")][-3:] == [
        "$48,780",
        "$50,250",
        "$51,140",
    ]
    assert text_of(page.select_one("#pay p.pay-change")) == (
        "How pay changed: the national median rose 1.8%, from $50,250 in May 2024 to $51,140 "
        "in May 2025 (before inflation)."
    )
    assert page.find(id="outlook") is not None
    assert page.find(id="employers") is not None
    similar = page.find(id="similar")
    links = [a["href"] for a in similar.select("ul.similar-occupations a")]
    # A neighbour a guide covers is linked straight to that guide.
    hit = page_of("health-information-technologists-and-medical-registrars")
    assert hit == "/careers/health-information-technologist/"
    assert hit in links
    row = oews("29-9021")
    item = similar.find("a", href=hit)
    assert f"median {annual(row['A_MEDIAN'])} a year" in text_of(item.parent)
