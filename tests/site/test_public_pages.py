"""Public pages: content comes from the database, drafts stay private, every page is well formed."""

import itertools
from urllib.parse import urlparse

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from certifications.models import Certification
from core.content_version import forget_content_version
from core.templatetags.sources import source_link
from guides.models import CareerGuide
from occupations.models import AreaPay, CodeLevel, OccupationCode
from tests.conftest import soup
from tests.factories import (
    CareerGuideFactory,
    CertificationFactory,
    GuideCertificationFactory,
    OccupationCodeFactory,
    ProgressionStepFactory,
    complete_guide,
)

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
PUBLIC_URLS = ["/", "/careers/", GUIDE_URL, "/certifications/", "/certifications/cpc/"]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_page_is_well_formed(client, seeded, url):
    response = client.get(url)
    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "en"
    assert page.title.string.strip()
    assert page.find("meta", attrs={"name": "description"})["content"].strip()
    assert page.find("link", rel="canonical")["href"] == f"http://testserver{url}"
    assert len(page.find_all("h1")) == 1
    for landmark in ("header", "nav", "main", "footer"):
        assert page.find(landmark), landmark
    skip = page.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert page.find(id="main").name == "main"
    assert page.find("link", rel="stylesheet", media="print")
    breadcrumb = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert breadcrumb.find("li")["class"][0] == "breadcrumb-item"
    assert breadcrumb.select("li")[-1]["aria-current"] == "page"


def test_page_titles_are_unique(client, seeded):
    titles = [soup(client.get(url)).title.string for url in PUBLIC_URLS]
    assert len(set(titles)) == len(titles)


def test_headings_never_skip_a_level(client, seeded):
    for url in PUBLIC_URLS:
        levels = [int(h.name[1]) for h in soup(client.get(url)).find_all(["h1", "h2", "h3", "h4"])]
        assert levels[0] == 1, url
        for previous, current in itertools.pairwise(levels):
            assert current <= previous + 1, (url, levels)


def test_no_page_loads_anything_from_another_host(client, seeded):
    for url in PUBLIC_URLS:
        page = soup(client.get(url))
        for tag in page.find_all(["link", "script", "img", "iframe", "source"]):
            ref = tag.get("href") or tag.get("src") or ""
            assert urlparse(ref).netloc in ("", "testserver"), (url, ref)


def text_of(tag) -> str:
    return " ".join(tag.text.split())


def test_home_features_the_guide_and_links_certifications(client, seeded):
    page = soup(client.get("/"))
    featured = page.find(attrs={"aria-labelledby": "featured-heading"})
    assert featured.find("a", href=GUIDE_URL)
    field = CareerGuide.objects.get(slug="medical-records-specialist").occupation.field
    assert text_of(featured.find(id="featured-heading")) == f"Featured pathway · {field.name}"
    assert page.find("a", href="/certifications/")
    assert page.find("a", href="/certifications/cpc/")


def test_guide_page_shows_every_section(client, seeded):
    page = soup(client.get(GUIDE_URL))
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    toc_targets = [
        a["href"] for a in page.find("nav", attrs={"aria-labelledby": "toc-heading"}).find_all("a")
    ]
    for target in toc_targets:
        assert page.find(id=target.lstrip("#")), target
    assert len(page.select("#duties li")) == guide.duties.count()
    assert len(page.select("#also-known-as li")) == guide.related_titles.count()
    assert len(page.select("#pathway ol.timeline > li")) == guide.training_steps.count()
    assert len(page.select("#faqs details > summary")) == guide.faqs.count()
    assert len(page.select("#certifications .certification-card")) == 3
    assert page.select_one("#certifications a[href='/certifications/cpc/']")
    assert "Last reviewed" in page.find(id="sources").text


def test_pay_is_a_chart_and_a_table_with_source_and_period(client, seeded):
    page = soup(client.get(GUIDE_URL))
    pay = page.find(id="pay")
    chart = pay.find("svg")
    assert chart["role"] == "img"
    assert chart.find("title").string
    assert len(chart.find_all("rect")) == 5  # the current release (May 2025) has all five
    table = pay.find("table", class_="pay-table")
    rows = table.select("tbody tr")
    assert [" ".join(row.find("th").text.split()) for row in rows] == [
        "10th percentile (entry level)",
        "25th percentile",
        "Median",
        "75th percentile",
        "90th percentile (experienced)",
    ]
    cells = [[td.text.strip() for td in row.find_all("td")] for row in rows]
    assert [c[0] for c in cells] == ["$37,000", "$43,490", "$51,140", "$64,820", "$81,150"]
    assert "May 2025" in table.caption.text
    assert "OEWS" in table.caption.text
    assert "May 2025" in pay.find("figcaption").text
    assert "OEWS" in pay.find("figcaption").text


def test_quick_facts_show_median_with_period_education_and_certifications(client, seeded):
    facts = soup(client.get(GUIDE_URL)).find("aside", class_="quick-facts").text
    assert "$51,140" in facts  # OEWS May 2025, the current release
    assert "May 2025" in facts
    assert "OEWS" in facts
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    assert guide.occupation.get_entry_education_display() in facts  # the profile's, BLS's
    assert "CPC" in facts
    assert "RHIT" in facts
    assert "CCA" in facts


PROJECTIONS = "BLS Employment Projections, 2024–34"


@pytest.mark.parametrize("slug", ["medical-records-specialist", "medical-secretary"])
def test_quick_facts_give_what_the_guide_is_about_and_link_the_job_outlooks_source(
    client, seeded, slug
):
    """A guide's field, codes, education and outlook are read from its handbook profile, or, for
    one occupation inside a group's profile, from that occupation's line (the education is the
    group's, and says so)."""
    guide = CareerGuide.objects.get(slug=slug)
    assert (guide.occupation is None) == (slug == "medical-secretary")
    if guide.occupation is not None:
        profile = guide.occupation
        codes = [code.soc_code for code in profile.codes.all()]
        percent = profile.outlook_percent
        label = f" ({profile.get_outlook_label_display().lower()})"
        whose = ""
    else:
        line = OccupationCode.objects.get(soc_code=guide.detailed_code, level=CodeLevel.DETAILED)
        profile = line.occupation
        codes = [line.soc_code]
        percent = line.change_percent
        label = ""  # BLS labels a profile's outlook, not its lines'
        whose = f" for {profile.title.lower()} as a group (BLS, Occupational Outlook Handbook)"
    page = soup(client.get(guide.get_absolute_url()))

    header = page.find("header", class_="guide-header").p
    assert text_of(header) == f"{profile.field.name} career guide · SOC {', '.join(codes)}"
    aside = page.find("aside", class_="quick-facts")
    facts = {text_of(term): term.find_next_sibling("dd") for term in aside.find_all("dt")}
    education = profile.get_entry_education_display()
    assert text_of(facts["Typical entry education"]) == f"{education}{whose}"
    outlook = facts["Job outlook, 2024–34"]
    sign = "+" if percent > 0 else ""
    assert text_of(outlook) == (
        f"{sign}{percent}% projected employment change{label} ({PROJECTIONS})"
    )
    source = outlook.find("a", string=PROJECTIONS)
    assert source["href"] == profile.ooh_url


def test_certification_cards_give_their_figures_source_and_date(client, seeded):
    cards = soup(client.get(GUIDE_URL)).select("#certifications .certification-card")
    certifications = Certification.objects.filter(
        guide_links__guide__slug="medical-records-specialist"
    ).order_by("guide_links__position")
    for card, cert in zip(cards, certifications, strict=True):
        source = card.find("a", string=cert.source_name)
        assert source["href"] == cert.source_url
        assert card.find("time")["datetime"] == cert.last_checked.isoformat()
    cca = next(card for card in cards if "CCA" in card.h3.text)
    assert "105 questions (90 of them scored)" in cca.text


def test_guide_page_reflects_database_changes(client, seeded):
    assert "$51,140" in client.get(GUIDE_URL).content.decode()  # now cached
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    guide.summary = "A brand new summary written by an editor."
    guide.save()
    national = AreaPay.objects.get(
        soc_code="29-2072", area_type="national", release__name="May 2025"
    )
    national.annual_median = 51234
    national.save()
    step = guide.training_steps.first()
    step.title = "Renamed first step"
    step.save()
    page = client.get(GUIDE_URL).content.decode()
    assert "A brand new summary written by an editor." in page
    pay = soup_from_html(page).find(id="pay").text
    assert "$51,234" in pay
    assert "$51,140" not in pay
    assert "Renamed first step" in page


def soup_from_html(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")


def test_editor_markdown_is_rendered_and_script_is_not(client):
    guide = CareerGuideFactory(overview="Plain **bold** text <script>alert('x')</script>")
    page = client.get(guide.get_absolute_url()).content.decode()
    assert "<strong>bold</strong>" in page
    assert "<script>alert" not in page


def test_certification_pages_come_from_the_database(client, seeded):
    cpc = Certification.objects.get(code="CPC")
    cpc.summary = "Updated certification summary."
    cpc.save()
    listing = soup(client.get("/certifications/"))
    assert listing.find(id="aapc")
    assert listing.find(id="ahima")
    assert "Updated certification summary." in listing.text
    detail = soup(client.get("/certifications/cpc/"))
    text = detail.text
    assert "Updated certification summary." in text
    assert "100" in text
    assert "4 hours" in text
    assert "Open book" in text
    assert "36 CEUs every 2 years" in text
    assert detail.find("a", href=cpc.official_url)
    assert detail.find("a", href=GUIDE_URL)


def test_draft_guide_is_not_found_for_the_public(client):
    draft = CareerGuideFactory(status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert draft.title not in client.get("/careers/").content.decode()


def test_staff_preview_drafts_with_a_banner(staff_client):
    draft = CareerGuideFactory(status="draft")
    response = staff_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview" in soup(response).find(class_="draft-banner").text
    assert draft.title in staff_client.get("/careers/").content.decode()


def test_published_page_has_no_draft_banner(staff_client):
    guide = CareerGuideFactory(status="published")
    assert not soup(staff_client.get(guide.get_absolute_url())).find(class_="draft-banner")


def test_draft_certification_is_hidden_everywhere_for_the_public(staff_client):
    client = Client()
    link = GuideCertificationFactory(certification=CertificationFactory(status="draft"))
    cert = link.certification
    assert client.get(cert.get_absolute_url()).status_code == 404
    assert cert.code not in client.get("/certifications/").content.decode()
    assert cert.get_absolute_url() not in client.get(link.guide.get_absolute_url()).content.decode()
    response = staff_client.get(cert.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()


def test_progression_links_to_published_guides_only(client):
    guide = CareerGuideFactory()
    published_next = CareerGuideFactory(title="Published next")
    draft_next = CareerGuideFactory(title="Draft next", status="draft")
    ProgressionStepFactory(guide=guide, next_role="Goes somewhere", next_guide=published_next)
    ProgressionStepFactory(guide=guide, next_role="Goes to a draft", next_guide=draft_next)
    page = soup(client.get(guide.get_absolute_url()))
    assert page.find("a", href=published_next.get_absolute_url())
    assert not page.find("a", href=draft_next.get_absolute_url())
    assert "Goes to a draft" in page.text


def test_custom_404_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We can’t find that page" in response.content.decode()


def test_custom_500_page():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


# Uncached: the content version, the guide, one query per kind of child (9, moves included),
# what it is about (a profile: joined to the guide, then the parts of it the page shows, its
# codes, largest employers and similar occupations, 3; one occupation in a group's profile: its
# line with that profile, and the profile's codes, 2), the current pay release for the pay
# sections (PayRelease, 1; there is none here, so no AreaPay), the O*NET occupations of its codes
# (1, none here; the profile here has no codes, so not even that), and the pathway map panel's
# family_map (the guides, their facts from guides.selectors.attach_facts (a profile, 1, or an
# occupation's line, 1) and their moves; PayRelease/AreaPay only when the guide has moves,
# which complete_guide's has not): 18 either way, however many children there are. Cached:
# only the content version (at most once a second per process).
GUIDE_PAGE_QUERIES = {"profile": 18, "occupation in a group": 18}
CACHED_PAGE_QUERIES = 1


@pytest.mark.parametrize("about", GUIDE_PAGE_QUERIES)
@pytest.mark.parametrize("children_each", [1, 3])
def test_guide_page_query_count_does_not_grow_with_content(
    client, django_assert_num_queries, children_each, about, settings
):
    settings.PAGE_CACHE_ENABLED = True
    if about == "profile":
        guide = complete_guide(children_each=children_each)
    else:
        line = OccupationCodeFactory(level=CodeLevel.DETAILED)
        guide = complete_guide(children_each, occupation=None, detailed_code=line.soc_code)
    forget_content_version()
    with django_assert_num_queries(GUIDE_PAGE_QUERIES[about]):
        response = client.get(guide.get_absolute_url())
    forget_content_version()
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        cached = client.get(guide.get_absolute_url())
    assert cached.content == response.content
    page = soup(response)
    assert len(page.select("#pathway ol.timeline > li")) == children_each
    assert len(page.select("#certifications .certification-card")) == children_each
    assert len(page.select("#faqs details")) == children_each


def test_lists_link_to_details(client, seeded):
    careers = soup(client.get(reverse("careers:finder")))
    assert careers.find("a", href=GUIDE_URL)
    card = careers.find("a", href=GUIDE_URL).find_parent("article")
    field = CareerGuide.objects.get(slug="medical-records-specialist").occupation.field
    assert text_of(card.find("p", class_="small")) == field.name  # the profile's field
    certs = soup(client.get(reverse("certifications:list")))
    for slug in ("cpc", "rhit", "cca"):
        assert certs.find("a", href=f"/certifications/{slug}/")


def test_a_source_is_linked_only_when_it_has_an_address_and_always_escaped():
    assert source_link("<b>BLS</b>") == "&lt;b&gt;BLS&lt;/b&gt;"
    assert source_link("BLS & O*NET", "https://example.org/?a=1&b=2") == (
        '<a href="https://example.org/?a=1&amp;b=2">BLS &amp; O*NET</a>'
    )
