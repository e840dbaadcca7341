"""`?area=` wherever a list of careers offers `?state=`: the finder, careers side by side, the
matcher's results and next steps. Each shows the area's median for every career listed (read
here from the AreaPay rows the `seeded` fixture imports from the OEWS area sample), says "not
published here" where BLS has none, takes a code or a name, names an area it cannot find (with
the nation's figures, never a 500), and takes no more queries for another area."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from occupations.models import AreaPay, AreaType, Occupation, PayRelease
from tests.careers import test_compare as compare_page
from tests.careers import test_finder as finder
from tests.conftest import soup
from tests.factories import AreaPayFactory, FieldFactory, PayReleaseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

ABILENE, ALBANY = "10180", "10580"  # "Abilene, TX", "Albany-Schenectady-Troy, NY"
FLAGSHIP = "medical-records-and-health-information-technicians"
FLAGSHIP_GUIDE = "medical-records-specialist"
HOSTILE = ["<script>alert(1)</script>", "x" * 500, "\x00", "Abilene\x00<b>"]
UNKNOWN = "We know no metropolitan or nonmetropolitan area called “Atlantis”"
NOT_HERE = "not published here"


@pytest.fixture(autouse=True)
def steady_content_version(monkeypatch):
    """Query counts compare like with like: the content version is not read again because a
    slow machine took more than a second between two requests (only after a save)."""
    monkeypatch.setattr("core.content_version.VERSION_TTL", 3600.0)


def in_area(code: str = ABILENE) -> dict[str, AreaPay]:
    """{SOC code: its AreaPay} in one area, as imported."""
    rows = AreaPay.objects.filter(release=PayRelease.current(), area_code=code)
    return {row.soc_code: row for row in rows}


def median_text(row: AreaPay | None, suffix: str = "") -> str:
    """An area's annual median as the pages write it, or what they say when there is none."""
    if row is None or row.annual_median is None:
        return NOT_HERE
    return f"${row.annual_median:,.0f}{suffix}"


def pay_code(slug: str) -> str:
    return Occupation.objects.get(slug=slug).pay_code


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def assert_safe(response) -> None:
    """Said back escaped, with no NUL, and never a server error."""
    assert response.status_code in (200, 400)
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<b>" not in content
    assert "\x00" not in content


def queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_sample_has_what_these_tests_expect():
    abilene = in_area()
    assert abilene[pay_code(FLAGSHIP)].annual_median == 48_390
    assert pay_code("actuaries") not in abilene  # a career BLS publishes nothing for there
    assert in_area(ALBANY)


# The finder ----------------------------------------------------------------------------------


def finder_rows(client, params) -> list[dict]:
    return finder.rows(soup(finder.get(client, params)))


@pytest.mark.parametrize("typed", [ABILENE, "abilene", "Abilene, TX"])
def test_the_finder_shows_the_areas_median_for_every_career(client, typed):
    response = finder.get(client, {"area": typed})

    assert finder.is_public(response)
    page = soup(response)
    labels = list(finder.headings(page))
    assert labels.index("Abilene, TX median") == labels.index("Median pay") + 1
    abilene = in_area()
    listed = finder.rows(page)
    assert len(listed) == len(finder.CAREERS)
    for row in listed:
        career = finder.BY_TITLE[row["title"]]
        assert finder.pay_of(row["Median pay"]) == career.pay_order, row["title"]
        expected = median_text(abilene.get(pay_code(career.slug)))
        assert row["Abilene, TX median"] == expected, row["title"]
    assert "OEWS May 2025" in text_of(page.find(id="area-note"))
    box = page.find("input", attrs={"name": "area"})
    assert (box["type"], box["maxlength"], box["value"]) == ("search", "80", "Abilene, TX")
    assert text_of(page.find("label", attrs={"for": box["id"]})) == "Or a city or area"
    assert box.find_parent("form")["class"][0] == "career-finder"


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_the_finder_sorts_by_the_areas_median_and_keeps_its_code(client, descending):
    sort = "-area" if descending else "area"
    page = soup(finder.get(client, {"area": "abilene", "sort": sort}))

    shown = [finder.money(row["Abilene, TX median"]) for row in finder.rows(page)]
    published = [figure for figure in shown if figure is not None]
    assert published == sorted(published, reverse=descending)
    assert shown[: len(published)] == published  # those without one come last either way
    link = finder.headings(page)["Abilene, TX median"].a["href"]
    assert finder.query_of(link)["area"] == [ABILENE]  # the code, not what was typed


def test_an_area_takes_the_states_place_in_the_finder_and_says_so(client):
    page = soup(finder.get(client, {"state": "Texas", "area": ABILENE}))

    labels = list(finder.headings(page))
    assert "Abilene, TX median" in labels
    assert "Texas median" not in labels
    note = text_of(page.find(id="area-note"))
    assert "instead of Texas’s" in note


@pytest.mark.parametrize(
    ("typed", "message"),
    [("Atlantis", UNKNOWN), ("new york", "4 areas match “new york”. Choose one.")],
)
def test_an_area_the_finder_cannot_find_is_named_with_the_nations_figures(client, typed, message):
    response = finder.get(client, {"area": typed})

    assert finder.is_private(response)
    page = soup(response)
    alert = page.find(id="finder-area-error")
    assert alert["role"] == "alert"
    assert message in text_of(alert)
    assert "The figures below are the nation’s." in text_of(alert)
    assert not [label for label in finder.headings(page) if label.endswith(" median")]
    listed = finder.rows(page)
    assert len(listed) == len(finder.CAREERS)
    for row in listed:
        assert finder.pay_of(row["Median pay"]) == finder.BY_TITLE[row["title"]].pay_order
    assert page.find("input", attrs={"name": "area"})["aria-invalid"] == "true"
    if typed == "new york":
        offered = [finder.query_of(a["href"])["area"][0] for a in alert.find_all("a")]
        assert len(offered) == 4
        assert "35620" in offered  # New York-Newark-Jersey City, by its code


@pytest.mark.parametrize("typed", HOSTILE, ids=["script", "long", "nul", "nul-and-tag"])
def test_a_hostile_area_is_said_back_safely_by_the_finder(client, typed):
    response = client.get(finder.LIST_URL, {"area": typed})

    assert_safe(response)
    assert response.status_code == 200


def test_the_finder_takes_the_same_queries_in_any_area(client):
    client.get(finder.LIST_URL, {"area": ABILENE})  # the list of areas is read once, then kept

    counts = {code: queries(client, finder.LIST_URL, {"area": code}) for code in (ABILENE, ALBANY)}
    sorted_counts = queries(client, finder.LIST_URL, {"area": ALBANY, "sort": "-area"})

    assert counts[ABILENE] == counts[ALBANY] == sorted_counts


def test_the_finder_takes_the_same_queries_for_10_or_60_careers_in_an_area(client):
    release, field = PayReleaseFactory(), FieldFactory(slug="queries")
    params = {"field": "queries", "area": "abilene", "sort": "-area", "state": "Texas"}

    def add(count):
        for _ in range(count):
            profile = finder.career_with_pay(release, texas=48_000, field=field)
            AreaPayFactory(
                release=release,
                soc_code=profile.pay_code,
                area_type=AreaType.METRO,
                area_code=ABILENE,
                area_name="Abilene, TX",
                postal="TX",
                states="TX",
                annual_median=40_000 + profile.pk,
            )

    def count() -> tuple[int, int]:
        finder.get(client, params)  # new careers change the content version: areas read again
        listed = len(finder_rows(client, params))
        return queries(client, finder.LIST_URL, params), listed

    add(10)
    few, shown_few = count()
    add(50)
    many, shown_many = count()

    assert (shown_few, shown_many) == (10, finder.PER_PAGE)
    assert few == many


# Careers side by side ------------------------------------------------------------------------


COMPARED = [FLAGSHIP, "medical-assistants", "actuaries", "pharmacy-technicians"]
AREA_ROW = "Median pay, Abilene, TX (OEWS May 2025)"


def compared(client, area, **extra):
    query = {"c": COMPARED, "area": area, **extra}
    response = client.get(compare_page.COMPARE_URL, query)
    return response, soup(response)


@pytest.mark.parametrize("typed", [ABILENE, "abilene"])
def test_careers_side_by_side_show_the_areas_median(client, typed):
    response, page = compared(client, typed)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    abilene = in_area()
    shown = compare_page.rows(page)
    assert shown[AREA_ROW] == [
        median_text(abilene.get(pay_code(slug)), " a year") for slug in COMPARED
    ]
    assert shown[AREA_ROW][2] == NOT_HERE  # actuaries: nothing published in Abilene
    assert "Median pay, United States" in shown
    assert "and Abilene, TX" in text_of(compare_page.table(page).caption)
    box = page.find("input", attrs={"name": "area"})
    assert (box["type"], box["maxlength"], box["value"]) == ("search", "80", "Abilene, TX")


def test_an_area_takes_the_states_place_side_by_side_and_says_so(client):
    _response, page = compared(client, ABILENE, state="Texas")

    shown = compare_page.rows(page)
    assert AREA_ROW in shown
    assert not [header for header in shown if "Texas" in header]
    assert "instead of Texas’s" in text_of(page.find(id="area-note"))


def test_an_area_not_found_side_by_side_is_named_with_the_nations_figures(client):
    response, page = compared(client, "Atlantis")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert UNKNOWN in compare_page.warning(page)
    assert "The figures below are the nation’s." in compare_page.warning(page)
    headers = [header for header in compare_page.rows(page) if header.startswith("Median pay")]
    assert headers == ["Median pay, United States"]


@pytest.mark.parametrize("typed", HOSTILE, ids=["script", "long", "nul", "nul-and-tag"])
def test_a_hostile_area_is_said_back_safely_side_by_side(client, typed):
    response, _page = compared(client, typed)

    assert_safe(response)


def test_side_by_side_takes_the_same_queries_in_any_area_for_two_or_four(client):
    url = compare_page.COMPARE_URL
    client.get(url, {"c": COMPARED, "area": ABILENE})

    counts = {
        (code, len(slugs)): queries(client, url, {"c": slugs, "area": code})
        for code in (ABILENE, ALBANY)
        for slugs in (COMPARED[:2], COMPARED)
    }

    assert len(set(counts.values())) == 1, counts
