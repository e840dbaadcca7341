"""Pay where you live: /pay/ (every area by state, found by name) and /pay/<slug>/ (an area's
best-paid and largest careers, and how they compare with its state).

Figures are checked against the `AreaPay` rows the `seeded` fixture imports from the OEWS
samples (tests/fixtures/ooh), so the assertions follow the data rather than copies of it.
"""

from decimal import ROUND_HALF_UP, Decimal
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import capfirst

from core.models import Status
from occupations.models import AreaPay, AreaType, Occupation, PayRelease
from pay.selectors import AreaOverview, CareerHere, comparison_summary
from tests.conftest import soup

pytestmark = pytest.mark.django_db

ABILENE = "/pay/abilene-tx/"
NEW_YORK = "/pay/new-york-newark-jersey-city-ny-nj/"


def text_of(node) -> str:
    return " ".join(node.get_text(" ").split())


def money(amount) -> str:
    return f"${amount:,.0f}"


def section(page, heading_id):
    return page.find(id=heading_id).find_parent("section")


def table_rows(node) -> list[list[str]]:
    """Each body row's cells; a career's header cell as its first link's text only."""
    rows = []
    for row in node.select("tbody tr"):
        first = row.find("th").find("a").get_text()
        rows.append([first, *(text_of(cell) for cell in row.find_all("td"))])
    return rows


def area_rows(area_name: str) -> dict[str, AreaPay]:
    """{profile title: the area's row for its headline code}, for the published profiles."""
    release = PayRelease.current()
    rows = {
        pay.soc_code: pay
        for pay in AreaPay.objects.filter(release=release, area_name=area_name).exclude(
            area_type__in=(AreaType.STATE, AreaType.NATIONAL, AreaType.INDUSTRY)
        )
    }
    profiles = Occupation.objects.published().filter(pay_code__in=rows)
    return {capfirst(profile.title): rows[profile.pay_code] for profile in profiles}


# The list of areas, and finding one


def test_the_index_lists_every_area_by_state_with_its_source(client, seeded):
    response = client.get("/pay/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]  # the same page for every anonymous visitor
    page = soup(response)
    texas = section(page, "state-TX")
    assert texas.find("h2").get_text() == "Texas"
    links = {a.get_text(): a["href"] for a in texas.select("li a")}
    assert links["Abilene, TX"] == ABILENE
    assert "Border Region of Texas nonmetropolitan area" in links
    # An area spanning two states is under both.
    assert "Texarkana, TX-AR" in text_of(section(page, "state-AR"))
    assert "New York-Newark-Jersey City, NY-NJ" in text_of(section(page, "state-NJ"))
    main = page.find("main") or page
    assert "OEWS May 2025" in text_of(main)
    release = PayRelease.current()
    assert main.find("a", href=release.source_url) is not None
    label = page.find("label", attrs={"for": "pay-q"})
    assert label.get_text() == "Find your city or area"
    assert page.find(id="pay-q")["name"] == "q"
    assert page.find(attrs={"role": "alert"}) is None


def test_one_matching_area_goes_straight_to_its_page(client, seeded):
    response = client.get("/pay/", {"q": "abilene"})
    assert response.status_code == 302
    assert response["Location"] == ABILENE


def test_several_matching_areas_are_listed_to_choose_from(client, seeded):
    response = client.get("/pay/", {"q": "new york"})
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]  # it repeats what was typed
    choices = soup(response).find(id="pay-q-problem")
    names = [a.get_text() for a in choices.select("li a")]
    assert "New York-Newark-Jersey City, NY-NJ" in names
    assert "Southwest New York nonmetropolitan area" in names
    assert f"{len(names)} areas match “new york”" in text_of(choices)
    assert soup(response).find(id="pay-q")["value"] == "new york"


@pytest.mark.parametrize(
    "typed",
    ["<script>alert(1)</script>", "x" * 500, "\x00", "Abilene\x00", "Gotham City"],
)
def test_unknown_or_hostile_input_gets_a_message_and_the_full_list(client, seeded, typed):
    response = client.get("/pay/", {"q": typed})
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\x00" not in html
    page = soup(response)
    alert = page.find(attrs={"role": "alert"})
    assert alert is not None
    assert "choose your area from the list" in text_of(alert)
    assert page.find(id="pay-q").get("aria-invalid") == "true"
    assert page.find("a", href=ABILENE) is not None  # the full list is still there
    if typed.startswith("<script>"):
        assert "&lt;script&gt;" in html
        assert "No metropolitan or nonmetropolitan area is called" in text_of(alert)
    if len(typed) > 80:
        assert "longer than the name of any area" in text_of(alert)
        assert len(page.find(id="pay-q")["value"]) <= 80


def test_an_empty_search_is_the_plain_list(client, seeded):
    response = client.get("/pay/", {"q": "   "})
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert soup(response).find(id="pay-q-problem") is None


# One area's page


def test_an_area_page_names_the_area_its_kind_and_states(client, seeded):
    response = client.get(ABILENE)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    page = soup(response)
    assert page.find("h1").get_text() == "Pay in Abilene, TX"
    assert text_of(page.find(id="area-kind")).startswith("A metropolitan area")
    assert "in Texas" in text_of(page.find(id="area-kind"))
    crumbs = [text_of(item) for item in page.select(".breadcrumb li")]
    assert crumbs == ["Home", "Pay where you live", "Abilene, TX"]
    assert page.select_one(".breadcrumb a[href='/pay/']") is not None

    spanning = soup(client.get(NEW_YORK)).find(id="area-kind")
    assert "spanning New York and New Jersey" in text_of(spanning)
    rural = soup(client.get("/pay/border-region-of-texas-nonmetropolitan-area/"))
    assert text_of(rural.find(id="area-kind")).startswith("A nonmetropolitan area")


def test_the_best_paid_careers_come_highest_median_first_with_the_areas_figures(client, seeded):
    expected = area_rows("Abilene, TX")
    assert expected, "the sample has careers in Abilene"
    page = soup(client.get(ABILENE))
    best = section(page, "best-paid-heading")
    assert "OEWS May 2025" in text_of(best.find("caption"))
    rows = table_rows(best)
    medians = [expected[title].annual_median for title, *_ in rows]
    assert medians == sorted(medians, reverse=True)
    assert len(rows) == min(10, len(expected))
    for title, median, jobs in rows:
        assert median == money(expected[title].annual_median)
        assert jobs == f"{expected[title].employment:,}"
    assert best.select("th[scope=col]")
    assert best.select("th[scope=row]")
    wrapper = best.find(class_="table-responsive")
    assert wrapper["role"] == "region"
    assert wrapper["tabindex"] == "0"
    assert wrapper["aria-label"]


def test_each_career_links_its_page_and_its_pay_in_this_area(client, seeded):
    page = soup(client.get(ABILENE))
    header = section(page, "best-paid-heading").select_one("tbody th")
    career, pay_here = header.find_all("a")
    assert career["href"].startswith("/careers/")
    assert pay_here.get_text().startswith("pay here")
    address = urlsplit(pay_here["href"])
    assert address.path == career["href"]
    assert parse_qs(address.query) == {"area": ["10180"]}
    assert address.fragment == "pay"


def test_the_careers_with_the_most_jobs_come_most_first(client, seeded):
    expected = area_rows("New York-Newark-Jersey City, NY-NJ")
    page = soup(client.get(NEW_YORK))
    rows = table_rows(section(page, "most-jobs-heading"))
    jobs = [expected[title].employment for title, *_ in rows]
    assert jobs == sorted(jobs, reverse=True)
    assert rows[0][0] == max(expected, key=lambda title: expected[title].employment)
    for title, median, count in rows:
        assert count == f"{expected[title].employment:,}"
        assert median == money(expected[title].annual_median)


def test_pay_here_is_compared_with_the_state(client, seeded):
    expected = area_rows("Abilene, TX")
    state = {
        pay.soc_code: pay
        for pay in AreaPay.objects.filter(
            release=PayRelease.current(), area_type=AreaType.STATE, postal="TX"
        )
    }
    page = soup(client.get(ABILENE))
    compared = section(page, "state-heading")
    assert compared.find("h2").get_text() == "How pay here compares with Texas"
    rows = table_rows(compared)
    assert rows
    title, here, statewide, difference = rows[0]
    pay = expected[title]
    state_pay = state[pay.soc_code]
    assert here == money(pay.annual_median)
    assert statewide == money(state_pay.annual_median)
    percent = (pay.annual_median - state_pay.annual_median) * 100 / state_pay.annual_median
    whole = int(percent.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert difference == (f"+{whole}%" if whole > 0 else f"−{-whole}%" if whole else "the same")
    both = [t for t, p in expected.items() if p.soc_code in state and p.annual_median]
    more = sum(
        1 for t in both if expected[t].annual_median > state[expected[t].soc_code].annual_median
    )
    summary = text_of(compared.find(id="state-summary"))
    assert f"Of the {len(both)} careers" in summary
    assert ("none pays more" if more == 0 else f"{more} pay") in summary
    assert "OEWS May 2025" in text_of(compared.find("caption"))


def test_an_unknown_area_is_not_found(client, seeded):
    assert client.get("/pay/gotham-city/").status_code == 404


def test_a_draft_career_is_not_listed(client, seeded):
    expected = area_rows("Abilene, TX")
    title = next(iter(expected))
    Occupation.objects.filter(title__iexact=title).update(status=Status.DRAFT)
    page = soup(client.get(ABILENE))
    assert title not in text_of(section(page, "best-paid-heading"))


def test_the_query_count_does_not_grow_with_the_number_of_careers(client, seeded):
    def queries(path):
        client.get(path)  # the list of areas is cached by the first request
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    small, large = queries(ABILENE), queries(NEW_YORK)
    assert len(area_rows("Abilene, TX")) < len(area_rows("New York-Newark-Jersey City, NY-NJ"))
    assert small == large
    assert large <= 8


def test_the_home_page_links_pay_where_you_live(client, seeded):
    page = soup(client.get("/"))
    assert page.find("a", href="/pay/").get_text() == "Pay where you live: every city and area"


# The comparison's words, for counts the sample does not have


def career(here, state, top_coded=""):
    pay = SimpleNamespace(annual_median=here, top_coded=top_coded)
    return CareerHere(occupation=None, pay=pay, state_pay=SimpleNamespace(annual_median=state))


@pytest.mark.parametrize(
    ("here", "state", "label"),
    [(Decimal(110), Decimal(100), "+10%"), (Decimal(97), Decimal(100), "−3%"),
     (Decimal(100), Decimal(100), "the same"), (None, Decimal(100), "")],
)  # fmt: skip
def test_the_difference_is_a_whole_signed_percent(here, state, label):
    assert career(here, state).difference_label == label


def test_a_top_coded_median_ranks_first_but_is_not_compared():
    top = career(None, Decimal(200_000), top_coded="annual_median annual_p90")
    assert top.rank_median == Decimal(239_200)
    assert top.difference is None


def test_the_summary_counts_more_less_and_the_same():
    overview = AreaOverview(state_name="Texas")
    overview.compared = [
        career(Decimal(110), Decimal(100)),
        career(Decimal(90), Decimal(100)),
        career(Decimal(80), Decimal(100)),
        career(Decimal(5), Decimal(5)),
    ]
    assert comparison_summary(overview) == (
        "Of the 4 careers on this site with a median published both here and for Texas as a "
        "whole, 1 pays more here than statewide, 2 pay less and 1 pays the same."
    )
    overview.compared = []
    assert comparison_summary(overview) == ""
