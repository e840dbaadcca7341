"""The health-information family: six guides beside the flagship, each a full guide.

Every test runs for all seven, so the flagship's own promises (every section, pay with its
source and period, certifications, a plan, a question, feedback, JSON-LD, the content pack,
admin and search) hold for each of its neighbours. The figures asserted are read from the
database the page is built from (packs and the OEWS sample), never typed in here.
"""

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from content_packs.validate import content_dir
from core.markdown import render_markdown
from guides.models import CareerGuide
from occupations.models import (
    AreaPay,
    AreaType,
    CodeLevel,
    EntryEducation,
    OccupationCode,
    OutlookLabel,
    PayRelease,
)
from questions.models import SubmittedQuestion
from tests.conftest import soup
from tests.family_pages import FAMILY, NEIGHBOURS

pytestmark = pytest.mark.django_db


def guide_page(client, slug):
    response = client.get(f"/careers/{slug}/")
    assert response.status_code == 200
    return CareerGuide.objects.get(slug=slug), soup(response)


def plain(markdown_text: str) -> str:
    """What a reader sees of a Markdown line, as the site renders it."""
    html = render_markdown(markdown_text)
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


def about(guide):
    """What the guide is about, from the handbook's data: (its profile, None), or, for one
    occupation inside a group's profile, (the group's profile, that occupation's line)."""
    if guide.occupation is not None:
        return guide.occupation, None
    line = OccupationCode.objects.select_related("occupation__field").get(
        soc_code=guide.detailed_code, level=CodeLevel.DETAILED
    )
    return line.occupation, line


def codes_of(guide) -> list[str]:
    profile, line = about(guide)
    return [line.soc_code] if line else [code.soc_code for code in profile.codes.all()]


def national(guide):
    """The nation's current pay for the guide: its profile's headline code, or its line's."""
    profile, line = about(guide)
    return AreaPay.objects.get(
        release=PayRelease.current(),
        area_type=AreaType.NATIONAL,
        soc_code=line.soc_code if line else profile.pay_code,
    )


def text_of(node) -> str:
    return " ".join(node.get_text().split())


def header_line(page) -> str:
    return text_of(page.find("header", class_="guide-header").p)


def fact(page, term):
    """The quick facts' answer (<dd>) to `term`."""
    dt = page.find("aside", class_="quick-facts").find("dt", string=term)
    assert dt is not None, term
    return dt.find_next_sibling("dd")


def signed(percent: int) -> str:
    return f"+{percent}" if percent > 0 else str(percent)


PERCENTILE_FIELDS = [
    ("annual_p10", "hourly_p10"),
    ("annual_p25", "hourly_p25"),
    ("annual_median", "hourly_median"),
    ("annual_p75", "hourly_p75"),
    ("annual_p90", "hourly_p90"),
]
TOP_CODED = {"annual": "$239,200 or more", "hourly": "$115.00 or more"}


def as_shown(pay, name, form) -> str:
    """A figure of an AreaPay row as the pay table writes it."""
    if name in pay.top_coded.split():
        return TOP_CODED[name.split("_")[0]]
    amount = getattr(pay, name)
    return "not published" if amount is None else "$" + form.format(amount)


@pytest.mark.parametrize("slug", FAMILY)
def test_every_family_guide_ships_as_its_own_pack(slug):
    path = Path(content_dir()) / "guides" / f"{slug}.json"
    pack = json.loads(path.read_text(encoding="utf-8"))
    assert [guide["slug"] for guide in pack["guides"]] == [slug]


@pytest.mark.parametrize("slug", FAMILY)
def test_every_section_of_the_guide_is_there_and_comes_from_its_pack(client, seeded, slug):
    guide, page = guide_page(client, slug)
    assert page.h1.text == guide.title
    assert len(page.find_all("h1")) == 1
    toc = [a["href"] for a in page.find("nav", class_="toc").find_all("a")]
    for target in toc:
        assert page.find(id=target.lstrip("#")), (slug, target)
    for section in ("#overview", "#duties", "#pathway", "#certifications", "#faqs", "#sources"):
        assert section in toc, (slug, section)
    duties = page.select("#duties li")
    assert [li.get_text(" ", strip=True) for li in duties] == [
        plain(d.text) for d in guide.duties.all()
    ]
    steps = page.select("#pathway ol.timeline > li h3")
    assert [h.get_text(" ", strip=True).split(": ", 1)[1] for h in steps] == [
        s.title for s in guide.training_steps.all()
    ]
    assert [s.text for s in page.select("#faqs details > summary")] == [
        f.question for f in guide.faqs.all()
    ]
    assert len(guide.faqs.all()) >= 4
    cards = page.select("#certifications .certification-card h3 a")
    links = list(guide.recommended_certifications.select_related("certification"))
    assert [a["href"] for a in cards] == [link.certification.get_absolute_url() for link in links]
    for related in guide.related_titles.all():
        assert related.title in page.find(id="also-known-as").text
    sources = page.find(id="sources")
    for source in guide.sources.all():
        assert sources.find("a", href=source.url), (slug, source.url)


@pytest.mark.parametrize("slug", FAMILY)
def test_pay_is_the_current_release_with_its_source_and_period(client, seeded, slug):
    guide, page = guide_page(client, slug)
    row = national(guide)
    release = PayRelease.current()
    facts = page.find("aside", class_="quick-facts").text
    assert f"${row.annual_median:,.0f}" in facts
    assert release.name in facts
    assert "OEWS" in facts
    assert f"United States, {release.name} ({release.source_name})" in facts
    pay = page.find(id="pay")
    table = pay.find("table", class_="pay-table")
    assert release.name in table.caption.text
    assert release.source_name in table.caption.text
    # Each percentile: the nation's figure a year, then an hour (the release's own row).
    cells = [
        [cell.get_text(strip=True) for cell in row_.find_all("td")]
        for row_ in table.select("tbody tr")
    ]
    expected = [
        [as_shown(row, annual, "{:,.0f}"), as_shown(row, hourly, "{:,.2f}")]
        for annual, hourly in PERCENTILE_FIELDS
    ]
    assert cells == expected


@pytest.mark.parametrize("slug", FAMILY)
def test_the_header_and_quick_facts_give_the_handbooks_facts(client, seeded, slug):
    guide, page = guide_page(client, slug)
    profile, line = about(guide)
    codes = ", ".join(codes_of(guide))  # the profile's codes, or the one line's
    assert header_line(page) == f"{profile.field.name} career guide · SOC {codes}"
    assert profile.entry_education
    education = profile.get_entry_education_display()
    if line is not None:  # BLS gives the group's education, and the page says so
        education += f" for {profile.title.lower()} as a group (BLS, Occupational Outlook Handbook)"
    assert text_of(fact(page, "Typical entry education")) == education


@pytest.mark.parametrize("slug", FAMILY)
def test_the_outlook_names_its_source_and_period(client, seeded, slug):
    guide, page = guide_page(client, slug)
    profile, line = about(guide)
    # The profile's projection and BLS's words for it; one occupation inside a group has its
    # own line's change, and BLS gives no words for it.
    percent = line.change_percent if line else profile.outlook_percent
    assert percent is not None
    label = "" if line else f" ({profile.get_outlook_label_display().lower()})"
    outlook_fact = fact(page, "Job outlook, 2024–34")
    assert text_of(outlook_fact) == (
        f"{signed(percent)}% projected employment change{label} "
        "(BLS Employment Projections, 2024–34)"
    )
    assert outlook_fact.find("a", string="BLS Employment Projections, 2024–34")["href"] == (
        profile.ooh_url
    )
    outlook = page.find(id="outlook")
    assert outlook is not None
    assert "2034" in outlook.text


@pytest.mark.parametrize("slug", ["medical-secretary", "billing-and-posting-clerk"])
def test_a_guide_inside_a_group_profile_shows_its_own_line_never_the_groups(client, seeded, slug):
    guide, page = guide_page(client, slug)
    _, line = about(guide)
    outlook = page.find(id="outlook")
    assert f"{line.jobs:,}" in outlook.text
    assert f"{line.projected_jobs:,}" in outlook.text
    assert outlook.find("a", href=line.occupation.get_absolute_url())
    # Its pay is its own code's, as the handbook line is.
    pay = national(guide)
    facts = page.find("aside", class_="quick-facts").text
    assert f"${pay.annual_median:,.0f} a year" in facts
    assert "whole group" not in facts
    median = page.select("#pay table.pay-table tbody tr")[2]
    assert median.find("td").get_text(strip=True) == f"${pay.annual_median:,.0f}"
    # The group's own figures (its headline pay, its other occupations' pay, its openings)
    # appear nowhere on the page.
    text = page.find("main").text
    profile = line.occupation
    other_codes = profile.codes.exclude(soc_code=line.soc_code).values_list("soc_code", flat=True)
    assert not any(code in page.find(id="pay").text for code in other_codes)
    assert profile.jobs != line.jobs
    assert f"{profile.jobs:,}" not in text
    if line.occupation.openings_per_year:
        assert f"{line.occupation.openings_per_year:,}" not in text
    # And the group profile is still its own page, not redirected to this guide.
    assert Client().get(line.occupation.get_absolute_url()).status_code == 200


def test_the_guide_follows_its_profile_one_fact_one_place(client, seeded):
    """The guide stores none of its profile's facts: change the profile (or its field) and
    the guide's header, quick facts and JSON-LD say the new facts."""
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    profile = guide.occupation
    before = soup(client.get(guide.get_absolute_url()))
    assert profile.entry_education != EntryEducation.ASSOCIATES
    assert profile.outlook_label != OutlookLabel.DECLINE
    profile.entry_education = EntryEducation.ASSOCIATES
    profile.outlook_percent = -(profile.outlook_percent or 0) - 3
    profile.outlook_label = OutlookLabel.DECLINE
    profile.save()
    field = profile.field
    field.name = f"{field.name} and Records"
    field.save()
    profile.refresh_from_db()

    guide, page = guide_page(client, guide.slug)

    assert header_line(page) == f"{field.name} career guide · SOC {', '.join(codes_of(guide))}"
    assert header_line(page) != header_line(before)
    education = text_of(fact(page, "Typical entry education"))
    assert education == profile.get_entry_education_display()
    assert education != text_of(fact(before, "Typical entry education"))
    assert text_of(fact(page, "Job outlook, 2024–34")) == (
        f"{profile.outlook_percent}% projected employment change "
        f"({profile.get_outlook_label_display().lower()}) (BLS Employment Projections, 2024–34)"
    )
    data = json.loads(page.find("script", type="application/ld+json").string)
    occupation = next(node for node in data["@graph"] if node["@type"] == "Occupation")
    assert occupation["educationRequirements"] == education


def test_a_guide_inside_a_group_follows_its_line_and_the_groups_profile(client, seeded):
    """A guide on one occupation inside a group's profile reads its code and outlook from its
    own line, its field and education from the group's profile: change them and it follows."""
    guide = CareerGuide.objects.get(slug="medical-secretary")
    profile, line = about(guide)
    line.change_percent = (line.change_percent or 0) + 9
    line.save()
    profile.entry_education = EntryEducation.ASSOCIATES
    profile.outlook_percent = line.change_percent + 11  # the group's: never the guide's
    profile.save()
    profile.refresh_from_db()

    guide, page = guide_page(client, guide.slug)

    assert header_line(page) == f"{profile.field.name} career guide · SOC {line.soc_code}"
    others = profile.codes.exclude(pk=line.pk).values_list("soc_code", flat=True)
    assert others
    assert not any(code in header_line(page) for code in others)
    assert text_of(fact(page, "Typical entry education")) == (
        f"{profile.get_entry_education_display()} for {profile.title.lower()} as a group "
        "(BLS, Occupational Outlook Handbook)"
    )
    outlook = text_of(fact(page, "Job outlook, 2024–34"))
    assert outlook == (
        f"{signed(line.change_percent)}% projected employment change "
        "(BLS Employment Projections, 2024–34)"
    )
    facts = text_of(page.find("aside", class_="quick-facts"))
    assert f"{profile.outlook_percent}%" not in facts
    assert profile.get_outlook_label_display().lower() not in facts


@pytest.mark.parametrize("slug", NEIGHBOURS)
def test_the_handbook_profile_leads_to_the_guide_where_it_is_the_same_career(client, seeded, slug):
    guide = CareerGuide.objects.get(slug=slug)
    if guide.occupation is None:
        pytest.skip("a detailed occupation inside a group profile: the profile stays")
    response = client.get(guide.occupation.get_absolute_url())
    assert response.status_code == 301
    assert response["Location"] == guide.get_absolute_url()


def test_the_transcriptionist_guide_is_honest_about_the_decline(client, seeded):
    guide, page = guide_page(client, "medical-transcriptionist")
    overview = page.find(id="overview").text
    assert guide.occupation.outlook_percent < 0
    assert f"{abs(guide.occupation.outlook_percent)}%" in overview
    assert "2024–34" in overview
    assert "speech recognition" in overview.lower()
    faq = next(d for d in page.select("#faqs details") if "dying" in d.summary.text.lower())
    assert "replac" in faq.text.lower()  # the openings that remain replace leavers


def test_the_medical_assistant_guide_contrasts_patient_care_with_records_work(client, seeded):
    _, page = guide_page(client, "medical-assistant")
    text = page.find(id="overview").text.lower() + page.find(id="faqs").text.lower()
    assert "vital signs" in text
    assert "medical records specialist" in text
    assert "patient" in text


@pytest.mark.parametrize("slug", FAMILY)
def test_the_guide_has_json_ld_for_the_occupation_and_its_faqs(client, seeded, slug):
    guide, page = guide_page(client, slug)
    data = json.loads(page.find("script", type="application/ld+json").string)
    nodes = {node["@type"]: node for node in data["@graph"]}
    assert nodes["Occupation"]["name"] == guide.title
    assert [
        category["codeValue"]
        for category in nodes["Occupation"]["occupationalCategory"]
        if category["inCodeSet"] == "https://www.bls.gov/soc/"  # O*NET's code follows
    ] == codes_of(guide)
    profile, _ = about(guide)
    assert nodes["Occupation"]["educationRequirements"] == profile.get_entry_education_display()
    assert len(nodes["FAQPage"]["mainEntity"]) == guide.faqs.count()


@pytest.mark.parametrize("slug", FAMILY)
def test_the_json_view_serves_the_guide_as_a_pack(client, seeded, slug):
    response = client.get(f"/careers/{slug}.json")
    assert response.status_code == 200
    data = response.json()
    assert data["guide"]["slug"] == slug
    pack = json.loads((Path(content_dir()) / "guides" / f"{slug}.json").read_text())
    shipped = pack["guides"][0]
    for part in ("duties", "training_steps", "faqs", "moves", "recommended_certifications"):
        assert data["guide"][part] == shipped[part], part


@pytest.mark.parametrize("slug", FAMILY)
def test_a_visitor_starts_a_plan_for_any_family_guide(seeded, slug):
    visitor = Client()
    guide, page = guide_page(visitor, slug)
    start = f"/plan/start/{slug}/"
    assert page.find("aside", class_="plan-panel").find("a", href=start)
    response = visitor.post(start)
    assert response.status_code == 302
    plan = soup(visitor.get("/plan/"))
    legends = [legend.a.text for legend in plan.select(f"#plan-{slug} .plan-item legend")]
    assert legends[: guide.training_steps.count()] == [s.title for s in guide.training_steps.all()]


@pytest.mark.parametrize("slug", FAMILY)
def test_a_visitor_asks_a_question_on_any_family_guide(client, seeded, slug):
    _, page = guide_page(client, slug)
    ask = f"/careers/{slug}/ask/"
    assert page.find(id="ask").find("a", href=ask)
    question = f"How long does it take to become one? ({slug})"
    response = client.post(ask, {"question": question, "email": "", "website": ""})
    assert response.status_code == 302
    assert SubmittedQuestion.objects.get(question=question).guide.slug == slug


@pytest.mark.parametrize("slug", FAMILY)
def test_every_family_guide_asks_for_feedback(client, seeded, slug):
    _, page = guide_page(client, slug)
    section = page.find("section", id="feedback")
    links = [a["href"] for a in section.find_all("a")]
    send = reverse("feedback:send")
    assert links == [
        f"{send}?path=/careers/{slug}/&useful=yes",
        f"{send}?path=/careers/{slug}/&useful=no",
    ]


@pytest.mark.parametrize("slug", FAMILY)
def test_search_finds_each_family_guide_by_its_title(client, seeded, slug):
    guide = CareerGuide.objects.get(slug=slug)
    page = soup(client.get("/search/", {"q": guide.title}))
    first = page.select_one("ol.search-results li.search-result h2 a")
    assert first["href"] == guide.get_absolute_url(), first


@pytest.mark.parametrize("slug", FAMILY)
def test_editors_edit_and_see_the_history_of_each_family_guide(admin_client, seeded, slug):
    guide = CareerGuide.objects.get(slug=slug)
    change = admin_client.get(reverse("admin:guides_careerguide_change", args=[guide.pk]))
    assert change.status_code == 200
    assert "moves-TOTAL_FORMS" in change.content.decode()
    history = admin_client.get(reverse("admin:guides_careerguide_history", args=[guide.pk]))
    assert history.status_code == 200
    assert "Loaded by seed_content." in history.content.decode()


def test_similar_occupations_and_the_home_page_link_straight_to_the_family_guides(client, seeded):
    page = soup(client.get("/careers/medical-records-specialist/"))
    similar = {a.text: a["href"] for a in page.select("#similar a")}
    assert similar["Health information technologists and medical registrars"] == (
        "/careers/health-information-technologist/"
    )
    assert similar["Medical assistants"] == "/careers/medical-assistant/"
    assert similar["Pharmacy technicians"] == "/careers/pharmacy-technicians/"  # no guide
    home = {a.text: a["href"] for a in soup(client.get("/")).select(".featured li a")}
    assert home["Medical transcriptionists"] == "/careers/medical-transcriptionist/"
    for href in list(similar.values()) + list(home.values()):
        assert client.get(href).status_code == 200, href  # no redirect on the way
