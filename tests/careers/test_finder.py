"""The career finder, /careers/: filters and sorts as GET parameters, checked against the sample
data (tests/fixtures/ooh: the profiles' facts in sample.json, their pay in the OEWS CSV)."""

import csv
import itertools
import json
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guides.models import CareerGuide
from occupations.models import (
    AreaType,
    EntryEducation,
    OutlookLabel,
    Training,
    WorkExperience,
)
from tests.conftest import OEWS_SAMPLE, OOH_SAMPLE, soup, without_csrf_tokens
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    FieldFactory,
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
NO_ERRORS_YET = "No careers are listed until the filters above are corrected"


# The sample, as the finder should see it -----------------------------------------------------


def oews_medians(area_title: str) -> dict[str, int | None]:
    """{SOC code: annual median} of the CSV's rows for one area (None where BLS shows * or #)."""
    medians = {}
    with OEWS_SAMPLE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["AREA_TITLE"] != area_title:
                continue
            try:
                medians[row["OCC_CODE"]] = int(Decimal(row["A_MEDIAN"].replace(",", "")))
            except InvalidOperation:
                medians[row["OCC_CODE"]] = None
    return medians


def choice(choices, label) -> str:
    """The model's value for one of BLS's labels as the handbook sample spells it."""
    if not label:
        return ""
    wanted = label.replace("'", "’").lower()
    if wanted == "see how to become one":
        return "see_profile"
    for value, name in choices.choices:
        if str(name).lower() == wanted:
            return value
    raise AssertionError(f"unknown label {label!r}")


@dataclass(frozen=True)
class Career:
    slug: str
    title: str
    field: str
    education: str
    experience: str
    training: str
    outlook: str
    outlook_percent: int | None
    openings: int | None
    jobs: int | None
    median: int | None
    texas: int | None
    median_range: tuple | None = None  # a group without a median: its occupations' lowest, highest

    @property
    def pay_order(self):
        """What sorting and filtering by pay use: the median, or the middle of the range."""
        if self.median is not None or self.median_range is None:
            return self.median
        return sum(self.median_range) / 2

    @property
    def education_rank(self) -> int:
        values = list(EntryEducation.values)
        return values.index(self.education) if self.education else len(values)


def headline_code(entry) -> str:
    """The profile's only code or its group's; none for a group without a code of its own."""
    codes = entry["soc_codes"]
    return codes[0]["soc_code"] if codes and codes[0]["level"] != "detailed" else ""


def members_range(entry, nation) -> tuple | None:
    medians = [
        nation[code["soc_code"]]
        for code in entry["soc_codes"]
        if code["level"] == "detailed" and nation.get(code["soc_code"]) is not None
    ]
    return (min(medians), max(medians)) if medians else None


def sample_careers() -> list[Career]:
    nation, texas = oews_medians("U.S."), oews_medians("Texas")
    careers = []
    for entry in SAMPLE["occupations"]:
        code = headline_code(entry)
        careers.append(
            Career(
                slug=entry["slug"],
                title=entry["title"].lower(),
                field=entry["field"],
                education=choice(EntryEducation, entry["entry_education"]),
                experience=choice(WorkExperience, entry["work_experience"]),
                training=choice(Training, entry.get("on_the_job_training")),
                outlook=choice(OutlookLabel, entry["outlook_label"]),
                outlook_percent=entry["outlook_percent"],
                openings=entry["openings_per_year"],
                jobs=entry["jobs"],
                median=nation.get(code),
                texas=texas.get(code),
                median_range=members_range(entry, nation) if nation.get(code) is None else None,
            )
        )
    return careers


CAREERS = sample_careers()
BY_TITLE = {career.title: career for career in CAREERS}


def matching(params: dict) -> list[Career]:
    """The sample careers every filter in `params` lets through."""

    def passes(career: Career) -> bool:
        exact = {
            "field": career.field,
            "education": career.education,
            "experience": career.experience,
            "training": career.training,
            "outlook": career.outlook,
        }
        for name, value in exact.items():
            if name in params and params[name] != value:
                return False
        pay = career.pay_order
        if "pay_min" in params and (pay is None or pay < params["pay_min"]):
            return False
        if "pay_max" in params and (pay is None or pay > params["pay_max"]):
            return False
        return "openings_min" not in params or (
            career.openings is not None and career.openings >= params["openings_min"]
        )

    return [career for career in CAREERS if passes(career)]


# The page ------------------------------------------------------------------------------------


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def heading_label(th) -> str:
    return th.a.find(string=True, recursive=False).strip() if th.a else text_of(th)


def headings(page) -> dict:
    """{column label: its <th>} of the career table."""
    table = page.select_one("table.career-table")
    return {heading_label(th): th for th in table.thead.find_all("th")}


def rows(page) -> list[dict]:
    """Each row of the career table: its title, link, field and {column label: cell text}."""
    table = page.select_one("table.career-table")
    if table is None:
        return []
    labels = list(headings(page))
    found = []
    for tr in table.tbody.find_all("tr"):
        cells = [tr.th, *tr.find_all("td")]
        found.append(
            {
                "title": text_of(tr.th.a).lower(),
                "link": tr.th.a["href"],
                "field": text_of(tr.th.span),
                **{label: text_of(cell) for label, cell in zip(labels, cells, strict=True)},
            }
        )
    return found


def titles(page) -> list[str]:
    return [row["title"] for row in rows(page)]


def money(text: str) -> int | None:
    return int(text.removeprefix("$").replace(",", "")) if text.startswith("$") else None


RANGE = re.compile(r"^\$([\d,]+)–\$([\d,]+) range of its occupations’ medians$")


def pay_of(text: str):
    """A "Median pay" cell as the list sorts it: the figure, or the middle of a group's range."""
    if match := RANGE.match(text):
        return sum(int(part.replace(",", "")) for part in match.groups()) / 2
    return money(text)


def count_line(page) -> str:
    return text_of(page.find(id="match-count"))


def get(client, params=None):
    response = client.get(LIST_URL, params or {})
    assert response.status_code == 200
    return response


def is_public(response) -> bool:
    return response["Cache-Control"].startswith("public")


def is_private(response) -> bool:
    value = response["Cache-Control"]
    return "public" not in value and "private" in value and "no-store" in value


def query_of(href: str) -> dict:
    return parse_qs(urlsplit(href).query)


# Factories: profiles with pay ----------------------------------------------------------------

_codes = itertools.count(2000)


def career_with_pay(release, national=45_000, texas=None, **fields):
    """A published profile whose headline code has a national median (and a Texas one)."""
    code = f"98-{next(_codes):04d}"
    occupation = OccupationFactory(pay_code=code, **fields)
    if national is not None:
        AreaPayFactory(release=release, soc_code=code, annual_median=Decimal(national))
    if texas is not None:
        AreaPayFactory(
            release=release,
            soc_code=code,
            area_type=AreaType.STATE,
            area_code="48",
            area_name="Texas",
            postal="TX",
            annual_median=Decimal(texas),
        )
    return occupation


# Each filter narrows the list ----------------------------------------------------------------


def test_the_sample_is_what_these_tests_expect():
    """A guard on the helpers above: the sample holds the shapes the tests below rely on."""
    assert len(CAREERS) == 12
    assert {c.title for c in CAREERS if c.education == "postsecondary_nondegree"} == {
        "medical assistants",
        "medical records specialists",
        "medical transcriptionists",
    }
    assert BY_TITLE["medical records specialists"].median == 51_140
    assert BY_TITLE["medical records specialists"].texas == 48_860
    assert BY_TITLE["information clerks"].median is None  # a group without a code of its own
    assert BY_TITLE["financial clerks"].median is None  # detailed codes only, as well
    assert BY_TITLE["secretaries and administrative assistants"].median is None  # no figure
    assert BY_TITLE["dentists"].median == 176_110
    assert BY_TITLE["dentists"].texas is None


def test_no_filter_lists_every_published_career_by_title(client, seeded):
    OccupationFactory(status="draft", title="Unpublished draft workers")

    response = get(client)

    assert is_public(response)
    page = soup(response)
    assert titles(page) == sorted(career.title for career in CAREERS)
    assert count_line(page).startswith(f"{len(CAREERS)} careers.")
    assert page.find(role="alert") is None


@pytest.mark.parametrize("education", EntryEducation.values)
def test_education_lists_exactly_the_careers_with_that_entry_education(client, seeded, education):
    response = get(client, {"education": education})

    assert is_public(response)
    page = soup(response)
    expected = {career.title for career in matching({"education": education})}
    assert set(titles(page)) == expected
    label = EntryEducation(education).label
    assert all(row["Entry education"] == label for row in rows(page))


def test_education_postsecondary_nondegree_lists_the_three_sample_profiles(client, seeded):
    page = soup(get(client, {"education": "postsecondary_nondegree"}))

    assert titles(page) == [
        "medical assistants",
        "medical records specialists",
        "medical transcriptionists",
    ]
    assert count_line(page).startswith("3 careers match.")


@pytest.mark.parametrize(
    "field", ["healthcare", "office-and-administrative-support", "math", "military", "legal"]
)
def test_field_lists_exactly_its_careers(client, seeded, field):
    OccupationFactory(field=FieldFactory(slug="elsewhere"), title="Elsewhere workers")

    page = soup(get(client, {"field": field}))

    expected = sorted(career.title for career in matching({"field": field}))
    assert titles(page) == expected
    selected = page.select_one("#id_field option[selected]")
    assert selected["value"] == field


@pytest.mark.parametrize("outlook", OutlookLabel.values)
def test_outlook_lists_exactly_the_careers_with_that_outlook(client, seeded, outlook):
    page = soup(get(client, {"outlook": outlook}))

    assert set(titles(page)) == {career.title for career in matching({"outlook": outlook})}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("experience", "less_than_5"),
        ("experience", "see_profile"),
        ("experience", "none"),
        ("training", "long_term"),
        ("training", "moderate_term"),
        ("training", "see_profile"),
        ("training", "none"),
        ("training", "apprenticeship"),
    ],
)
def test_experience_and_training_list_exactly_their_careers(client, seeded, name, value):
    page = soup(get(client, {name: value}))

    assert set(titles(page)) == {career.title for career in matching({name: value})}


@pytest.mark.parametrize(
    "pay",
    [
        {"pay_min": 50_000},
        {"pay_max": 50_000},
        {"pay_min": 45_000, "pay_max": 70_000},
        {"pay_min": 45_750, "pay_max": 45_750},  # both ends count
        {"pay_min": 130_000},
        {"pay_max": 40_409},  # a dollar below the lowest median in the sample
        {"pay_min": 0},
    ],
)
def test_pay_filters_by_the_current_national_median(client, seeded, pay):
    page = soup(get(client, pay))

    expected = {career.title for career in matching(pay)}
    assert set(titles(page)) == expected
    for row in rows(page):
        median = pay_of(row["Median pay"])
        assert median == BY_TITLE[row["title"]].pay_order
        assert pay.get("pay_min", 0) <= median <= pay.get("pay_max", 10**9)


def test_pay_boundaries_against_the_csv(client, seeded):
    """45,750 (pharmacy technicians) is in; 45,690 (medical assistants) is just below it."""
    listed = set(titles(soup(get(client, {"pay_min": 45_750}))))

    assert "pharmacy technicians" in listed
    assert "medical assistants" not in listed
    # A group without a median of its own is placed by the middle of its occupations' range.
    clerks = BY_TITLE["information clerks"]
    assert clerks.median is None
    assert ("information clerks" in listed) == (clerks.pay_order >= 45_750)


def test_pay_filters_use_the_newest_release(client, seeded):
    newer = PayReleaseFactory(code="2026A01", name="May 2026", published="2027-05-15")
    AreaPayFactory(release=newer, soc_code="15-2011", annual_median=Decimal("20000"))

    page = soup(get(client, {"pay_max": 30_000}))

    assert titles(page) == ["actuaries"]
    assert "May 2026" in count_line(page)


@pytest.mark.parametrize("openings", [14_200, 100_000, 2_401, 400_000])
def test_openings_min_keeps_careers_with_at_least_that_many(client, seeded, openings):
    page = soup(get(client, {"openings_min": openings}))

    expected = {career.title for career in matching({"openings_min": openings})}
    assert set(titles(page)) == expected
    for row in rows(page):
        assert int(row["Openings a year"].replace(",", "")) >= openings


@pytest.mark.parametrize(
    "params",
    [
        {"field": "healthcare", "education": "postsecondary_nondegree", "pay_min": 42_000},
        {"field": "healthcare", "outlook": "much_faster", "openings_min": 20_000},
        {"education": "bachelors", "pay_max": 125_000, "outlook": "much_faster"},
        {"field": "healthcare", "pay_min": 45_000, "pay_max": 70_000, "openings_min": 10_000},
        {"field": "math", "education": "doctoral"},  # nothing matches both
        {
            "field": "office-and-administrative-support",
            "education": "high_school",
            "experience": "see_profile",
            "training": "see_profile",
            "outlook": "little_or_no_change",
            "openings_min": 300_000,
        },
    ],
)
def test_filters_combine(client, seeded, params):
    page = soup(get(client, params))

    expected = sorted(career.title for career in matching(params))
    assert titles(page) == expected
    for name, value in params.items():
        field = page.find(id=f"id_{name}")
        shown = field.find("option", selected=True)["value"] if field.name == "select" else None
        assert (shown if shown is not None else field["value"]) == str(value)


@pytest.mark.parametrize(
    ("params", "line"),
    [
        ({"education": "postsecondary_nondegree"}, "3 careers match."),
        ({"field": "math"}, "1 career matches."),
        ({"field": "legal"}, "0 careers match."),
        ({"field": "healthcare", "pay_min": 45_000}, "5 careers match."),
    ],
)
def test_the_count_line_says_how_many_match(client, seeded, params, line):
    page = soup(get(client, params))

    assert count_line(page).startswith(line)
    assert len(rows(page)) == int(line.split()[0])


def test_nothing_matching_says_so(client, seeded):
    response = get(client, {"field": "math", "education": "doctoral"})

    assert is_public(response)
    page = soup(response)
    assert rows(page) == []
    assert "No career matches all of these filters" in text_of(page.main)
    assert page.find("a", string="Clear all filters")["href"] == LIST_URL


# Sorting -------------------------------------------------------------------------------------

SORTS = {
    # sort key: (the Career attribute it orders by, the column showing it or None)
    "title": ("title", "Career"),
    "median": ("pay_order", "Median pay"),
    "outlook": ("outlook_percent", "Outlook, 2024–34"),
    "openings": ("openings", "Openings a year"),
    "jobs": ("jobs", None),
}


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", list(SORTS))
def test_sorting_orders_the_rows(client, seeded, key, descending):
    attribute, _column = SORTS[key]

    page = soup(get(client, {"sort": f"-{key}" if descending else key}))

    listed = titles(page)
    assert sorted(listed) == sorted(career.title for career in CAREERS)  # a sort filters nothing
    with_figure = [title for title in listed if getattr(BY_TITLE[title], attribute) is not None]
    expected = sorted(
        (career for career in CAREERS if getattr(career, attribute) is not None),
        key=lambda career: getattr(career, attribute),
        reverse=descending,
    )
    assert with_figure == [career.title for career in expected]


def test_sorting_by_median_shows_the_csv_medians_in_order(client, seeded):
    page = soup(get(client, {"sort": "-median"}))

    medians = [pay_of(row["Median pay"]) for row in rows(page)]
    figures = [median for median in medians if median is not None]
    assert figures == sorted(figures, reverse=True)
    assert medians == figures + [None] * (len(medians) - len(figures))  # no figure: last
    assert figures[0] == 176_110  # dentists
    assert figures[-1] == 40_410  # medical transcriptionists
    groups = [career for career in CAREERS if career.median_range]
    assert groups  # the sample's groups without a median of their own are placed in the list
    assert {row["title"] for row in rows(page) if RANGE.match(row["Median pay"])} == {
        career.title for career in groups
    }


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_sorting_by_education_follows_blss_order_of_categories(client, seeded, descending):
    """Ascending: BLS's order, doctoral first (EntryEducation); descending: the reverse."""
    page = soup(get(client, {"sort": "-education" if descending else "education"}))

    ranks = [
        BY_TITLE[title].education_rank
        for title in titles(page)
        if BY_TITLE[title].education not in ("", "see_profile")
    ]
    assert ranks == sorted(ranks, reverse=descending)
    assert len(ranks) == sum(c.education not in ("", "see_profile") for c in CAREERS) == 10


@pytest.mark.parametrize("key", ["median", "outlook", "openings"])
def test_careers_without_the_figure_come_last_either_way(client, seeded, key):
    attribute = SORTS[key][0]
    for sort in (key, f"-{key}"):
        listed = titles(soup(get(client, {"sort": sort})))
        missing = [getattr(BY_TITLE[title], attribute) is None for title in listed]
        assert missing == sorted(missing), sort  # every False (has a figure) before any True


def test_ties_in_a_sorted_column_are_ordered_by_title(client, db):
    for title in ["Zeta workers", "Alpha workers", "Mu workers", "Beta workers"]:
        OccupationFactory(title=title, openings_per_year=5_000)

    page = soup(get(client, {"sort": "-openings"}))

    assert titles(page) == ["alpha workers", "beta workers", "mu workers", "zeta workers"]


COLUMNS = {
    # label: (sort key, numeric: sorted highest first on the first choice)
    "Career": ("title", False),
    "Median pay": ("median", True),
    "Entry education": ("education", False),
    "Outlook, 2024–34": ("outlook", True),
    "Openings a year": ("openings", True),
}


def test_unsorted_headings_link_to_their_first_sort(client, seeded):
    page = soup(get(client, {"education": "postsecondary_nondegree", "page": "1"}))

    columns = headings(page)
    assert set(COLUMNS) <= set(columns)
    # With no sort chosen the list is in title order: the Career heading says so and reverses.
    career = columns["Career"]
    assert career["aria-sort"] == "ascending"
    assert query_of(career.a["href"])["sort"] == ["-title"]
    for label, (key, numeric) in COLUMNS.items():
        if key == "title":
            continue
        th = columns[label]
        assert not th.has_attr("aria-sort"), label
        assert query_of(th.a["href"]) == {
            "education": ["postsecondary_nondegree"],
            "sort": [f"-{key}" if numeric else key],
        }, label
        assert "choose to sort" in text_of(th.a)


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("label", list(COLUMNS))
def test_the_sorted_heading_carries_aria_sort_and_reverses(client, seeded, label, descending):
    key = COLUMNS[label][0]
    sort = f"-{key}" if descending else key

    page = soup(get(client, {"field": "healthcare", "sort": sort}))

    columns = headings(page)
    th = columns[label]
    assert th["aria-sort"] == ("descending" if descending else "ascending")
    assert query_of(th.a["href"]) == {
        "field": ["healthcare"],
        "sort": [key if descending else f"-{key}"],
    }
    assert f"sorted {th['aria-sort']}; choose to reverse" in text_of(th.a)
    others = [other for name, other in columns.items() if name != label]
    assert not any(other.has_attr("aria-sort") for other in others)


def test_following_a_heading_link_twice_toggles_the_order(client, seeded):
    page = soup(get(client, {"field": "healthcare"}))

    href = headings(page)["Median pay"].a["href"]
    first = soup(get(client, query_of(href)))
    assert headings(first)["Median pay"]["aria-sort"] == "descending"
    medians = [pay_of(row["Median pay"]) for row in rows(first)]
    assert medians == sorted(medians, reverse=True)

    href = headings(first)["Median pay"].a["href"]
    second = soup(get(client, query_of(href)))
    assert headings(second)["Median pay"]["aria-sort"] == "ascending"
    assert [pay_of(row["Median pay"]) for row in rows(second)] == sorted(medians)
    assert {row["field"] for row in rows(second)} == {"Healthcare"}


# A state's column ----------------------------------------------------------------------------


def test_a_state_adds_its_column_with_the_csv_figures(client, seeded):
    plain = soup(get(client))
    assert not any(label.endswith(" median") for label in headings(plain))

    response = get(client, {"state": "Texas"})

    assert is_public(response)
    page = soup(response)
    labels = list(headings(page))
    assert labels.index("Texas median") == labels.index("Median pay") + 1
    listed = rows(page)
    assert len(listed) == len(CAREERS)
    for row in listed:
        career = BY_TITLE[row["title"]]
        assert money(row["Texas median"]) == career.texas, row["title"]
        assert pay_of(row["Median pay"]) == career.pay_order, row["title"]
    assert money(next(r for r in listed if r["title"] == "dentists")["Texas median"]) is None
    flagship = next(row for row in listed if row["title"] == "medical records specialists")
    assert flagship["Texas median"] == "$48,860"


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_sorting_by_the_state_median(client, seeded, descending):
    sort = "-state" if descending else "state"

    params = {"state": "Texas", "sort": sort, "education": "postsecondary_nondegree"}
    page = soup(get(client, params))

    texas = [money(row["Texas median"]) for row in rows(page)]
    assert texas == sorted(texas, reverse=descending)
    assert texas == sorted([48_860, 42_900, 39_520], reverse=descending)
    th = headings(page)["Texas median"]
    assert th["aria-sort"] == ("descending" if descending else "ascending")
    assert query_of(th.a["href"])["sort"] == ["state" if descending else "-state"]
    assert query_of(th.a["href"])["state"] == ["Texas"]


def test_a_state_without_figures_is_refused(client, seeded):
    response = get(client, {"state": "Atlantis"})

    assert is_private(response)
    page = soup(response)
    assert "no pay figures for that state" in text_of(page.find(id="id_state_error"))
    assert rows(page) == []


def test_a_territory_is_not_offered_as_a_state(client, seeded):
    """The CSV has Guam and Puerto Rico rows, but the picker offers states (and DC) only."""
    page = soup(get(client))

    offered = [option["value"] for option in page.select("#id_state option") if option["value"]]
    assert "Texas" in offered
    assert "District of Columbia" in offered
    assert "Guam" not in offered
    assert "Puerto Rico" not in offered
    assert offered == sorted(offered)


@pytest.mark.parametrize("sort", ["state", "-state"])
def test_sorting_by_the_state_without_a_state_is_not_a_server_error(client, seeded, sort):
    client.raise_request_exception = False

    response = client.get(LIST_URL, {"sort": sort})

    assert response.status_code == 200


# A shareable address -------------------------------------------------------------------------


def test_the_same_address_gives_the_same_page_to_anyone(seeded):
    params = {
        "field": "healthcare",
        "education": "postsecondary_nondegree",
        "pay_min": "42000",
        "state": "Texas",
        "sort": "-median",
    }
    first, second = Client().get(LIST_URL, params), Client().get(LIST_URL, params)

    assert first.status_code == second.status_code == 200
    assert is_public(first)
    assert is_public(second)
    assert without_csrf_tokens(first) == without_csrf_tokens(second)
    page = soup(first)
    assert titles(page) == ["medical records specialists", "medical assistants"]
    # The form shows the choices the address holds, so the visitor can change one.
    assert page.select_one("#id_field option[selected]")["value"] == "healthcare"
    assert page.select_one("#id_education option[selected]")["value"] == "postsecondary_nondegree"
    assert page.select_one("#id_state option[selected]")["value"] == "Texas"
    assert page.select_one("#id_sort option[selected]")["value"] == "-median"
    assert page.find(id="id_pay_min")["value"] == "42000"
    form = page.find("form", class_="career-finder")
    assert form["method"] == "get"
    assert form["action"] == LIST_URL
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None


def test_the_page_title_says_it_is_the_finder(client, seeded):
    assert text_of(soup(get(client)).h1) == "Careers"
    assert text_of(soup(get(client, {"field": "healthcare"})).h1) == "Career finder"


# Pagination ----------------------------------------------------------------------------------


def nav(page):
    return page.find("nav", attrs={"aria-label": "Pages of careers"})


@pytest.fixture
def many_matching(db):
    """45 careers matching field=nursing-x, education=postsecondary_nondegree, pay_min=40000,
    with distinct medians; and careers just outside each filter."""
    release = PayReleaseFactory()
    field = FieldFactory(slug="nursing-x", name="Nursing X")
    matches = [
        career_with_pay(
            release,
            national=40_000 + 100 * index,
            field=field,
            entry_education=EntryEducation.POSTSECONDARY,
            title=f"Matching workers {index:02d}",
        )
        for index in range(45)
    ]
    postsecondary = EntryEducation.POSTSECONDARY
    career_with_pay(release, national=90_000, field=field, entry_education="bachelors")
    career_with_pay(release, national=39_999, field=field, entry_education=postsecondary)
    career_with_pay(release, national=90_000, entry_education=postsecondary)
    return matches


FILTERS = {
    "field": "nursing-x",
    "education": "postsecondary_nondegree",
    "pay_min": "40000",
    "sort": "-median",
}


def test_pagination_keeps_the_filters(client, many_matching):
    first = get(client, FILTERS)

    assert is_public(first)
    page_one = soup(first)
    assert count_line(page_one).startswith("45 careers match, page 1 of 2.")
    assert len(rows(page_one)) == PER_PAGE
    next_link = nav(page_one).find("a", rel="next")
    assert query_of(next_link["href"]) == {**{k: [v] for k, v in FILTERS.items()}, "page": ["2"]}
    for link in nav(page_one).find_all("a", class_="page-link"):
        assert {k: v for k, v in query_of(link["href"]).items() if k != "page"} == {
            k: [v] for k, v in FILTERS.items()
        }

    page_two = soup(get(client, query_of(next_link["href"])))

    assert count_line(page_two).startswith("45 careers match, page 2 of 2.")
    assert len(rows(page_two)) == 45 - PER_PAGE
    prev_link = nav(page_two).find("a", rel="prev")
    assert query_of(prev_link["href"]) == {**{k: [v] for k, v in FILTERS.items()}, "page": ["1"]}
    assert text_of(nav(page_two).find(attrs={"aria-current": "page"})) == "2"
    # Sorted across the pages: every match once, highest median first.
    listed = rows(page_one) + rows(page_two)
    assert [row["title"] for row in listed] == [
        f"matching workers {index:02d}" for index in reversed(range(45))
    ]
    medians = [money(row["Median pay"]) for row in listed]
    assert medians == sorted(medians, reverse=True)
    # A heading's link starts again at page 1, keeping the filters.
    heading = headings(page_two)["Median pay"].a["href"]
    assert "page" not in query_of(heading)
    assert query_of(heading)["field"] == ["nursing-x"]


def test_a_page_past_the_end_shows_the_last_page(client, many_matching):
    response = get(client, {**FILTERS, "page": "999"})

    assert is_public(response)
    page = soup(response)
    assert len(rows(page)) == 45 - PER_PAGE
    assert text_of(nav(page).find(attrs={"aria-current": "page"})) == "2"
    assert count_line(page).startswith("45 careers match, page 2 of 2.")


def test_a_page_past_the_end_of_the_plain_list_is_not_a_404(client, seeded):
    response = get(client, {"page": "999"})

    assert titles(soup(response)) == sorted(career.title for career in CAREERS)


def test_a_page_that_is_not_a_number_shows_the_first(client, many_matching):
    page = soup(get(client, {**FILTERS, "page": "abc"}))

    assert len(rows(page)) == PER_PAGE
    assert text_of(nav(page).find(attrs={"aria-current": "page"})) == "1"


# Impossible filters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "where", "message"),
    [
        ({"pay_min": "60000", "pay_max": "50000"}, "finder-errors", "“from” is above “to”"),
        ({"field": "nonsense"}, "id_field_error", "There is no field of that name"),
        ({"pay_min": "abc"}, "id_pay_min_error", "Enter pay as a whole number of dollars"),
        ({"pay_min": "-5"}, "id_pay_min_error", "Pay cannot be below $0"),
        ({"pay_max": "99999999999"}, "id_pay_max_error", "above any pay BLS publishes"),
        ({"openings_min": "-1"}, "id_openings_min_error", "Openings cannot be below 0"),
        ({"openings_min": "lots"}, "id_openings_min_error", "Enter openings as a whole number"),
        ({"sort": "bogus"}, "id_sort_error", "not one of the choices"),
        ({"education": "bogus"}, "id_education_error", "not one of the choices"),
        ({"outlook": "booming"}, "id_outlook_error", "not one of the choices"),
        (
            {"field": "healthcare", "pay_min": "90000", "pay_max": "1000", "page": "2"},
            "finder-errors",
            "Swap them or clear one",
        ),
    ],
)
def test_an_impossible_filter_says_why_lists_nothing_and_is_private(
    client, seeded, params, where, message
):
    response = client.get(LIST_URL, params)

    assert response.status_code == 200
    assert is_private(response)
    page = soup(response)
    error = page.find(id=where)
    assert error is not None
    assert error["role"] == "alert"
    assert message in text_of(error)
    assert rows(page) == []
    assert page.select_one("table.career-table") is None
    assert count_line(page).startswith(NO_ERRORS_YET)
    assert nav(page) is None
    if where.startswith("id_") and where != "id_sort_error":
        field = page.find(id=where.removesuffix("_error"))
        assert field["aria-invalid"] == "true"
        assert where in field["aria-describedby"]


def test_an_impossible_filter_keeps_what_the_visitor_chose(client, seeded):
    page = soup(client.get(LIST_URL, {"field": "healthcare", "pay_min": "9", "pay_max": "1"}))

    assert page.select_one("#id_field option[selected]")["value"] == "healthcare"
    assert page.find(id="id_pay_min")["value"] == "9"
    assert page.find("a", string="Clear all filters")["href"] == LIST_URL


# Queries -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "params",
    [
        {
            "education": "high_school",
            "pay_min": "1000",
            "openings_min": "100",
            "sort": "-median",
        },
        {
            "field": "queries",
            "outlook": "faster",
            "pay_max": "900000",
            "state": "Texas",
            "sort": "state",
        },
    ],
    ids=["three-filters", "three-filters-and-a-state"],
)
def test_the_finder_takes_the_same_queries_for_10_or_60_careers(client, db, params):
    release = PayReleaseFactory()
    field = FieldFactory(slug="queries")

    def add(count):
        for _ in range(count):
            career_with_pay(release, national=50_000 + next(_codes), texas=48_000, field=field)

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = get(client, params)
        return len(captured.captured_queries), len(rows(soup(response)))

    add(9)
    CareerGuideFactory(occupation=career_with_pay(release, texas=40_000, field=field))
    few, shown_few = queries()
    add(50)
    many, shown_many = queries()

    assert (shown_few, shown_many) == (10, PER_PAGE)
    assert few == many


def test_a_career_a_guide_covers_links_to_the_guide(client, seeded):
    listed = rows(soup(get(client, {"field": "healthcare"})))

    links = {row["title"]: row["link"] for row in listed}
    assert links["medical records specialists"] == GUIDE_URL
    healthcare = matching({"field": "healthcare"})
    # Guides cover some healthcare careers and not others: both kinds are checked.
    assert {career.slug in COVERED for career in healthcare} == {True, False}
    for career in healthcare:
        assert links[career.title] == page_of(career.slug)


def test_a_draft_guide_does_not_take_over_the_link(client, seeded):
    CareerGuide.objects.filter(slug="medical-records-specialist").update(status="draft")

    links = {row["title"]: row["link"] for row in rows(soup(get(client)))}

    assert links["medical records specialists"] == f"/careers/{FLAGSHIP}/"
