"""Careers side by side: /careers/compare/?c=<slug>&c=<slug>…[&state=<name>].

Figures are read from the fixture files the `seeded` fixture loads (tests/fixtures/ooh: the
handbook sample and OEWS May 2025), so the assertions follow the data rather than copies of it.
"""

import csv
import json
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guides.models import CareerGuide
from tests.conftest import OEWS_SAMPLE, OOH_SAMPLE, soup
from tests.factories import (
    AreaPayFactory,
    OccupationCodeFactory,
    OccupationFactory,
    PayReleaseFactory,
)
from tests.occupations.guide_packs import COVERED, page_of

pytestmark = pytest.mark.django_db

COMPARE_URL = "/careers/compare/"
GUIDE_URL = "/careers/medical-records-specialist/"
FLAGSHIP = "medical-records-and-health-information-technicians"
HIT = "health-information-technologists-and-medical-registrars"
SAMPLE = json.loads(OOH_SAMPLE.read_text(encoding="utf-8"))
PROFILES = {entry["slug"]: entry for entry in SAMPLE["occupations"]}
TOP_CODED_ANNUAL = "$239,200 or more"
# Four careers of the sample with one SOC code each, so one national and one Texas row each.
FOUR = ["actuaries", "medical-assistants", FLAGSHIP, HIT]
CODES = {
    "actuaries": "15-2011",
    "medical-assistants": "31-9092",
    FLAGSHIP: "29-2072",
    HIT: "29-9021",
}


def oews_rows() -> list[dict]:
    with OEWS_SAMPLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


OEWS = oews_rows()


def oews(code: str, area: str = "U.S.") -> dict | None:
    return next(
        (row for row in OEWS if row["OCC_CODE"] == code and row["AREA_TITLE"] == area), None
    )


def annual(text: str) -> str:
    """A CSV annual wage as the page writes it."""
    return f"${Decimal(text.replace(',', '')).quantize(Decimal(1)):,}"


def label(text: str | None) -> str:
    """BLS's wording in the sample as the page shows it (— for none)."""
    if text is None:
        return "—"
    if text == "See How to Become One":
        return "Varies (see how to become one)"
    return text.replace("'", "’")


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def compare_url(*slugs: str, state: str | None = None) -> str:
    query = "&".join(f"c={slug}" for slug in slugs)
    if state is not None:
        query += f"&state={state}"
    return f"{COMPARE_URL}?{query}"


def table(page):
    return page.select_one("main table.compare-careers")


def columns(page) -> list[str]:
    """The careers' column headers, in order."""
    return [text_of(cell) for cell in table(page).thead.find_all("th")[1:]]


def rows(page) -> dict[str, list[str]]:
    """{row header: [each career's cell]}."""
    return {
        text_of(row.th): [text_of(cell) for cell in row.find_all("td")]
        for row in table(page).tbody.find_all("tr")
    }


def cells(page, header: str) -> list:
    row = next(row for row in table(page).tbody.find_all("tr") if text_of(row.th) == header)
    return row.find_all("td")


def warning(page) -> str:
    alert = page.select_one("main .alert")
    return text_of(alert) if alert else ""


def prompt(page) -> str:
    form = page.select_one("main form")
    following = form.find_next_sibling("p")
    return text_of(following) if following else ""


def chosen(page) -> list[str]:
    """The four career selects' chosen values, in order ("" for none)."""
    values = []
    for number in range(1, 5):
        select = page.find("select", id=f"compare-{number}")
        option = select.find("option", selected=True)
        values.append(option["value"] if option else "")
    return values


# The table ----------------------------------------------------------------------------------


def test_the_table_shows_national_and_texas_pay_from_the_csv(client, seeded):
    page = soup(client.get(compare_url(*FOUR, state="Texas")))

    assert columns(page) == [PROFILES[slug]["title"] for slug in FOUR]
    shown = rows(page)
    for index, slug in enumerate(FOUR):
        nation, texas = oews(CODES[slug]), oews(CODES[slug], "Texas")
        assert shown["Median pay, United States"][index] == f"{annual(nation['A_MEDIAN'])} a year"
        assert shown["10th–90th percentile"][index] == (
            f"{annual(nation['A_PCT10'])}–{annual(nation['A_PCT90'])}"
        )
        assert shown["Median pay, Texas"][index] == f"{annual(texas['A_MEDIAN'])} a year"
        assert shown["10th–90th percentile, Texas"][index] == (
            f"{annual(texas['A_PCT10'])}–{annual(texas['A_PCT90'])}"
        )
    caption = text_of(table(page).caption)
    assert "4 careers side by side" in caption
    assert "May 2025" in caption
    assert "BLS Occupational Employment and Wage Statistics (OEWS)" in caption
    assert "national and Texas" in caption


def test_the_table_shows_the_handbooks_facts(client, seeded):
    slugs = [
        "actuaries",
        "dentists",
        "secretaries-and-administrative-assistants",
        "military-careers",
    ]

    shown = rows(soup(client.get(compare_url(*slugs))))

    for index, slug in enumerate(slugs):
        entry = PROFILES[slug]
        assert shown["Typical entry education"][index] == label(entry["entry_education"])
        assert shown["Work experience needed"][index] == label(entry["work_experience"])
        assert shown["On-the-job training"][index] == label(entry["on_the_job_training"])
        jobs = entry["jobs"]
        assert shown["Jobs, 2024"][index] == (f"{jobs:,}" if jobs is not None else "—")
        openings = entry["openings_per_year"]
        assert shown["Openings a year"][index] == (f"{openings:,}" if openings is not None else "—")
        percent = entry["outlook_percent"]
        outlook = (
            f"{'+' if percent > 0 else ''}{percent}% ({entry['outlook_label'].lower()})"
            if percent is not None
            else "—"
        )
        assert shown["Outlook, 2024–34"][index] == outlook


def test_without_a_state_there_are_no_state_rows(client, seeded):
    shown = rows(soup(client.get(compare_url("actuaries", "medical-assistants"))))

    assert [header for header in shown if header.startswith("Median pay")] == [
        "Median pay, United States"
    ]
    assert not [header for header in shown if "Texas" in header]
    assert len(shown["Median pay, United States"]) == 2


def test_figures_bls_does_not_publish_are_not_shown_as_numbers(client, seeded):
    """Dentists: the group's national figures, but no Texas row for the group (29-1020);
    secretaries: a group without a figure of its own."""
    slugs = ["dentists", "secretaries-and-administrative-assistants"]
    nation = oews("29-1020")
    assert oews("29-1020", "Texas") is None

    shown = rows(soup(client.get(compare_url(*slugs, state="Texas"))))

    assert shown["Median pay, United States"][0] == f"{annual(nation['A_MEDIAN'])} a year"
    assert shown["Median pay, Texas"][0] == "not published"
    members = [
        Decimal(row["A_MEDIAN"].replace(",", ""))
        for code in PROFILES["secretaries-and-administrative-assistants"]["soc_codes"][1:]
        if (row := oews(code["soc_code"])) is not None
    ]
    low, high = (annual(str(figure)) for figure in (min(members), max(members)))
    assert shown["Median pay, United States"][1] == (
        f"{low}–{high} a year No figure for the group as a whole: the range of its "
        "occupations’ medians"
    )
    assert shown["10th–90th percentile"][1] == "not published"
    assert shown["Median pay, Texas"][1] == "not published"


def test_column_and_row_headers(client, seeded):
    page = soup(client.get(compare_url(*FOUR, state="Texas")))

    compared = table(page)
    assert compared.caption is not None
    header_cells = compared.thead.find_all("th")
    assert len(header_cells) == 1 + len(FOUR)
    assert {cell["scope"] for cell in header_cells} == {"col"}
    assert text_of(header_cells[0]) == "Fact"  # named for screen readers
    for row in compared.tbody.find_all("tr"):
        assert row.th["scope"] == "row"
        assert len(row.find_all("td")) == len(FOUR)
    assert list(rows(page)) == [
        "Median pay, United States",
        "10th–90th percentile",
        "Median pay, Texas",
        "10th–90th percentile, Texas",
        "Typical entry education",
        "Work experience needed",
        "On-the-job training",
        "Jobs, 2024",
        "Outlook, 2024–34",
        "Openings a year",
        "Certifications we cover",
        "The full page",
    ]


def test_each_career_links_to_its_full_page_the_flagship_to_its_guide(client, seeded):
    page = soup(client.get(compare_url(*FOUR)))

    # The flagship and the others a guide covers link to their guides (no redirect).
    assert [slug for slug in FOUR if slug in COVERED] == ["medical-assistants", FLAGSHIP, HIT]
    expected = [page_of(slug) for slug in FOUR]
    assert expected[2] == GUIDE_URL
    assert [cell.a["href"] for cell in table(page).thead.find_all("th")[1:]] == expected
    assert [cell.a["href"] for cell in cells(page, "The full page")] == expected
    assert [text_of(cell) for cell in cells(page, "The full page")] == columns(page)
    for href in expected:
        assert client.get(href).status_code == 200  # no redirect: the page itself


def test_certifications_are_the_flagship_guides_and_none_yet_for_the_others(client, seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    recommended = [link.certification for link in guide.recommended_certifications.all()]
    assert {cert.code for cert in recommended} == {"CPC", "RHIT", "CCA"}

    # Medical assistants have a guide of their own now, with its own certifications.
    assistants_guide = CareerGuide.objects.get(occupation__slug="medical-assistants")
    theirs = [link.certification for link in assistants_guide.recommended_certifications.all()]
    assert theirs
    assert not CareerGuide.objects.filter(
        occupation__slug__in=["actuaries", "pharmacy-technicians"]
    ).exists()

    page = soup(
        client.get(compare_url("actuaries", FLAGSHIP, "medical-assistants", "pharmacy-technicians"))
    )

    actuaries, flagship, assistants, pharmacy = cells(page, "Certifications we cover")
    links = {a.get_text(strip=True): a["href"] for a in flagship.find_all("a")}
    assert links == {cert.code: cert.get_absolute_url() for cert in recommended}
    for href in links.values():
        assert client.get(href).status_code == 200
    assistants_links = {a.get_text(strip=True): a["href"] for a in assistants.find_all("a")}
    assert assistants_links == {cert.code: cert.get_absolute_url() for cert in theirs}
    assert text_of(actuaries) == "none yet"
    assert text_of(pharmacy) == "none yet"


def test_a_draft_certification_is_left_out(client, seeded):
    from certifications.models import Certification

    Certification.objects.filter(code="RHIT").update(status="draft")

    page = soup(client.get(compare_url("actuaries", FLAGSHIP)))

    flagship = cells(page, "Certifications we cover")[1]
    codes = {a.get_text(strip=True) for a in flagship.find_all("a")}
    assert codes == {"CPC", "CCA"}


# What is dropped, and said ------------------------------------------------------------------


def test_more_than_four_careers_keeps_the_first_four_and_says_so(client, seeded):
    five = [*FOUR, "dentists"]

    page = soup(client.get(compare_url(*five)))

    assert columns(page) == [PROFILES[slug]["title"] for slug in FOUR]
    assert "At most four careers fit side by side: the first four are shown." in warning(page)
    assert "not on the site" not in warning(page)


def test_a_guides_own_address_names_its_career(client, seeded):
    # A visitor reading /careers/medical-records-specialist/ compares it by that name.
    page = soup(client.get(compare_url("medical-records-specialist", "actuaries")))

    assert columns(page) == [PROFILES[FLAGSHIP]["title"], "Actuaries"]
    assert "not on the site" not in warning(page)
    first = table(page).thead.find_all("th")[1]
    assert first.find("a")["href"] == GUIDE_URL


def test_a_guide_and_its_profile_are_one_career(client, seeded):
    page = soup(client.get(compare_url("medical-records-specialist", "actuaries", FLAGSHIP)))

    assert columns(page) == [PROFILES[FLAGSHIP]["title"], "Actuaries"]
    assert "A career asked for twice is shown once." in warning(page)


def test_a_draft_guides_address_is_unknown_to_the_public(client, seeded):
    CareerGuide.objects.filter(slug="medical-records-specialist").update(status="draft")

    page = soup(client.get(compare_url("medical-records-specialist", "actuaries", "dentists")))

    assert columns(page) == ["Actuaries", "Dentists"]
    assert "1 of the careers asked for is not on the site" in warning(page)


def test_a_career_asked_for_twice_is_shown_once_and_says_so(client, seeded):
    page = soup(client.get(compare_url("actuaries", "dentists", "actuaries")))

    assert columns(page) == ["Actuaries", "Dentists"]
    assert "A career asked for twice is shown once." in warning(page)
    assert "not on the site" not in warning(page)
    assert "At most four" not in warning(page)


@pytest.mark.parametrize("unknown", ["no-such-career", "zz", "actuaries-2"])
def test_an_unknown_career_is_left_out_and_says_so(client, seeded, unknown):
    page = soup(client.get(compare_url("actuaries", unknown, "dentists")))

    assert columns(page) == ["Actuaries", "Dentists"]
    assert "1 of the careers asked for is not on the site, so it is left out." in warning(page)


def test_two_unknown_careers_are_counted(client, seeded):
    page = soup(client.get(compare_url("nope-1", "actuaries", "nope-2", "dentists")))

    assert columns(page) == ["Actuaries", "Dentists"]
    assert "2 of the careers asked for are not on the site, so they are left out." in warning(page)


def test_a_draft_profile_is_unknown_to_the_public_but_shown_to_staff(staff_client, seeded):
    draft = OccupationFactory(title="Secret zeppelin pilots", status="draft")
    path = compare_url("actuaries", draft.slug, "dentists")

    page = soup(Client().get(path))
    assert columns(page) == ["Actuaries", "Dentists"]
    assert "not on the site" in warning(page)
    assert "zeppelin" not in page.get_text().lower()

    staff_page = soup(staff_client.get(path))
    assert columns(staff_page) == ["Actuaries", "Secret zeppelin pilots", "Dentists"]


def test_an_unknown_state_says_so_and_shows_national_figures_only(client, seeded):
    page = soup(client.get(compare_url("actuaries", "dentists", state="Atlantis")))

    assert "We have no pay figures for that state: national figures only." in warning(page)
    assert list(rows(page))[:2] == ["Median pay, United States", "10th–90th percentile"]
    assert not [header for header in rows(page) if "Atlantis" in header]
    assert "Atlantis" not in page.get_text()
    state = page.find("select", id="compare-state")
    assert state.find("option", selected=True) is None  # "No state", the first, is shown


@pytest.mark.parametrize(
    "path",
    [
        compare_url("actuaries", "dentists", state="Atlantis"),
        compare_url("actuaries", "no-such-career", "dentists"),
    ],
    ids=["unknown state", "unknown career"],
)
def test_a_page_answering_unknown_input_is_private(client, seeded, path):
    response = client.get(path)

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


# Fewer than two ------------------------------------------------------------------------------


def test_one_career_prompts_for_another(client, seeded):
    response = client.get(compare_url("actuaries"))

    assert response.status_code == 200
    page = soup(response)
    assert table(page) is None
    assert prompt(page) == "Choose at least one more career to compare with Actuaries."
    assert chosen(page) == ["actuaries", "", "", ""]


@pytest.mark.parametrize("path", [COMPARE_URL, compare_url("no-such-career")])
def test_no_career_prompts_to_choose_and_links_to_the_finder(client, seeded, path):
    page = soup(client.get(path))

    assert table(page) is None
    assert prompt(page).startswith("Choose two to four careers above")
    assert page.select_one("main form").find_next_sibling("p").find("a", href="/careers/")


def test_one_career_asked_for_twice_is_still_one(client, seeded):
    page = soup(client.get(compare_url("actuaries", "actuaries")))

    assert table(page) is None
    assert "Choose at least one more career" in prompt(page)


# The form ------------------------------------------------------------------------------------


def test_the_form_is_prefilled_with_the_careers_and_the_state(client, seeded):
    page = soup(client.get(compare_url("dentists", "actuaries", state="Texas")))

    form = page.select_one("main form")
    assert form["method"] == "get"
    assert form["action"] == COMPARE_URL
    selects = form.find_all("select", attrs={"name": "c"})
    assert len(selects) == 4
    for number, select in enumerate(selects, start=1):
        assert text_of(form.find("label", attrs={"for": select["id"]})) == f"Career {number}"
        offered = [option["value"] for option in select.find_all("option")]
        assert offered[0] == ""
        assert set(offered[1:]) == set(PROFILES)  # every published profile
    assert chosen(page) == ["dentists", "actuaries", "", ""]
    state = form.find("select", attrs={"name": "state"})
    assert text_of(form.find("label", attrs={"for": state["id"]})) == "With pay for a state"
    assert state.find("option", selected=True).get_text() == "Texas"
    offered_states = [option.get_text() for option in state.find_all("option")[1:]]
    assert "Texas" in offered_states
    assert offered_states == sorted(offered_states)
    assert form.find("button", attrs={"type": "submit"})


def test_the_form_leaves_out_draft_profiles(client, seeded):
    OccupationFactory(title="Secret zeppelin pilots", status="draft")

    page = soup(client.get(compare_url("actuaries", "dentists")))

    assert "zeppelin" not in page.select_one("main form").get_text().lower()


def test_sending_the_form_with_empty_selects_shows_no_warning(client, seeded):
    response = client.get(
        COMPARE_URL, {"c": ["actuaries", "medical-assistants", "", ""], "state": ""}
    )

    page = soup(response)
    assert columns(page) == ["Actuaries", "Medical assistants"]
    assert warning(page) == ""


# Caching, queries ---------------------------------------------------------------------------


def test_a_valid_comparison_is_a_public_page(client, seeded):
    response = client.get(compare_url("actuaries", "medical-assistants", state="Texas"))

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    page = soup(response)
    assert page.title.string.startswith("Compare careers: Actuaries, Medical assistants")
    assert page.find("meta", attrs={"name": "description"})["content"].strip()
    assert len(page.find_all("h1")) == 1
    crumbs = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert crumbs.find(attrs={"aria-current": "page"}).get_text(strip=True) == "Compare careers"


def page_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_two_or_four_careers_take_the_same_queries(client, seeded):
    client.get(compare_url("dentists", "actuaries"))  # anything read once per process

    # Each comparison holds the flagship, so each prefetches a guide's certifications; the last
    # holds two more careers guides cover, which takes no more queries.
    assert "pharmacy-technicians" not in COVERED
    with_guide = {
        count: page_queries(client, compare_url(FLAGSHIP, *others, state="Texas"))
        for count, others in (
            (2, ["actuaries"]),
            (3, ["actuaries", "dentists"]),
            (4, ["actuaries", "dentists", "pharmacy-technicians"]),
            ("4, three guides", ["actuaries", "medical-assistants", HIT]),
        )
    }
    without_guide = {
        count: page_queries(client, compare_url(*others))
        for count, others in (
            (2, ["actuaries", "dentists"]),
            (4, ["actuaries", "dentists", "pharmacy-technicians", "military-careers"]),
        )
    }

    assert len(set(with_guide.values())) == 1, with_guide
    assert len(set(without_guide.values())) == 1, without_guide


# The ways in -------------------------------------------------------------------------------


def compare_link_of(href: str) -> list[str]:
    parts = urlsplit(href)
    assert parts.path == COMPARE_URL
    return parse_qs(parts.query)["c"]


def test_a_profile_page_has_an_add_to_a_comparison_link(client, seeded):
    page = soup(client.get("/careers/actuaries/"))

    facts = page.find(id="quick-facts-heading").find_parent("aside")
    link = facts.find("a", string="Add to a comparison")
    assert link["href"] == "/careers/compare/?c=actuaries"
    following = soup(client.get(link["href"]))
    assert chosen(following) == ["actuaries", "", "", ""]


def test_the_flagship_guide_adds_its_profile_to_a_comparison(client, seeded):
    page = soup(client.get(GUIDE_URL))

    links = page.find_all("a", string="Add to a comparison")
    assert links
    assert {link["href"] for link in links} == {f"/careers/compare/?c={FLAGSHIP}"}


def test_every_row_of_the_career_finder_has_a_compare_link(client, seeded):
    page = soup(client.get("/careers/"))

    body = page.select_one("table.career-table tbody")
    table_rows = body.find_all("tr")
    assert len(table_rows) == len(PROFILES)
    for row in table_rows:
        career = row.th.a
        [compare] = row.select(f'a[href^="{COMPARE_URL}"]')
        slug = compare_link_of(compare["href"])
        assert compare["href"] == f"/careers/compare/?c={slug[0]}"
        assert slug[0] in PROFILES
        # The link's hidden words name the career; the row's own link leads to its page.
        assert text_of(compare) == f"Compare {PROFILES[slug[0]]['title']}"
        assert career["href"] == page_of(slug[0])


def test_the_finder_keeps_compare_links_when_filtered(client, seeded):
    page = soup(client.get("/careers/", {"education": "postsecondary_nondegree"}))

    hrefs = [
        a["href"]
        for a in page.select("table.career-table tbody a")
        if a["href"].startswith(COMPARE_URL)
    ]
    wanted = sorted(
        slug
        for slug, entry in PROFILES.items()
        if entry["entry_education"] == "Postsecondary nondegree award"
    )
    assert sorted(slug for href in hrefs for slug in compare_link_of(href)) == wanted


# Figures BLS gives only as "at or above" its top wage ----------------------------------------


def top_coded_pair(**national):
    """Two factory profiles with pay for the current release; the first's national row as
    given (top-coded figures blank), the second ordinary."""
    release = PayReleaseFactory()
    made = []
    for index in range(2):
        occupation = OccupationFactory()
        code = OccupationCodeFactory(occupation=occupation)
        occupation.pay_code = code.soc_code
        occupation.save()
        AreaPayFactory(release=release, soc_code=code.soc_code, **(national if not index else {}))
        made.append((occupation, code))
    return release, made


def test_a_top_coded_90th_percentile_reads_as_at_or_above_the_top_wage(client, db):
    _, [(high, _), (other, _)] = top_coded_pair(annual_p90=None, top_coded="annual_p90")

    shown = rows(soup(client.get(compare_url(high.slug, other.slug))))

    assert shown["10th–90th percentile"] == [f"$30,000–{TOP_CODED_ANNUAL}", "$30,000–$70,000"]


def test_a_top_coded_national_median_reads_as_at_or_above_the_top_wage(client, db):
    _, [(high, _), (other, _)] = top_coded_pair(
        annual_median=None,
        annual_p75=None,
        annual_p90=None,
        hourly_median=None,
        top_coded="annual_median annual_p75 annual_p90 hourly_median hourly_p75 hourly_p90",
    )

    shown = rows(soup(client.get(compare_url(high.slug, other.slug))))

    assert shown["Median pay, United States"][0].startswith(TOP_CODED_ANNUAL)


def test_a_top_coded_state_median_reads_as_at_or_above_the_top_wage(client, db):
    release, [(high, code), (other, _)] = top_coded_pair()
    AreaPayFactory(
        release=release,
        soc_code=code.soc_code,
        area_type="state",
        area_code="36",
        area_name="New York",
        postal="NY",
        annual_median=None,
        annual_p75=None,
        annual_p90=None,
        top_coded="annual_median annual_p75 annual_p90",
    )

    shown = rows(soup(client.get(compare_url(high.slug, other.slug, state="New York"))))

    assert shown["Median pay, New York"][0].startswith(TOP_CODED_ANNUAL)


def test_an_unpublished_90th_percentile_is_not_called_top_coded(client, db):
    _, [(odd, _), (other, _)] = top_coded_pair(annual_p90=None, top_coded="")

    shown = rows(soup(client.get(compare_url(odd.slug, other.slug))))

    assert TOP_CODED_ANNUAL not in shown["10th–90th percentile"][0]


def test_a_profile_without_pay_is_not_called_a_group(client, seeded):
    shown = rows(soup(client.get(compare_url("actuaries", "military-careers"))))

    assert "group" not in shown["Median pay, United States"][1]
