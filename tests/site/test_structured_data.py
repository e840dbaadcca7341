"""Structured data and sharing: JSON-LD on guide and certification pages, sitemap.xml,
robots.txt and Open Graph tags, all from the database."""

import datetime
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from unittest import mock

import pytest

from certifications.models import Certification
from guides.models import FAQ, CareerGuide
from occupations.models import AreaPay, AreaType, CodeLevel, EntryEducation, PayRelease
from tests.conftest import soup
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    CertificationFactory,
    FAQFactory,
    OccupationCodeFactory,
    OccupationFactory,
)

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
ORIGIN = "http://testserver"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def json_ld(response) -> dict:
    """The page's JSON-LD graph as {"@type": node} (each type appears once on these pages)."""
    scripts = soup(response).head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    document = json.loads(scripts[0].string)
    assert document["@context"] == "https://schema.org"
    return {node["@type"]: node for node in document["@graph"]}


def the_guide() -> CareerGuide:
    return CareerGuide.objects.get(slug="medical-records-specialist")


def current_pay(soc_code, area_type=AreaType.NATIONAL, **where) -> AreaPay:
    """The code's row in the site's current release (the nation's unless told)."""
    return AreaPay.objects.get(
        release=PayRelease.current(), soc_code=soc_code, area_type=area_type, **where
    )


def test_guide_page_describes_the_occupation_from_the_database(client, seeded):
    guide = the_guide()
    duty = guide.duties.last()
    duty.text = "Keep **every** record *complete*."
    duty.save()
    occupation = json_ld(client.get(GUIDE_URL))["Occupation"]

    assert occupation["name"] == guide.title
    assert occupation["description"] == guide.summary
    assert occupation["url"] == ORIGIN + GUIDE_URL
    # The codes and the education are the handbook profile's, read from the data.
    profile = guide.occupation
    codes = [code.soc_code for code in profile.codes.all()]
    assert codes
    assert soc_categories(occupation) == [
        {"@type": "CategoryCode", "codeValue": code, "inCodeSet": "https://www.bls.gov/soc/"}
        for code in codes
    ]
    assert profile.entry_education
    assert occupation["educationRequirements"] == profile.get_entry_education_display()
    assert len(occupation["responsibilities"]) == guide.duties.count()
    assert occupation["responsibilities"][0].startswith("Gather patients")
    assert occupation["responsibilities"][-1] == "Keep every record complete."  # plain text
    assert occupation["skills"] == [tool.name for tool in guide.tools.all()]
    assert [q["alternateName"] for q in occupation["qualifications"]] == [
        link.certification.code for link in guide.recommended_certifications.all()
    ]
    assert occupation["mainEntityOfPage"]["@type"] == "WebPage"
    assert occupation["mainEntityOfPage"]["lastReviewed"] == guide.last_reviewed.isoformat()
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "United States"}]


def test_estimated_salary_is_the_latest_national_distribution(client, seeded):
    guide = the_guide()
    latest = current_pay(guide.occupation.pay_code)
    (salary,) = json_ld(client.get(GUIDE_URL))["Occupation"]["estimatedSalary"]

    assert salary["@type"] == "MonetaryAmountDistribution"
    assert salary["currency"] == "USD"
    assert salary["duration"] == "P1Y"
    assert salary["name"] == "May 2025" == latest.release.name  # the current release
    assert salary["description"] == (
        "Annual pay, United States, May 2025 (SOC 29-2072). "
        "Source: BLS Occupational Employment and Wage Statistics (OEWS)."
    )
    assert Decimal(str(salary["median"])) == latest.annual_median
    assert Decimal(str(salary["percentile10"])) == latest.annual_p10
    assert Decimal(str(salary["percentile90"])) == latest.annual_p90
    # The same figure the page's quick facts give.
    facts = soup(client.get(GUIDE_URL)).find("aside", class_="quick-facts").text
    assert f"${latest.annual_median:,.0f} a year" in facts


def test_all_five_percentiles_and_no_others(client):
    code = OccupationCodeFactory(soc_code="29-2072", level=CodeLevel.SINGLE)
    guide = CareerGuideFactory(occupation=code.occupation)
    AreaPayFactory(
        soc_code="29-2072",
        annual_mean=Decimal("49000"),  # a mean is not a percentile: left out
        annual_p10=Decimal("30000"),
        annual_p25=Decimal("38000"),
        annual_median=Decimal("47000"),
        annual_p75=Decimal("58000"),
        annual_p90=Decimal("71234.50"),
        hourly_p90=Decimal("34.25"),  # hourly figures are not the annual distribution
    )
    (salary,) = json_ld(client.get(guide.get_absolute_url()))["Occupation"]["estimatedSalary"]
    numbers = {
        key: value for key, value in salary.items() if "percentile" in key or key == "median"
    }
    assert numbers == {
        "percentile10": 30000,
        "percentile25": 38000,
        "median": 47000,
        "percentile75": 58000,
        "percentile90": 71234.5,
    }
    assert set(salary) - set(numbers) == {"@type", "name", "description", "currency", "duration"}


def test_a_figure_bls_gives_only_as_at_or_above_its_top_wage_is_left_out(client):
    code = OccupationCodeFactory(soc_code="29-1021", level=CodeLevel.SINGLE)
    guide = CareerGuideFactory(occupation=code.occupation)
    AreaPayFactory(soc_code="29-1021", annual_p90=None, top_coded="annual_p90 hourly_p90")

    (salary,) = json_ld(client.get(guide.get_absolute_url()))["Occupation"]["estimatedSalary"]

    assert "percentile90" not in salary
    assert (salary["percentile75"], salary["median"]) == (56000, 45000)


def test_json_ld_follows_changes_to_pay_faqs_and_title(client, seeded):
    before = json_ld(client.get(GUIDE_URL))
    guide = the_guide()
    pay = current_pay(guide.occupation.pay_code)
    pay.annual_median = Decimal("51999.00")
    pay.save()
    faq = guide.faqs.first()
    faq.question = "Is this a question edited in the ORM?"
    faq.answer = "Yes: **bold** in Markdown becomes plain text."
    faq.save()
    guide.title = "Health Records Specialist"
    guide.save()

    after = json_ld(client.get(GUIDE_URL))
    assert after != before
    assert after["Occupation"]["name"] == "Health Records Specialist"
    assert after["Occupation"]["estimatedSalary"][0]["median"] == 51999
    first = after["FAQPage"]["mainEntity"][0]
    assert first == {
        "@type": "Question",
        "name": "Is this a question edited in the ORM?",
        "acceptedAnswer": {
            "@type": "Answer",
            "text": "Yes: bold in Markdown becomes plain text.",
        },
    }
    assert after["BreadcrumbList"]["itemListElement"][-1]["name"] == "Health Records Specialist"


def test_faq_page_lists_every_faq_in_order(client, seeded):
    faqs = json_ld(client.get(GUIDE_URL))["FAQPage"]["mainEntity"]
    assert [faq["name"] for faq in faqs] == list(
        FAQ.objects.filter(guide=the_guide()).values_list("question", flat=True)
    )
    assert all(faq["acceptedAnswer"]["text"] for faq in faqs)


def test_breadcrumbs_are_absolute_and_match_the_page(client, seeded):
    crumbs = json_ld(client.get(GUIDE_URL))["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Home", f"{ORIGIN}/"),
        (2, "Careers", f"{ORIGIN}/careers/"),
        (3, "Medical Records Specialist", ORIGIN + GUIDE_URL),
    ]


def test_a_guide_without_pay_or_faqs_leaves_them_out(client):
    guide = CareerGuideFactory()  # its profile has no codes, so no pay either
    assert not guide.occupation.codes.exists()
    graph = json_ld(client.get(guide.get_absolute_url()))
    assert "FAQPage" not in graph
    assert "estimatedSalary" not in graph["Occupation"]
    assert "occupationalCategory" not in graph["Occupation"]


def test_json_ld_cannot_close_its_script_element(client):
    hostile = '</script><script>alert("x")</script><!-- & -->'
    guide = CareerGuideFactory(title=hostile, summary="Summary </SCRIPT> too")
    FAQFactory(guide=guide, question=hostile)
    response = client.get(guide.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "</SCRIPT>" not in html
    assert "\\u003C/script\\u003E" in html
    graph = json_ld(response)  # still one block, and it parses back to the original text
    assert graph["Occupation"]["name"] == hostile
    assert graph["Occupation"]["description"] == "Summary </SCRIPT> too"
    assert graph["FAQPage"]["mainEntity"][0]["name"] == hostile


def test_cached_pages_keep_their_json_ld(client, seeded):
    first = client.get(GUIDE_URL)
    second = client.get(GUIDE_URL)  # served from the fragment cache
    assert json_ld(second) == json_ld(first)
    with_state = client.get(GUIDE_URL + "?state=California")
    assert json_ld(with_state) == json_ld(first)


def test_certification_page_describes_the_credential(client, seeded):
    cpc = Certification.objects.select_related("body").get(code="CPC")
    graph = json_ld(client.get("/certifications/cpc/"))
    credential = graph["EducationalOccupationalCredential"]
    assert credential["name"] == cpc.name
    assert credential["alternateName"] == "CPC"
    assert credential["description"] == cpc.summary
    assert credential["credentialCategory"] == "certification"
    assert credential["url"] == f"{ORIGIN}/certifications/cpc/"
    assert credential["recognizedBy"] == {
        "@type": "Organization",
        "name": cpc.body.name,
        "alternateName": cpc.body.abbreviation,
        "url": cpc.body.website,
    }
    assert credential["validFor"] == f"P{cpc.renewal_cycle_years}Y"
    assert credential["mainEntityOfPage"]["lastReviewed"] == cpc.last_checked.isoformat()
    assert [c["name"] for c in graph["BreadcrumbList"]["itemListElement"]] == [
        "Home",
        "Certifications",
        "CPC",
    ]

    Certification.objects.filter(pk=cpc.pk).update(renewal_cycle_years=3)
    cpc.refresh_from_db()
    cpc.save()  # a save, as admin makes, invalidates the cached fragments
    assert json_ld(client.get("/certifications/cpc/"))["EducationalOccupationalCredential"][
        "validFor"
    ] == ("P3Y")


def test_a_credential_without_a_renewal_cycle_has_no_validity(client):
    cert = CertificationFactory(renewal_cycle_years=None)
    credential = json_ld(client.get(cert.get_absolute_url()))["EducationalOccupationalCredential"]
    assert "validFor" not in credential


# sitemap.xml and robots.txt -------------------------------------------------------------------


def sitemap_entries(client) -> dict:
    """Every address of every sitemap the index (/sitemap.xml) lists, with its lastmod."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert index["Content-Type"].startswith("application/xml")
    root = ET.fromstring(index.content)  # noqa: S314 (our own response)
    entries = {}
    for loc in root.findall("s:sitemap/s:loc", SITEMAP_NS):
        response = client.get(loc.text.removeprefix(ORIGIN))
        assert response.status_code == 200
        part = ET.fromstring(response.content)  # noqa: S314 (our own response)
        entries |= {
            url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
                "s:lastmod", namespaces=SITEMAP_NS
            )
            for url in part.findall("s:url", SITEMAP_NS)
        }
    return entries


def test_the_sitemap_lists_every_published_profile_but_those_a_guide_covers(client, seeded):
    from occupations.models import Occupation

    entries = sitemap_entries(client)
    profiles = Occupation.objects.published()
    covered = list(profiles.filter(guide__isnull=False))  # the family's guides cover several
    assert covered
    listed = {
        ORIGIN + profile.get_absolute_url()
        for profile in profiles.exclude(pk__in=[profile.pk for profile in covered])
    }
    assert listed <= set(entries)
    for profile in covered:
        assert ORIGIN + profile.get_absolute_url() not in entries
        assert ORIGIN + profile.guide.get_absolute_url() in entries


def test_a_profile_section_too_long_for_one_file_is_split_and_indexed(client, seeded, settings):
    from careerpath.sitemaps import ProfileSitemap

    count = ProfileSitemap().items().count()
    with mock.patch.object(ProfileSitemap, "limit", 3):
        index = client.get("/sitemap.xml").content.decode()
        pages = -(-count // 3)
        assert f"sitemap-profiles.xml?p={pages}" in index
        assert len(sitemap_entries(client)) >= count


def test_sitemap_lists_published_pages_only_each_with_lastmod(client, seeded):
    draft_guide = CareerGuideFactory(status="draft", slug="secret-draft")
    draft_cert = CertificationFactory(status="draft", slug="draftcert")
    entries = sitemap_entries(client)

    from occupations.models import Field, Occupation

    # The packs ship several guides and certifications: every published one is listed.
    guides = {guide.get_absolute_url() for guide in CareerGuide.objects.published()}
    certifications = {cert.get_absolute_url() for cert in Certification.objects.published()}
    # A profile is covered (left out) only by a published guide: the draft guide's profile
    # is still its own page.
    profiles = {
        profile.get_absolute_url()
        for profile in Occupation.objects.published().exclude(
            guide__in=CareerGuide.objects.published()
        )
    }
    assert draft_guide.occupation.get_absolute_url() in profiles
    fields = {
        field.get_absolute_url()
        for field in Field.objects.filter(occupations__in=Occupation.objects.published())
    }
    from occupations.onet_models import Technology

    technology = {
        product.get_absolute_url()
        for product in Technology.objects.filter(uses__hidden=False).distinct()
    }
    assert technology
    expected = {
        "/",
        "/careers/",
        "/certifications/",
        GUIDE_URL,
        "/certifications/cpc/",
        "/certifications/rhit/",
        "/certifications/cca/",
        "/careers/fields/",
        "/careers/pathway-map/",
        *guides,
        *certifications,
        *profiles,
        *fields,
        *technology,
    }
    # Every page in English and in Spanish.
    assert set(entries) == {ORIGIN + prefix + path for path in expected for prefix in ("", "/es")}
    assert ORIGIN + draft_guide.get_absolute_url() not in entries
    assert ORIGIN + draft_cert.get_absolute_url() not in entries
    for loc, lastmod in entries.items():
        assert lastmod, loc
        datetime.date.fromisoformat(lastmod)


def test_sitemap_lastmod_is_the_later_of_review_and_last_save(client):
    long_ago = datetime.datetime(2020, 1, 2, tzinfo=datetime.UTC)
    guide = CareerGuideFactory(last_reviewed=datetime.date(2026, 3, 4))
    cert = CertificationFactory(last_checked=datetime.date(2026, 5, 6))
    CareerGuide.objects.filter(pk=guide.pk).update(updated_at=long_ago)
    Certification.objects.filter(pk=cert.pk).update(updated_at=long_ago)
    entries = sitemap_entries(client)
    assert entries[ORIGIN + guide.get_absolute_url()] == "2026-03-04"
    assert entries[ORIGIN + cert.get_absolute_url()] == "2026-05-06"
    assert entries[f"{ORIGIN}/"] == "2026-05-06"  # the newest thing the home page shows
    assert entries[f"{ORIGIN}/careers/"] == "2026-03-04"

    guide.save()  # an edit today is newer than the review date
    today = CareerGuide.objects.get(pk=guide.pk).updated_at.date().isoformat()
    assert sitemap_entries(client)[ORIGIN + guide.get_absolute_url()] == today


def test_a_product_whose_every_use_is_hidden_is_not_in_the_sitemap(client, seeded):
    from occupations.onet_models import OnetTechnology, Technology

    epic = Technology.objects.get(name="Epic Systems")
    assert ORIGIN + epic.get_absolute_url() in sitemap_entries(client)
    OnetTechnology.objects.filter(technology=epic).update(hidden=True)
    assert ORIGIN + epic.get_absolute_url() not in sitemap_entries(client)


@pytest.mark.parametrize("section", ["guides", "profiles", "certifications"])
def test_a_sections_newest_lastmod_is_one_query_not_every_item(
    seeded, section, django_assert_num_queries
):
    # The index shows each section's newest lastmod: by aggregate, so its cost does not grow
    # with the number of profiles (Django's default loads every item; make bench-scale).
    from careerpath.sitemaps import SITEMAPS

    sitemap = SITEMAPS[section]()
    newest = max(sitemap.lastmod(item) for item in sitemap.items())
    with django_assert_num_queries(1):
        assert sitemap.get_latest_lastmod() == newest


def test_robots_txt_keeps_crawlers_out_of_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines


# Open Graph ----------------------------------------------------------------------------------


def meta(page, prop) -> str:
    tag = page.find("meta", attrs={"property": prop}) or page.find("meta", attrs={"name": prop})
    assert tag is not None, prop
    return tag["content"]


def test_guide_page_has_open_graph_and_twitter_tags(client, seeded):
    guide = the_guide()
    page = soup(client.get(GUIDE_URL))
    assert meta(page, "og:title") == f"{guide.title}: duties, pay, training and certifications"
    assert meta(page, "og:description") == guide.summary
    assert meta(page, "og:type") == "website"
    assert meta(page, "og:url") == ORIGIN + GUIDE_URL
    assert meta(page, "og:site_name") == "CareerPath"
    assert meta(page, "twitter:card") == "summary"


@pytest.mark.parametrize("url", ["/", "/careers/", "/certifications/", "/certifications/cpc/"])
def test_every_content_page_has_open_graph_tags(client, seeded, url):
    page = soup(client.get(url))
    title = page.title.string.removesuffix(" · CareerPath")
    assert meta(page, "og:title") == title
    assert meta(page, "og:description") == meta(page, "description")
    assert meta(page, "og:url") == ORIGIN + url


def test_a_change_to_a_states_pay_reaches_only_the_page(client, seeded):
    """State figures appear in the pay section and the map, not in the national JSON-LD
    distribution."""
    before = json_ld(client.get(GUIDE_URL))
    california = current_pay(
        the_guide().occupation.pay_code, AreaType.STATE, area_name="California"
    )
    california.annual_median = Decimal("66000")
    california.save()

    response = client.get(GUIDE_URL, {"state": "California"})
    assert "$66,000" in soup(response).find(id="pay").text
    assert json_ld(response) == before
    salary = json_ld(response)["Occupation"]["estimatedSalary"][0]
    assert salary["median"] != 66000
    assert "United States" in salary["description"]
    assert json_ld(response)["Occupation"]["occupationLocation"] == [
        {"@type": "Country", "name": "United States"}
    ]


def test_a_guide_inside_a_group_profile_gives_its_own_codes_pay(client):
    """A guide on one occupation of a group's profile (no profile of its own): the salary is
    its code's, as on the page, never the group's."""
    profile = OccupationFactory(title="Secretaries and administrative assistants")
    for position, (code, level) in enumerate(
        [("43-6000", CodeLevel.GROUP), ("43-6013", CodeLevel.DETAILED)]
    ):
        OccupationCodeFactory(occupation=profile, soc_code=code, level=level, position=position)
    AreaPayFactory(soc_code="43-6000", annual_median=Decimal("47460"))
    AreaPayFactory(soc_code="43-6013", annual_median=Decimal("43380"))
    guide = CareerGuideFactory(occupation=None, detailed_code="43-6013")

    occupation = json_ld(client.get(guide.get_absolute_url()))["Occupation"]

    (salary,) = occupation["estimatedSalary"]
    assert salary["median"] == 43380
    assert "(SOC 43-6013)" in salary["description"]
    # Its one code, not the group's codes.
    assert soc_categories(occupation) == [category("43-6013")]
    # Its education is the group's: BLS gives none for one occupation inside a group.
    assert occupation["educationRequirements"] == profile.get_entry_education_display()


def soc_categories(occupation) -> list:
    """The SOC codes of an Occupation (O*NET's code, where it has data, comes after them)."""
    return [
        c for c in occupation["occupationalCategory"] if c["inCodeSet"] == category("")["inCodeSet"]
    ]


def category(code) -> dict:
    return {"@type": "CategoryCode", "codeValue": code, "inCodeSet": "https://www.bls.gov/soc/"}


def test_a_guide_on_a_group_profile_gives_every_code_of_the_profile_in_its_order(client):
    profile = OccupationFactory(entry_education=EntryEducation.HIGH_SCHOOL)
    for position, code, level in [
        (2, "43-6013", CodeLevel.DETAILED),
        (0, "43-6000", CodeLevel.GROUP),
        (1, "43-6011", CodeLevel.DETAILED),
    ]:
        OccupationCodeFactory(occupation=profile, soc_code=code, level=level, position=position)
    guide = CareerGuideFactory(occupation=profile)

    occupation = json_ld(client.get(guide.get_absolute_url()))["Occupation"]

    assert occupation["occupationalCategory"] == [
        category("43-6000"),
        category("43-6011"),
        category("43-6013"),
    ]


def test_education_requirements_follow_the_profile(client):
    guide = CareerGuideFactory(occupation__entry_education=EntryEducation.HIGH_SCHOOL)
    profile = guide.occupation

    def education():
        return json_ld(client.get(guide.get_absolute_url()))["Occupation"].get(
            "educationRequirements"
        )

    before = profile.get_entry_education_display()
    assert education() == before

    profile.entry_education = EntryEducation.ASSOCIATES
    profile.save()  # one fact, one place: the guide's JSON-LD follows the profile
    assert education() == profile.get_entry_education_display() != before

    profile.entry_education = ""  # the handbook gives none: nothing is claimed
    profile.save()
    assert education() is None
