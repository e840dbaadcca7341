"""Certification comparison, the "which certification fits me?" finder, and the career ladder."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from certifications.models import Certification, Education, Experience, Setting
from discovery.finder import Status
from guides.models import CareerGuide, ProgressionStep
from tests.conftest import soup
from tests.factories import CareerGuideFactory, CertificationFactory, ProgressionStepFactory

pytestmark = pytest.mark.django_db

COMPARE = "/certifications/compare/"
FINDER = "/certifications/finder/"
GUIDE_URL = "/careers/medical-records-specialist/"


# Comparison ---------------------------------------------------------------------------------


def compare_table(client, query=None):
    page = soup(client.get(COMPARE, query or {}))
    table = page.find("table", class_="compare-table")
    columns = [th.find("a").text for th in table.select("thead th")]
    rows = {
        row.find("th").text: [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for row in table.select("tbody tr")
    }
    return page, columns, rows


def test_compare_shows_every_certification_by_default(client, seeded):
    _, columns, rows = compare_table(client)
    assert columns == ["CCA", "CPC", "RHIT"]
    assert rows["Issuer"][0] == "American Health Information Management Association (AHIMA)"
    assert rows["Issuer"][1] == "AAPC"  # its name is its abbreviation
    assert rows["Exam"][2].startswith("Reported as 130–160 questions")  # a sentence's capital
    assert "100 questions" in rows["Exam"][1]
    assert "4 hours" in rows["Exam"][1]
    assert "open book" in rows["Exam"][1]
    assert rows["Renewal"][0].startswith("20 CEUs every 2 years")
    assert "accredited program required" in rows["Education"][2]


def test_compare_says_cpc_needs_no_experience_and_explains_cpc_a(client, seeded):
    _, columns, rows = compare_table(client)
    cpc = rows["Experience"][columns.index("CPC")]
    assert cpc.startswith("None required.")
    assert "recommended" not in cpc  # AAPC recommends none: two years only lift the “A”
    assert "CPC-A" in cpc


def test_compare_exam_cell_says_what_its_figures_rest_on(client, seeded):
    _, columns, rows = compare_table(client)
    cca = rows["Exam"][columns.index("CCA")]
    assert "105 questions; 90 of them scored" in cca
    assert "data as of 31 December 2023" in cca


@pytest.mark.parametrize(
    "path",
    ["/certifications/", "/certifications/cpc/", "/careers/medical-records-specialist/", COMPARE],
)
def test_a_body_whose_name_is_its_abbreviation_is_not_named_twice(client, seeded, path):
    text = soup(client.get(path)).get_text(" ", strip=True)
    assert "AAPC" in text
    assert "AAPC (AAPC)" not in text


def test_compare_a_chosen_pair_with_a_shareable_url(client, seeded):
    page, columns, _ = compare_table(client, {"c": ["rhit", "cpc"]})
    assert columns == ["CPC", "RHIT"]
    assert page.find("input", attrs={"value": "cpc", "checked": True})
    assert not page.find("input", attrs={"value": "cca", "checked": True})


def test_compare_values_come_from_the_models(client, seeded):
    cpc = Certification.objects.get(code="CPC")
    cpc.exam_question_count = 123
    cpc.best_for = "Edited audience"
    cpc.save()
    _, _, rows = compare_table(client)
    assert "123 questions" in rows["Exam"][1]
    assert rows["Who it is for"][1] == "Edited audience"


def test_compare_shows_a_fee_only_with_its_date_and_source(client, seeded):
    _, _, rows = compare_table(client)
    assert all("see the" in cell for cell in rows["Cost"])
    cca = Certification.objects.get(code="CCA")
    cca.fee_amount = Decimal("199")
    cca.fee_note = "members"
    cca.save()
    _, _, rows = compare_table(client)
    assert "$199" not in rows["Cost"][0]  # no source or date yet: not shown
    cca.fee_source_name = "AHIMA exam page"
    cca.fee_checked = datetime.date(2026, 11, 1)
    cca.save()
    _, _, rows = compare_table(client)
    assert rows["Cost"][0] == "$199 (members), checked 1 November 2026 at AHIMA exam page"


def test_compare_includes_certifications_an_editor_adds_and_hides_drafts(client, seeded):
    CertificationFactory(code="CCS", slug="ccs")
    CertificationFactory(code="DRAFTY", slug="drafty", status="draft")
    _, columns, _ = compare_table(client)
    assert "CCS" in columns
    assert "DRAFTY" not in columns


def test_compare_with_unknown_or_hostile_choices_explains_and_shows_all(client, seeded):
    response = client.get(COMPARE, {"c": ["cpc", "<script>alert(1)</script>"]})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    page = soup(response)
    assert "not available" in page.find(class_="alert-warning").text
    assert len(page.select("table.compare-table thead th")) == 3


def test_compare_asks_for_two_when_one_is_picked(client, seeded):
    page = soup(client.get(COMPARE, {"c": "cpc"}))
    assert "Pick at least two" in page.text


def test_compare_has_stacked_cards_for_phones(client, seeded):
    page = soup(client.get(COMPARE, {"c": ["cpc", "cca"]}))
    cards = page.select(".compare-cards section")
    assert [card.find("h2").text.split(":")[0] for card in cards] == ["CCA", "CPC"]
    assert cards[1].find("dt", string="Exam").find_next("dd").text.startswith("100 questions")


def test_certification_slugs_cannot_take_the_sections_own_addresses():
    cert = CertificationFactory.build(slug="compare", body=CertificationFactory().body)
    with pytest.raises(ValidationError) as error:
        cert.full_clean()
    assert "slug" in error.value.message_dict


# Finder ---------------------------------------------------------------------------------


def answers(
    education=Education.HIGH_SCHOOL, experience=Experience.NONE, setting="any", goal="quick"
):
    return {
        "education": int(education),
        "experience": int(experience),
        "setting": setting,
        "goal": goal,
    }


def verdicts(client, **kwargs):
    response = client.get(FINDER, answers(**kwargs))
    assert response.status_code == 200
    return {v.certification.code: v for v in response.context["verdicts"]}, soup(response)


def test_finder_without_answers_shows_the_form_only(client, seeded):
    response = client.get(FINDER)
    assert "verdicts" not in response.context
    page = soup(response)
    for name in ("education", "experience", "setting", "goal"):
        assert page.find("input", attrs={"name": name})
    assert page.find("form")["method"] == "get"


def test_finder_newcomer_without_a_diploma(client, seeded):
    results, page = verdicts(client, education=Education.NONE)
    assert results["CPC"].status == Status.NOW
    assert "asks for no proof of education" in results["CPC"].reasons[0]
    assert results["CCA"].status == Status.AFTER
    assert [s.title for s in results["CCA"].required_steps] == ["Finish high school or earn a GED"]
    assert results["RHIT"].status == Status.NOT_YET  # accredited program, and a quick start wanted
    card = page.find("a", string="CCA: Certified Coding Associate").find_parent("li")
    assert "Eligible after" in card.text
    step = CareerGuide.objects.get(slug="medical-records-specialist").training_steps.first()
    assert card.find("a", href=f"{GUIDE_URL}#step-{step.pk}")


def test_finder_long_term_goal_makes_the_accredited_route_a_next_step(client, seeded):
    results, _ = verdicts(client, education=Education.HIGH_SCHOOL, goal="growth")
    rhit = results["RHIT"]
    assert rhit.status == Status.AFTER
    assert "CAHIIM-accredited" in rhit.reasons[0]
    assert [s.closes_gap for s in rhit.required_steps] == ["coding_program"]


def test_finder_accredited_graduate_is_eligible_for_everything(client, seeded):
    results, _ = verdicts(
        client, education=Education.ACCREDITED_ASSOCIATE, experience=Experience.TWO_PLUS_YEARS
    )
    assert {code: v.status for code, v in results.items()} == {
        "CCA": Status.NOW,
        "CPC": Status.NOW,
        "RHIT": Status.NOW,
    }


def test_finder_recommended_experience_is_advice_not_a_barrier(client, seeded):
    results, _ = verdicts(client, education=Education.HIGH_SCHOOL, experience=Experience.NONE)
    cpc = results["CPC"]
    assert cpc.status == Status.NOW
    assert any("CPC-A" in reason for reason in cpc.reasons)
    assert [s.closes_gap for s in cpc.helpful_steps] == ["experience"]


def test_finder_cpc_with_two_years_experience_is_not_told_about_cpc_a(client, seeded):
    results, _ = verdicts(client, experience=Experience.TWO_PLUS_YEARS)
    cpc = results["CPC"]
    assert cpc.status == Status.NOW
    assert not any("CPC-A" in reason or "experience" in reason for reason in cpc.reasons)
    assert cpc.helpful_steps == []


def test_finder_without_experience_hears_it_is_not_needed_to_sit_the_exam(client, seeded):
    results, _ = verdicts(client, experience=Experience.ONE_TO_TWO_YEARS)
    reason = results["CPC"].reasons[-1]
    assert reason.startswith("No experience is needed to sit the exam.")
    assert "Recommended" not in reason


def test_finder_names_the_full_credentials_experience_when_no_note_says_it(client, seeded):
    cpc = Certification.objects.get(code="CPC")
    cpc.experience_note = ""
    cpc.save()
    results, _ = verdicts(client)
    assert results["CPC"].reasons[-1] == (
        "No experience is needed to sit the exam. "
        "The full CPC is awarded after 2 years or more of experience."
    )


def test_finder_offers_accredited_programs_only_from_their_final_term(client, seeded):
    page = soup(client.get(FINDER))
    choice = page.find(
        "input", attrs={"name": "education", "value": Education.ACCREDITED_ASSOCIATE}
    )
    label = page.find("label", attrs={"for": choice["id"]})
    assert "final term" in label.text
    assert "Enrolled" not in label.text
    results, _ = verdicts(client, goal="growth")
    assert "in their final term" in results["RHIT"].reasons[0]


def test_finder_setting_preference_marks_a_poor_fit(client, seeded):
    results, _ = verdicts(
        client, education=Education.ACCREDITED_ASSOCIATE, setting=Setting.HOSPITAL
    )
    assert results["CPC"].status == Status.NOT_YET
    # The issuer's focus, as “Where it is valued” on the compare page; not a rule.
    assert results["CPC"].reasons[-1] == (
        "CPC is most valued in physician practice work; you prefer hospital work."
    )
    assert results["RHIT"].status == Status.NOW


def test_finder_rules_are_editable(client, seeded):
    cpc = Certification.objects.get(code="CPC")
    cpc.min_education = Education.BACHELORS
    cpc.save()
    results, _ = verdicts(client, education=Education.HIGH_SCHOOL)
    assert results["CPC"].status == Status.AFTER
    assert "Bachelor" in results["CPC"].reasons[0]


@pytest.mark.parametrize(
    "query",
    [
        {"education": "9", "experience": "0", "setting": "any", "goal": "quick"},
        {"education": "x", "experience": "0", "setting": "any", "goal": "quick"},
        {"education": "1", "experience": "0", "setting": "<b>hospital</b>", "goal": "quick"},
        {"education": "1"},
    ],
)
def test_finder_tampered_input_gets_a_clear_error_and_keeps_the_rest(client, seeded, query):
    response = client.get(FINDER, query)
    assert response.status_code == 200
    assert "verdicts" not in response.context
    page = soup(response)
    assert "Please answer every question" in page.find(class_="alert-danger").text
    assert "<b>hospital</b>" not in response.content.decode()
    if query.get("education") == "1":
        assert page.find("input", attrs={"name": "education", "value": "1"}).has_attr("checked")


def test_finder_results_url_is_shareable(seeded):
    first = Client().get(FINDER, answers(education=Education.NONE)).content
    second = Client().get(FINDER, answers(education=Education.NONE)).content
    assert soup_text(first) == soup_text(second)


def soup_text(content: bytes) -> str:
    from bs4 import BeautifulSoup

    return (
        BeautifulSoup(content, "html.parser").find(id="results-heading").find_parent("section").text
    )


# Career ladder --------------------------------------------------------------------------------


def test_career_ladder_is_an_ordered_list_of_rungs_with_facts(client, seeded):
    page = soup(client.get(GUIDE_URL))
    ladder = page.find(id="progression").find("ol", class_="ladder")
    rungs = ladder.find_all("li", recursive=False)
    names = [rung.find("h3").get_text(" ", strip=True) for rung in rungs]
    assert "Medical records clerk" in names[0]
    assert "Health information manager" in names[-1]
    current = ladder.find("li", attrs={"aria-current": "step"})
    assert "Medical records specialist" in current.find("h3").text
    assert "$50,250" in current.text
    assert "May 2024" in current.text
    assert "OEWS" in current.text
    assert "RHIA" in rungs[-1].text


def test_ladder_links_a_rung_to_its_own_guide(client):
    guide = CareerGuideFactory()
    other = CareerGuideFactory(title="Health Information Technologist")
    ProgressionStepFactory(guide=guide, next_role="HIT", next_guide=other, credential="RHIT")
    page = soup(client.get(guide.get_absolute_url()))
    rung = page.find(id="progression").find("li")
    assert rung.find("a", href=other.get_absolute_url())
    assert "RHIT" in rung.text


def test_ladder_pay_needs_a_source_and_period():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ProgressionStepFactory(median_pay=Decimal(60000))
    rung = ProgressionStepFactory(
        median_pay=Decimal(60000), pay_source_name="BLS", pay_period="May 2024"
    )
    assert ProgressionStep.objects.get(pk=rung.pk).median_pay == 60000


def test_migration_corrects_cpc_seeded_with_recommended_experience(seeded):
    from django.apps import apps

    migration = importlib.import_module(
        "certifications.migrations.0005_experience_for_full_credential"
    )
    Certification.objects.filter(code="CPC").update(  # as the old seed left it
        recommended_experience=Experience.TWO_PLUS_YEARS,
        experience_for_full_credential=Experience.NONE,
    )
    migration.correct_cpc_experience(apps, None)
    cpc = Certification.objects.get(code="CPC")
    assert cpc.recommended_experience == Experience.NONE
    assert cpc.experience_for_full_credential == Experience.TWO_PLUS_YEARS
    migration.restore_cpc_experience(apps, None)
    cpc.refresh_from_db()
    assert cpc.recommended_experience == Experience.TWO_PLUS_YEARS


def test_cpc_page_links_aapcs_apprenticeship_page(client, seeded):
    page = soup(client.get("/certifications/cpc/"))
    link = page.find("a", href=lambda href: href and "complete-your-cpc-apprenticeship" in href)
    assert link is not None
    assert "apprenticeship" in link.text
