"""Site search: the header box, ranking, drafts, snippets, hostile queries, pagination, indexes.

Runs on SQLite by default; with DATABASE_URL pointing at PostgreSQL the same tests exercise the
full-text backend, and the `postgresql` tests check its weights and GIN indexes.
"""

import re
from itertools import pairwise

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.backends import search
from search.kinds import KINDS
from search.text import START, STOP, marked_html
from tests.conftest import soup
from tests.factories import (
    CareerGuideFactory,
    CertificationFactory,
    FAQFactory,
    OccupationFactory,
    RelatedTitleFactory,
    TrainingStepFactory,
)

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
SEARCH_URL = "/search/"


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: run with DATABASE_URL=postgres://…")


def results_of(response) -> list[dict]:
    page = soup(response)
    return [
        {
            "kind": item.find(class_="search-kind").get_text(" ", strip=True),
            "title": item.find("h2").get_text(" ", strip=True),
            "href": item.find("h2").find("a")["href"],
            "snippet": item.find(class_="search-snippet"),
        }
        for item in page.select("ol.search-results > li")
    ]


# The page --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/search/", "/search/?q=", "/search/?q=++"])
def test_an_empty_query_gets_a_helpful_page(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    assert page.h1.get_text(strip=True) == "Search CareerPath"
    assert "Type a job title, certification or question" in page.get_text()
    suggestions = [a["href"] for a in page.select(".search-suggestions a")]
    assert "/search/?q=medical+coder" in suggestions
    assert "/search/?q=CPC+exam" in suggestions
    assert not page.select("ol.search-results")
    assert not page.select(".invalid-feedback")


@pytest.mark.parametrize("path", ["/search/", "/search/?q=medical+coder", "/search/?q=zzqxj"])
def test_search_pages_are_well_formed_and_not_indexed(client, seeded, path):
    response = client.get(path)
    assert response.status_code == 200
    page = soup(response)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.title.string.strip().endswith("· CareerPath")
    assert page.find("meta", attrs={"name": "description"})["content"].strip()
    assert len(page.find_all("h1")) == 1
    levels = [int(h.name[1]) for h in page.find_all(["h1", "h2", "h3"])]
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels
    crumbs = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert crumbs.find(attrs={"aria-current": "page"}).get_text(strip=True) == "Search"
    form = page.find("main").find("form", attrs={"role": "search"})
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search"
    assert form.find("label", attrs={"for": field["id"]}).get_text(strip=True)


@pytest.mark.parametrize(
    "path", ["/", "/careers/", GUIDE_URL, "/certifications/cpc/", "/search/?q=cpc", "/nope/"]
)
def test_every_page_has_the_header_search_form(client, seeded, path):
    page = soup(client.get(path))
    form = page.find("header").find("form", attrs={"role": "search"})
    assert form["action"] == "/search/"
    assert form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search"
    label = form.find("label", attrs={"for": field["id"]})
    assert label.get_text(strip=True) == "Search CareerPath"
    assert form.find("button", attrs={"type": "submit"})


def test_the_header_form_leads_to_results(client, seeded):
    page = soup(client.get("/"))
    form = page.find("header").find("form", attrs={"role": "search"})
    response = client.get(form["action"], {"q": "medical coder"})
    assert response.status_code == 200
    assert results_of(response)


# Finding the right pages -----------------------------------------------------------------------


def test_medical_coder_finds_the_medical_records_specialist_guide_first(client, seeded):
    response = client.get(SEARCH_URL, {"q": "medical coder"})
    found = results_of(response)
    assert found[0]["href"] == GUIDE_URL
    assert found[0]["kind"] == "Career guide"
    assert found[0]["title"] == "Medical Records Specialist"
    top = {(result["kind"], result["title"]) for result in found[:3]}
    assert ("Also known as · Medical Records Specialist", "Medical Coder") in top
    assert "result" in soup(response).select_one(".search-count").get_text()


def test_cpc_exam_ranks_the_cpc_certification_first(client, seeded):
    found = results_of(client.get(SEARCH_URL, {"q": "CPC exam"}))
    assert found[0]["href"] == "/certifications/cpc/"
    assert found[0]["kind"] == "Certification"
    assert found[0]["title"].startswith("CPC")


def test_guide_parts_link_to_their_place_in_the_guide(client, seeded):
    # Other family guides have FAQs and steps with these words too: take the flagship's parts,
    # told apart by the guide their result names (not by the link under test).
    def flagship_part(query, kind):
        return next(
            result
            for result in results_of(client.get(SEARCH_URL, {"q": query}))
            if result["kind"].startswith(kind)
            and result["kind"].endswith("· Medical Records Specialist")
        )

    faq = flagship_part("degree", "Question")
    assert faq["href"].startswith(GUIDE_URL + "#faq-")
    guide_page = soup(client.get(GUIDE_URL))
    assert guide_page.find(id=faq["href"].split("#")[1])
    step = flagship_part("entry-level jobs", "Training step")
    assert step["href"].startswith(GUIDE_URL + "#step-")
    assert guide_page.find(id=step["href"].split("#")[1])


def test_a_title_match_ranks_above_a_body_only_match(db):
    body_only = CareerGuideFactory(title="Zoo keeper", overview="Some care for the ocelot.")
    in_summary = CareerGuideFactory(title="Cat nurse", summary="Looks after an ocelot.")
    in_title = CareerGuideFactory(title="Ocelot handler", overview="Animals.")
    ordered = [result.url for result in search("ocelot")]
    assert ordered == [
        in_title.get_absolute_url(),
        in_summary.get_absolute_url(),
        body_only.get_absolute_url(),
    ]


def test_when_no_page_has_every_word_pages_with_some_of_them_are_shown(client, seeded):
    # Family guides now answer "how long does it take"; a word no page holds keeps any page
    # from matching every word, while "long" and "take" still match some.
    query = "how long does it take a zzqxj"
    assert not [result for result in search(query) if result.matches_all_words]
    response = client.get(SEARCH_URL, {"q": query})
    assert response.status_code == 200
    page = soup(response)
    assert results_of(response)
    assert "match some of them" in page.get_text()


def test_no_results_gets_a_helpful_message(client, seeded):
    response = client.get(SEARCH_URL, {"q": "zzqxj"})
    page = soup(response)
    assert "No results for “zzqxj”" in page.get_text()
    assert page.select(".search-suggestions a")
    assert page.find("a", href="/careers/")


# Drafts ----------------------------------------------------------------------------------------


def test_drafts_and_the_parts_of_draft_guides_are_never_found(client, db):
    published = CareerGuideFactory(title="Quokka keeper", status="published")
    draft = CareerGuideFactory(title="Quokka numbat", slug="quokka-numbat", status="draft")
    FAQFactory(guide=draft, question="Do quokka keepers feed a bilby?")
    TrainingStepFactory(guide=draft, title="Meet a quokka and a bettong")
    RelatedTitleFactory(guide=draft, title="Quokka dunnart")
    CertificationFactory(code="QKA", name="Quokka Potoroo", status="draft")

    found = results_of(client.get(SEARCH_URL, {"q": "quokka"}))
    assert [result["href"] for result in found] == [published.get_absolute_url()]
    for words_only_in_drafts in ("numbat", "bilby", "bettong", "dunnart", "QKA", "potoroo"):
        assert search(words_only_in_drafts) == [], words_only_in_drafts


def test_parts_of_a_published_guide_are_found(db):
    guide = CareerGuideFactory(title="Harbour pilot")
    faq = FAQFactory(guide=guide, question="Is a wombat allowed on board?")
    step = TrainingStepFactory(guide=guide, title="Sail with a wombat")
    alias = RelatedTitleFactory(guide=guide, title="Wombat skipper")
    urls = {result.url for result in search("wombat")}
    assert f"{guide.get_absolute_url()}#faq-{faq.pk}" in urls
    assert f"{guide.get_absolute_url()}#step-{step.pk}" in urls
    assert f"{guide.get_absolute_url()}#also-known-as" in urls
    assert guide.get_absolute_url() in urls  # found by its other name
    assert alias.title == "Wombat skipper"


# Snippets and escaping -------------------------------------------------------------------------


def test_snippets_highlight_the_matched_words(client, seeded):
    found = results_of(client.get(SEARCH_URL, {"q": "CPC exam"}))
    marks = [mark.get_text().lower() for mark in found[0]["snippet"].find_all("mark")]
    assert marks
    assert {"cpc", "exam"} & set(marks)


def test_content_markup_in_results_is_escaped(client, db):
    CareerGuideFactory(
        title='<img src=x onerror="alert(1)"> Platypus guide',
        summary="<script>alert('platypus')</script>",
    )
    html = client.get(SEARCH_URL, {"q": "platypus"}).content.decode()
    assert "<img src=x" not in html
    assert "<script>alert" not in html
    assert "&lt;img src=x" in html


def test_highlight_markers_become_balanced_mark_elements():
    assert marked_html(f"a <b> {START}x & y{STOP} z") == "a &lt;b&gt; <mark>x &amp; y</mark> z"
    assert marked_html(f"{STOP}stray {START}open") == "stray <mark>open</mark>"
    assert marked_html("") == ""


HOSTILE_QUERIES = [
    "<script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "medical\x00coder",
    "\x00",
    "' OR '1'='1' --",
    "1; DROP TABLE guides_careerguide; --",
    '")) UNION SELECT password FROM auth_user --',
    "'",
    '"',
    '"unclosed phrase',
    "-",
    "--",
    "-coder",
    "or",
    "or or or",
    "coder or",
    "!(&|:*)",
    "a & b | c",
    "\\",
    "%",
    "_",
    "🙂 " * 50,
    "\u202e\ufeff",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_fail_and_are_never_reflected(client, seeded, query):
    response = client.get(SEARCH_URL, {"q": query, "page": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    if "<" in query:
        assert query not in html


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.text(max_size=80))
def test_any_text_at_all_is_a_valid_search(seeded, query):
    for result in search(query):
        assert result.url.startswith("/")


def test_nul_bytes_are_ignored(client, seeded):
    found = results_of(client.get(SEARCH_URL, {"q": "medical coder\x00"}))
    assert found[0]["href"] == GUIDE_URL


def test_a_query_that_is_too_long_gets_a_clear_error_and_keeps_the_text(client, seeded):
    typed = "medical coder " * 20  # 280 characters
    response = client.get(SEARCH_URL, {"q": typed})
    assert response.status_code == 200
    page = soup(response)
    error = page.select_one("main .invalid-feedback")
    assert "200 characters or fewer" in error.get_text()
    field = page.find("main").find("input", attrs={"name": "q"})
    assert field["value"].strip() == typed.strip()
    assert field["aria-invalid"] == "true"
    assert error["id"] in field["aria-describedby"].split()
    assert not page.select("ol.search-results")


# Pagination ------------------------------------------------------------------------------------


@pytest.fixture
def fifteen_guides(db):
    return [
        CareerGuideFactory(title=f"Axolotl role {n:02}", slug=f"axolotl-{n:02}") for n in range(15)
    ]


def test_results_come_ten_to_a_page(client, fifteen_guides):
    first = client.get(SEARCH_URL, {"q": "axolotl"})
    page = soup(first)
    assert "15 results" in page.select_one(".search-count").get_text()
    assert len(results_of(first)) == 10
    nav = page.find("nav", attrs={"aria-label": "Search result pages"})
    assert nav.find("a", attrs={"aria-current": "page"}).get_text() == "Page 1"
    assert nav.find("a", attrs={"rel": "next"})["href"] == "?q=axolotl&page=2"

    second = client.get(SEARCH_URL, {"q": "axolotl", "page": "2"})
    assert len(results_of(second)) == 5
    seen = {r["href"] for r in results_of(first)} | {r["href"] for r in results_of(second)}
    assert seen == {guide.get_absolute_url() for guide in fifteen_guides}
    assert soup(second).select_one("ol.search-results")["start"] == "11"


@pytest.mark.parametrize(
    ("page", "expected_count"),
    [("999", 5), ("-1", 5), ("abc", 10), ("", 10), ("0", 5), ("1.5", 10), ("9" * 40, 5)],
)
def test_odd_page_numbers_show_the_first_or_last_page(client, fifteen_guides, page, expected_count):
    response = client.get(SEARCH_URL, {"q": "axolotl", "page": page})
    assert response.status_code == 200
    assert len(results_of(response)) == expected_count


def test_pagination_links_keep_the_query_urlencoded(client, fifteen_guides):
    query = "axolotl & role=1"
    page = soup(client.get(SEARCH_URL, {"q": query}))
    links = [a["href"] for a in page.find("nav", attrs={"aria-label": "Search result pages"})("a")]
    assert links
    assert all(link.startswith("?q=axolotl+%26+role%3D1&page=") for link in links), links


# PostgreSQL: weights and GIN indexes -----------------------------------------------------------

INDEX_NAMES = {
    "guides_careerguide": "guide_search_gin",
    "certifications_certification": "certification_search_gin",
    "guides_relatedtitle": "relatedtitle_search_gin",
    "guides_trainingstep": "trainingstep_search_gin",
    "guides_faq": "faq_search_gin",
    "occupations_occupation": "occupation_search_gin",
}


def test_postgresql_has_a_gin_index_on_each_search_vector(postgresql):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename, indexname, indexdef FROM pg_indexes")
        found = {name: (table, definition) for table, name, definition in cursor.fetchall()}
    for table, name in INDEX_NAMES.items():
        assert name in found, name
        assert found[name][0] == table
        assert "USING gin" in found[name][1]
        assert "to_tsvector('english'::regconfig" in found[name][1]


def test_postgresql_search_queries_use_the_gin_indexes(postgresql):
    from django.contrib.postgres.search import SearchQuery

    query = SearchQuery("coder", search_type="websearch", config="english")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    for kind in KINDS:
        rows = kind.model.objects.alias(document=kind.vector()).filter(document=query)
        plan = rows.order_by().explain()
        assert INDEX_NAMES[kind.model._meta.db_table] in plan, (kind.label, plan)


def test_postgresql_ranks_by_weight(postgresql):
    title = CareerGuideFactory(title="Capybara groomer", overview="Grooms animals.")
    body = CareerGuideFactory(title="Animal carer", work_setting="Now and then a capybara.")
    code = CertificationFactory(code="CAPY", name="Capybara Certified", summary="Animals.")
    results = search("capybara")
    ranks = {result.url: result.score for result in results}
    assert ranks[title.get_absolute_url()] > ranks[body.get_absolute_url()]
    assert ranks[code.get_absolute_url()] > ranks[body.get_absolute_url()]
    assert results[-1].url == body.get_absolute_url()


def test_postgresql_understands_web_search_syntax(postgresql, seeded):
    def found(query):
        return {str(result.title) for result in search(query)}

    difference = (
        "What is the difference between a <mark>medical</mark> <mark>coder</mark> and a "
        "<mark>medical</mark> records technician?"
    )
    assert difference in found("medical coder")
    assert not any("coder" in title for title in found("medical records -coder"))
    phrase = found('"medical coder"')
    assert difference in phrase
    assert "Apply for entry-level jobs" not in phrase  # "…records clerk, coder…": not a phrase
    assert "Apply for entry-level jobs" in found("medical coder")


# Handbook profiles -------------------------------------------------------------------------


def test_search_finds_a_profile_by_its_title(seeded):
    results = search("actuaries")
    profile = next(result for result in results if result.kind == "Career profile")
    assert profile.url == "/careers/actuaries/"
    assert "<mark>Actuaries</mark>" in str(profile.title)


@pytest.mark.parametrize(
    ("code", "page"),
    [
        # The flagship's profile is found by its code and leads to the guide that covers it.
        ("29-2072", "/careers/medical-records-specialist/"),
        ("43-6013", "/careers/secretaries-and-administrative-assistants/"),  # a group's code
    ],
)
def test_search_finds_a_profile_by_a_soc_code(seeded, code, page):
    urls = [result.url for result in search(code) if result.kind == "Career profile"]
    assert urls[:1] == [page]


def test_a_guide_and_the_profile_it_covers_are_one_result(seeded):
    urls = [result.url for result in search("medical records specialists")]
    assert urls.count("/careers/medical-records-specialist/") == 1
    assert "/careers/medical-records-and-health-information-technicians/" not in urls


def test_search_leaves_out_draft_profiles(seeded):
    OccupationFactory(title="Secret zeppelin pilots", status="draft")
    assert not [result for result in search("zeppelin") if result.kind == "Career profile"]


# An exact title comes first (both backends) ----------------------------------------------------


@pytest.mark.parametrize("query", ["actuary", "actuaries", "Actuaries", "  ACTUARY "])
def test_an_exact_title_comes_first_singular_or_plural(client, seeded, query):
    # A guide whose title also holds the word scores as high and, on a tie, guides come first:
    # only the exact title puts the profile above it.
    CareerGuideFactory(title="Actuary exam coach", summary="Coaches for the actuary exams.")

    found = results_of(client.get(SEARCH_URL, {"q": query}))

    assert found[0]["href"] == "/careers/actuaries/"
    assert found[0]["kind"] == "Career profile"
    assert found[0]["title"] == "Actuaries"
    assert "Actuary exam coach" in [result["title"] for result in found[1:]]


@pytest.fixture
def nurses(db):
    registered = OccupationFactory(
        title="Registered nurses",
        slug="registered-nurses",
        soc_codes="29-1141",
        summary="Registered nurses provide and coordinate patient care.",
    )
    practitioners = OccupationFactory(
        title="Nurse anesthetists, nurse midwives, and nurse practitioners",
        slug="nurse-anesthetists-nurse-midwives-and-nurse-practitioners",
        soc_codes="29-1150 29-1151 29-1161 29-1171",
        summary="Advanced practice registered nurses coordinate patient care.",
    )
    # Both words in its title as well, and a guide wins a tie: only the exact title beats it.
    CareerGuideFactory(
        title="Registered nurses and nurse practitioners: a guide",
        summary="For registered nurses thinking of becoming nurse practitioners.",
    )
    return registered, practitioners


@pytest.mark.parametrize("query", ["registered nurses", "registered nurse", "Registered Nurses"])
def test_registered_nurses_come_first_for_their_title(nurses, query):
    registered, practitioners = nurses

    results = search(query)

    assert results[0].url == registered.get_absolute_url()
    assert results[0].kind == "Career profile"
    assert practitioners.get_absolute_url() in [result.url for result in results[1:]]


def test_the_longer_nursing_title_comes_first_for_itself(nurses):
    _, practitioners = nurses

    results = search("nurse anesthetists, nurse midwives, and nurse practitioners")

    assert results[0].url == practitioners.get_absolute_url()


def test_a_partial_title_is_not_taken_for_an_exact_one(nurses):
    registered, practitioners = nurses

    urls = [result.url for result in search("nurse practitioners")]

    assert practitioners.get_absolute_url() in urls
    assert registered.get_absolute_url() not in urls[:1]


def test_a_soc_code_puts_the_flagships_profile_first(client, seeded):
    found = results_of(client.get(SEARCH_URL, {"q": "29-2072"}))

    # The profile's entry, leading to the guide that covers it (one page per career).
    assert found[0]["href"] == "/careers/medical-records-specialist/"
    assert found[0]["kind"] == "Career profile"
    assert found[0]["title"] == "Medical records specialists"
    assert search("29-2072")[0].url == found[0]["href"]


def test_the_simple_backend_stems_a_singular_query(seeded):
    """The fallback used on SQLite (and anything but PostgreSQL), whatever the database."""
    from search.fallback import search_simple

    results = search_simple("actuary", loose=False)

    assert "/careers/actuaries/" in [result.url for result in results]
    marked = next(result for result in results if result.url == "/careers/actuaries/")
    assert "<mark>Actuaries</mark>" in str(marked.title)


def test_between_careers_matching_equally_the_one_more_people_do_comes_first():
    """The word nurse names registered nurses, licensed practical nurses and nurse
    anesthetists alike: the job with the most people (3.3 million registered nurses) is the one
    most visitors mean. Then by plain title, never by where a <mark> falls in it."""
    OccupationFactory(title="Tilers of copper", jobs=2_000)
    OccupationFactory(title="Alpha tilers", jobs=2_000)
    OccupationFactory(title="Zinc tilers", jobs=90_000)
    OccupationFactory(title="Beta tilers", jobs=2_000)
    titles = [re.sub(r"<[^>]+>", "", str(result.title)) for result in search("tilers")]
    assert titles == ["Zinc tilers", "Alpha tilers", "Beta tilers", "Tilers of copper"]
