"""The home page: the search form first, the featured guide with its neighbours in the handbook
and their medians, three short lists computed from the data, and the fields with counts."""

import csv
import datetime
import itertools
import json
from decimal import Decimal, InvalidOperation

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from occupations.models import EntryEducation, Occupation, PayRelease
from tests.conftest import OEWS_SAMPLE, OOH_SAMPLE, soup
from tests.factories import AreaPayFactory, FieldFactory, OccupationFactory, PayReleaseFactory
from tests.occupations.guide_packs import page_of

pytestmark = pytest.mark.django_db

HOME = "/"
GUIDE_URL = "/careers/medical-records-specialist/"
FLAGSHIP = "medical-records-and-health-information-technicians"
SAMPLE = json.loads(OOH_SAMPLE.read_text(encoding="utf-8"))
PROFILES = {entry["slug"]: entry for entry in SAMPLE["occupations"]}
LENGTH = 5
NO_DEGREE = {"no_formal", "high_school", "postsecondary_nondegree", "some_college"}
GROWTH_TITLE = "Fastest-growing careers that need no degree"
OPENINGS_TITLE = "Careers with the most openings a year"
PAY_TITLE = "Best-paid careers you can start with a postsecondary certificate"


def national_medians() -> dict[str, int | None]:
    medians = {}
    with OEWS_SAMPLE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["AREA_TYPE"] == "1":
                try:
                    medians[row["OCC_CODE"]] = int(Decimal(row["A_MEDIAN"]))
                except InvalidOperation:
                    medians[row["OCC_CODE"]] = None
    return medians


MEDIANS = national_medians()


def headline_median(entry) -> int | None:
    codes = entry["soc_codes"]
    if not codes or codes[0]["level"] == "detailed":
        return None
    return MEDIANS.get(codes[0]["soc_code"])


def education_of(entry) -> str:
    label = (entry["entry_education"] or "").replace("'", "’").lower()
    for value, name in EntryEducation.choices:
        if str(name).lower() == label:
            return value
    return "see_profile" if label == "see how to become one" else ""


def sample_rows() -> list[dict]:
    """The sample's profiles, as the short lists see them."""
    return [
        {
            "title": entry["title"],
            "link": page_of(slug),  # a career a guide covers links to the guide
            "education": education_of(entry),
            "outlook": entry["outlook_percent"],
            "openings": entry["openings_per_year"],
            "median": headline_median(entry),
        }
        for slug, entry in PROFILES.items()
    ]


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def highlights(page) -> dict[str, dict]:
    """{short list's heading: its items (title, link, figure) and its source line}."""
    found = {}
    for section in page.main.select('section[aria-labelledby^="highlight-"]'):
        found[text_of(section.h2)] = {
            "items": [
                (text_of(item.a).lower(), item.a["href"], text_of(item.span))
                for item in section.select("ol > li")
            ],
            "source": text_of(section.select_one("p.small")),
        }
    return found


def field_grid(page) -> dict[str, tuple[str, str]]:
    return {
        text_of(item.a): (item.a["href"], text_of(item.span))
        for item in page.main.select("ul.field-grid > li")
    }


def top(rows, key, where=lambda row: True) -> list[dict]:
    """The first LENGTH rows with a figure for `key` meeting `where`: highest first, then A–Z."""
    kept = [row for row in rows if row[key] is not None and where(row)]
    return sorted(kept, key=lambda row: (-row[key], row["title"].lower()))[:LENGTH]


_codes = itertools.count(3000)


def profile(release=None, median=None, **fields):
    code = f"96-{next(_codes):04d}"
    occupation = OccupationFactory(pay_code=code, **fields)
    if release is not None and median is not None:
        AreaPayFactory(release=release, soc_code=code, annual_median=Decimal(median))
    return occupation


def as_row(occupation, median=None) -> dict:
    return {
        "title": occupation.title,
        "link": occupation.get_absolute_url(),
        "education": occupation.entry_education,
        "outlook": occupation.outlook_percent,
        "openings": occupation.openings_per_year,
        "median": median,
    }


# The search form -----------------------------------------------------------------------------


def test_the_search_form_comes_first_in_the_main_content(client, seeded):
    response = client.get(HOME)

    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    main = soup(response).main
    form = main.find("form")
    assert form["role"] == "search"
    assert form["action"] == "/search/"
    assert form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search"
    assert form.find("label", attrs={"for": field["id"]})
    # The first thing a keyboard reaches in the main content is the search box.
    focusable = [
        node
        for node in main.find_all(["a", "input", "select", "textarea", "button"])
        if node.name != "a" or node.has_attr("href")
    ]
    assert focusable[0] is field
    # Before the featured guide, the short lists and the fields.
    order = list(main.find_all(True))
    for later in (
        main.find(attrs={"aria-labelledby": "featured-heading"}),
        main.find(attrs={"aria-labelledby": "highlight-1"}),
        main.find(attrs={"aria-labelledby": "fields-heading"}),
    ):
        assert later is not None
        assert order.index(form) < order.index(later)


# The featured guide --------------------------------------------------------------------------


def featured(page):
    return page.main.find(attrs={"aria-labelledby": "featured-heading"})


def neighbours(page) -> list[tuple[str, str, str]]:
    section = featured(page)
    return [
        (text_of(item.a).lower(), item.a["href"], text_of(item.span) if item.span else "")
        for item in section.select("ul > li")
    ]


def test_the_featured_guide_with_its_neighbours_and_their_medians(client, seeded):
    page = soup(client.get(HOME))

    section = featured(page)
    assert "Featured pathway · Healthcare" in text_of(section.h2)
    assert section.find("a", href=GUIDE_URL)
    expected = []
    for similar in PROFILES[FLAGSHIP]["similar"]:
        entry = PROFILES[similar["slug"]]  # every neighbour of the flagship is in the sample
        median = headline_median(entry)
        expected.append(
            (
                entry["title"].lower(),
                page_of(similar["slug"]),
                f"median ${median:,} (May 2025)" if median is not None else "",
            )
        )
    assert neighbours(page) == expected
    assert len(expected) == 6
    assert (
        "health information technologists and medical registrars",
        "/careers/health-information-technologist/",  # its guide's page now
        "median $68,020 (May 2025)",
    ) in expected
    assert ("information clerks", "/careers/information-clerks/", "") in expected


def test_a_draft_neighbour_is_not_shown(client, seeded):
    Occupation.objects.filter(slug="medical-and-health-services-managers").update(status="draft")

    listed = [title for title, _, _ in neighbours(soup(client.get(HOME)))]

    assert "medical and health services managers" not in listed
    assert len(listed) == 5


def test_neighbours_show_the_newest_releases_medians(client, seeded):
    newer = PayReleaseFactory(code="2026A01", name="May 2026", published="2027-05-15")
    AreaPayFactory(release=newer, soc_code="31-9092", annual_median=Decimal("47000"))

    listed = {title: figure for title, _, figure in neighbours(soup(client.get(HOME)))}

    assert listed["medical assistants"] == "median $47,000 (May 2026)"
    assert listed["medical transcriptionists"] == ""  # not in the newest release


# The short lists -----------------------------------------------------------------------------


def test_the_three_short_lists_from_the_sample(client, seeded):
    lists = highlights(soup(client.get(HOME)))

    assert list(lists) == [GROWTH_TITLE, OPENINGS_TITLE, PAY_TITLE]
    rows = sample_rows()
    openings = top(rows, "openings")
    assert lists[OPENINGS_TITLE]["items"] == [
        (row["title"].lower(), row["link"], f"{row['openings']:,} a year") for row in openings
    ]
    assert lists[OPENINGS_TITLE]["items"][0] == (
        "secretaries and administrative assistants",
        "/careers/secretaries-and-administrative-assistants/",
        "358,300 a year",
    )
    paid = top(rows, "median", lambda row: row["education"] == "postsecondary_nondegree")
    assert lists[PAY_TITLE]["items"] == [
        (row["title"].lower(), row["link"], f"${row['median']:,}") for row in paid
    ]
    assert [title for title, _, _ in lists[PAY_TITLE]["items"]] == [
        "medical records specialists",
        "medical assistants",
        "medical transcriptionists",
    ]
    assert lists[PAY_TITLE]["items"][0][1] == GUIDE_URL  # the flagship links to its guide
    growing = top(rows, "outlook", lambda row: row["education"] in NO_DEGREE)
    assert [(t, link) for t, link, _ in lists[GROWTH_TITLE]["items"]] == [
        (row["title"].lower(), row["link"]) for row in growing[: len(lists[GROWTH_TITLE]["items"])]
    ]
    assert lists[GROWTH_TITLE]["items"][0] == (
        "medical assistants",
        "/careers/medical-assistant/",  # the guide that covers the profile
        "+12%",
    )


def test_each_short_list_names_its_source_and_period(client, seeded):
    lists = highlights(soup(client.get(HOME)))

    assert lists[GROWTH_TITLE]["source"] == "Source: BLS Employment Projections, 2024–34."
    assert lists[OPENINGS_TITLE]["source"] == (
        "Source: BLS Employment Projections, 2024–34, average openings a year."
    )
    assert lists[PAY_TITLE]["source"] == (
        "Source: BLS Occupational Employment and Wage Statistics (OEWS), national median, May 2025."
    )


@pytest.fixture
def more_profiles(seeded):
    """Profiles around each list's rules: degrees, drafts, ties, pay in an older release."""
    release = PayRelease.objects.get(name="May 2025")
    older = PayReleaseFactory(code="2024A01", name="May 2024", published=datetime.date(2025, 4, 2))
    certificate, degree = "postsecondary_nondegree", "associates"
    made = {
        # Fastest-growing, no degree
        "bachelors": profile(
            title="Bachelor boomers", entry_education="bachelors", outlook_percent=50
        ),
        "associates": profile(
            title="Associate boomers", entry_education=degree, outlook_percent=40
        ),
        "varies": profile(
            title="Varied boomers", entry_education="see_profile", outlook_percent=99
        ),
        "draft": profile(
            title="Draft boomers", entry_education="no_formal", outlook_percent=80, status="draft"
        ),
        "no_formal": profile(
            title="No-formal growers", entry_education="no_formal", outlook_percent=30
        ),
        "tie": profile(title="Alpha growers", entry_education="high_school", outlook_percent=12),
        "some_college": profile(
            title="Some-college growers", entry_education="some_college", outlook_percent=9
        ),
        # Most openings
        "draft_openings": profile(
            title="Draft openers", openings_per_year=9_000_000, status="draft"
        ),
        "tied_openings": profile(
            title="Aardvark openers",
            openings_per_year=PROFILES["medical-and-health-services-managers"]["openings_per_year"],
        ),
        # Best-paid with a postsecondary nondegree award
        "certificate": profile(
            release=release, median=60_000, title="Certificate earners", entry_education=certificate
        ),
        "degree_pay": profile(
            release=release, median=90_000, title="Degree earners", entry_education=degree
        ),
        "college_pay": profile(
            release=release, median=80_000, title="College earners", entry_education="some_college"
        ),
        "no_pay": profile(title="Unpaid certificates", entry_education=certificate),
        "old_pay": profile(
            release=older, median=99_000, title="Old earners", entry_education=certificate
        ),
    }
    # The factory's defaults would put these in the openings list: keep them out of it.
    Occupation.objects.filter(pk__in=[o.pk for o in made.values()]).exclude(
        title__in=["Draft openers", "Aardvark openers"]
    ).update(openings_per_year=100)
    for occupation in made.values():
        occupation.refresh_from_db()
    return made


def test_the_growth_list_takes_only_careers_needing_no_degree(client, more_profiles):
    made = more_profiles
    items = highlights(soup(client.get(HOME)))[GROWTH_TITLE]["items"]

    published = sample_rows() + [
        as_row(occupation) for occupation in made.values() if occupation.status == "published"
    ]
    expected = top(published, "outlook", lambda row: row["education"] in NO_DEGREE)
    assert [(title, link) for title, link, _ in items] == [
        (row["title"].lower(), row["link"]) for row in expected
    ]
    assert [title for title, _, _ in items] == [
        "no-formal growers",
        "alpha growers",  # 12%, like medical assistants: A–Z breaks the tie
        "medical assistants",
        "some-college growers",
        "medical records specialists",
    ]
    assert [figure for _, _, figure in items] == ["+30%", "+12%", "+12%", "+9%", "+7%"]
    listed = {title for title, _, _ in items}
    assert not listed & {"bachelor boomers", "associate boomers", "varied boomers", "draft boomers"}
    assert items[-1][1] == GUIDE_URL


def test_the_openings_list_ranks_published_careers_by_openings(client, more_profiles):
    items = highlights(soup(client.get(HOME)))[OPENINGS_TITLE]["items"]

    assert [(title, figure) for title, _, figure in items] == [
        ("secretaries and administrative assistants", "358,300 a year"),
        ("information clerks", "149,200 a year"),
        ("medical assistants", "112,300 a year"),
        ("financial clerks", "102,200 a year"),
        ("aardvark openers", "62,100 a year"),  # ties health services managers; A–Z first
    ]
    listed = {title for title, _, _ in items}
    assert "medical and health services managers" not in listed  # the tie's loser
    assert "draft openers" not in listed


def test_the_pay_list_takes_only_postsecondary_nondegree_awards_and_current_pay(
    client, more_profiles
):
    items = highlights(soup(client.get(HOME)))[PAY_TITLE]["items"]

    assert [(title, figure) for title, _, figure in items] == [
        ("certificate earners", "$60,000"),
        ("medical records specialists", "$51,140"),
        ("medical assistants", "$45,690"),
        ("medical transcriptionists", "$40,410"),
    ]


def test_a_short_list_holds_at_most_five(client, seeded):
    for index in range(8):
        profile(title=f"Busy workers {index}", openings_per_year=1_000_000 + index)

    items = highlights(soup(client.get(HOME)))[OPENINGS_TITLE]["items"]

    assert [title for title, _, _ in items] == [f"busy workers {i}" for i in (7, 6, 5, 4, 3)]


def test_the_growth_list_holds_only_careers_projected_to_grow(client, seeded):
    items = highlights(soup(client.get(HOME)))[GROWTH_TITLE]["items"]

    outlooks = {row["title"].lower(): row["outlook"] for row in sample_rows()}
    assert items
    assert [(title, figure) for title, _, figure in items if outlooks[title] <= 0] == []


def test_growth_figures_carry_their_own_sign(client, seeded):
    items = highlights(soup(client.get(HOME)))[GROWTH_TITLE]["items"]

    outlooks = {row["title"].lower(): row["outlook"] for row in sample_rows()}
    for title, _, figure in items:
        percent = outlooks[title]
        assert figure == (f"+{percent}%" if percent > 0 else f"{percent}%"), title


# The fields ----------------------------------------------------------------------------------


def test_the_fields_with_their_counts(client, seeded):
    OccupationFactory(field=FieldFactory(slug="healthcare"), status="draft")

    grid = field_grid(soup(client.get(HOME)))

    counts: dict[str, int] = {}
    for entry in PROFILES.values():
        counts[entry["field"]] = counts.get(entry["field"], 0) + 1
    names = {field["slug"]: field["name"] for field in SAMPLE["fields"]}
    assert grid == {
        names[slug]: (f"/careers/fields/{slug}/", f"({n} career{'' if n == 1 else 's'})")
        for slug, n in counts.items()
    }
    assert grid["Healthcare"] == ("/careers/fields/healthcare/", "(6 careers)")
    assert grid == field_grid(soup(client.get("/careers/fields/")))


# Queries -------------------------------------------------------------------------------------


def test_the_home_page_takes_the_same_queries_for_10_or_60_more_profiles(client, seeded):
    release = PayRelease.objects.get(name="May 2025")

    def add(count):
        for index in range(count):
            profile(
                release,
                median=50_000 + index,
                field=FieldFactory(),
                entry_education="postsecondary_nondegree",
                outlook_percent=index % 40,
                openings_per_year=1_000 + index,
            )

    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(HOME)
        assert response.status_code == 200
        return len(captured.captured_queries), len(field_grid(soup(response)))

    fields = len(field_grid(soup(client.get(HOME))))
    add(10)
    few, shown_few = queries()
    add(50)
    many, shown_many = queries()

    assert (shown_few, shown_many) == (fields + 10, fields + 60)
    assert few == many
