"""Pay where you live on a career: "Pay near you" on the career page (an area by name or code
beside the state and the nation), pay by industry, and /careers/<slug>/pay/, every area that
publishes the career, sortable and filterable by state. Figures are checked against the OEWS
sample files the seeded site loads."""

import csv
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import OEWS_AREAS_SAMPLE, OEWS_INDUSTRIES_SAMPLE, soup
from tests.site.test_structured_data import json_ld

pytestmark = pytest.mark.django_db

GUIDE = "/careers/medical-records-specialist/"
CODE = "29-2072"


def sample_rows(path, code=CODE) -> list[dict]:
    with open(path, encoding="utf-8") as rows:
        return [row for row in csv.DictReader(rows) if row["OCC_CODE"] == code]


def money(text: str) -> str:
    return f"${int(Decimal(text)):,}"


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def area_row(title: str) -> dict:
    return next(row for row in sample_rows(OEWS_AREAS_SAMPLE) if row["AREA_TITLE"] == title)


def pay_table(page) -> tuple[list[str], list[list[str]]]:
    table = page.select_one("#pay table.pay-table")
    headers = [text_of(th) for th in table.select("thead th")]
    rows = [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in table.select("tr")]
    return headers, rows


# Pay near you, on the career page ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["abilene", "Abilene, TX", "10180", "  ABILENE  "])
def test_an_area_by_name_or_code_sits_beside_its_state_and_the_nation(client, seeded, typed):
    abilene = area_row("Abilene, TX")

    page = soup(client.get(GUIDE, {"area": typed}))

    headers, rows = pay_table(page)
    assert headers == [
        "Percentile",
        "United States, a year",
        "An hour",
        "Texas, a year",
        "An hour",
        "Abilene, TX, a year",
        "An hour",
    ]
    median = next(row for row in rows if row[0] == "Median")
    assert median[-2:] == [money(abilene["A_MEDIAN"]), f"${abilene['H_MEDIAN']}"]
    jobs = next(row for row in rows if row[0] == "Jobs")
    assert jobs[-1] == f"{int(abilene['TOT_EMP']):,}"
    assert page.select_one("#pay-area")["value"] == "Abilene, TX"
    assert not page.select("#pay-area-error")


def test_an_area_page_is_public_when_it_found_the_area(client, seeded):
    response = client.get(GUIDE, {"area": "10180"})
    assert "public" in response["Cache-Control"]


def test_several_matching_areas_are_offered_as_links(client, seeded):
    response = client.get(GUIDE, {"area": "new york"})
    page = soup(response)

    error = page.select_one("#pay-area-error")
    assert "areas match “new york”. Choose one." in text_of(error)
    links = [a["href"] for a in error.select("a")]
    new_york = area_row("New York-Newark-Jersey City, NY-NJ")
    assert f"{GUIDE}?area={new_york['AREA']}#pay" in links
    headers, _ = pay_table(page)
    assert headers == ["Percentile", "United States, a year", "An hour"]  # the nation's only
    assert "public" not in response["Cache-Control"]  # it repeats what was typed


@pytest.mark.parametrize(
    "typed", ["Atlantis", "<script>alert(1)</script>", "x" * 500, "\x00"], ids=str.__len__
)
def test_an_unknown_area_gets_a_clear_message_and_the_nations_figures(client, seeded, typed):
    response = client.get(GUIDE, {"area": typed})

    assert response.status_code == 200
    page = soup(response)
    error = text_of(page.select_one("#pay-area-error"))
    assert "The figures below are the nation’s." in error
    assert "<script>" not in response.content.decode()
    headers, _ = pay_table(page)
    assert headers == ["Percentile", "United States, a year", "An hour"]
    assert "public" not in response["Cache-Control"]


def test_an_area_without_figures_for_the_career_says_so(client, seeded):
    """One of the sample's areas publishes no figure for medical records specialists."""
    published = {row["AREA"] for row in sample_rows(OEWS_AREAS_SAMPLE)}
    every = {row["AREA"]: row["AREA_TITLE"] for row in sample_rows(OEWS_AREAS_SAMPLE, "11-9111")}
    missing = sorted(set(every) - published)
    assert missing, "the sample has an area without medical records specialists' figures"

    page = soup(client.get(GUIDE, {"area": every[missing[0]]}))

    assert f"BLS publishes no figures for this career in {every[missing[0]]}" in text_of(page)
    headers, _ = pay_table(page)
    assert headers == ["Percentile", "United States, a year", "An hour"]


def test_pay_by_industry_names_the_industries_with_the_most_jobs(client, seeded):
    rows = sample_rows(OEWS_INDUSTRIES_SAMPLE)
    jobs = sorted(
        (row for row in rows if row["TOT_EMP"].isdigit()), key=lambda row: -int(row["TOT_EMP"])
    )

    page = soup(client.get(GUIDE))

    table = page.select_one("#pay-by-industry table")
    shown = [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in table.tbody("tr")]
    assert len(shown) == 8
    top = jobs[0]
    assert shown[0] == [top["NAICS_TITLE"], f"{int(top['TOT_EMP']):,}", money(top["A_MEDIAN"])]
    assert "OEWS" in text_of(table.caption) or "Occupational Employment" in text_of(table.caption)
    assert page.select_one('nav a[href="#pay-by-industry"]')


def test_the_state_table_links_each_state_to_its_areas(client, seeded):
    page = soup(client.get(GUIDE))
    link = page.select_one("#state-TX td.state-areas a")
    assert link["href"] == f"{GUIDE}pay/?state=TX"


# /careers/<slug>/pay/ -------------------------------------------------------------------------


def area_list(page) -> list[list[str]]:
    table = page.select_one("table.area-pay-table")
    return [[text_of(cell) for cell in row.find_all(["th", "td"])] for row in table.tbody("tr")]


def test_the_area_list_gives_every_area_by_median_with_the_best_and_lowest_paid(client, seeded):
    rows = sample_rows(OEWS_AREAS_SAMPLE)
    by_median = sorted(
        (row for row in rows if row["A_MEDIAN"].isdigit()), key=lambda row: -int(row["A_MEDIAN"])
    )

    response = client.get(f"{GUIDE}pay/")

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    page = soup(response)
    shown = area_list(page)
    assert len(shown) == len(rows)
    assert shown[0][:3] == [
        by_median[0]["AREA_TITLE"],
        f"{int(by_median[0]['TOT_EMP']):,}",
        money(by_median[0]["A_MEDIAN"]),
    ]
    best = [" ".join(li.get_text().split()) for li in page.select("#best-heading + ol li")]
    assert best[0] == f"{by_median[0]['AREA_TITLE']}: {money(by_median[0]['A_MEDIAN'])}"
    lowest = [" ".join(li.get_text().split()) for li in page.select("#lowest-heading + ol li")]
    assert lowest[0] == f"{by_median[-1]['AREA_TITLE']}: {money(by_median[-1]['A_MEDIAN'])}"


def test_the_area_list_filters_by_state_and_sorts_by_jobs(client, seeded):
    in_new_york = [row for row in sample_rows(OEWS_AREAS_SAMPLE) if "NY" in row["AREA_STATES"]]
    by_jobs = sorted(  # most first, areas BLS released no count for last, ties by name
        in_new_york,
        key=lambda row: (
            not row["TOT_EMP"].isdigit(),
            -int(row["TOT_EMP"]) if row["TOT_EMP"].isdigit() else 0,
            row["AREA_TITLE"],
        ),
    )

    page = soup(client.get(f"{GUIDE}pay/", {"state": "NY", "sort": "jobs"}))

    shown = area_list(page)
    assert [row[0] for row in shown] == [row["AREA_TITLE"] for row in by_jobs]
    assert "in New York" in text_of(page.select_one("table.area-pay-table caption"))
    # The sort links keep the state.
    assert page.select_one('thead a[href$="?state=NY&sort=median"]')


@pytest.mark.parametrize(
    "query",
    [{"state": "ZZ"}, {"sort": "salary"}, {"state": "<script>", "sort": "\x00"}],
    ids=["state", "sort", "hostile"],
)
def test_the_area_list_answers_bad_filters_with_a_clear_message(client, seeded, query):
    response = client.get(f"{GUIDE}pay/", query)

    assert response.status_code == 400
    page = soup(response)
    assert page.select('form [role="alert"]')
    assert "<script>" not in response.content.decode()
    assert len(area_list(page)) == len(sample_rows(OEWS_AREAS_SAMPLE))  # every area still


def test_the_area_list_reads_the_same_queries_for_a_small_and_a_large_list(client, seeded):
    def queries(query):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{GUIDE}pay/", query).status_code == 200
        return len(captured)

    assert queries({"state": "NY"}) == queries({})


def test_an_unknown_career_has_no_area_list(client, seeded):
    assert client.get("/careers/no-such-career/pay/").status_code == 404


def test_the_occupation_json_ld_gives_the_chosen_areas_salary_and_location(client, seeded):
    abilene = area_row("Abilene, TX")

    occupation = json_ld(client.get(GUIDE, {"area": abilene["AREA"]}))["Occupation"]

    assert occupation["occupationLocation"] == [
        {"@type": "Country", "name": "United States"},
        {"@type": "AdministrativeArea", "name": "Abilene, TX"},
    ]
    area_salary = occupation["estimatedSalary"][1]
    assert area_salary["median"] == float(abilene["A_MEDIAN"])
    assert area_salary["description"].startswith("Annual pay, Abilene, TX, May 2025")
