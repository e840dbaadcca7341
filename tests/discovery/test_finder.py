"""“Which certification fits me?”: /certifications/finder/."""

import pytest
from django.test import Client

from certifications.models import Certification, Education, Experience, Setting
from discovery.finder import Status
from guides.models import CareerGuide
from tests.conftest import soup

pytestmark = pytest.mark.django_db

FINDER = "/certifications/finder/"
GUIDE_URL = "/careers/medical-records-specialist/"


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
