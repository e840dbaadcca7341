"""“Which certification fits me?”: /certifications/finder/."""

import re

import pytest
from django.test import Client

from certifications.finder import Status
from certifications.models import Certification, Education, Experience, Program, Setting
from guides.models import CareerGuide
from tests.conftest import soup

pytestmark = pytest.mark.django_db

FINDER = "/certifications/finder/"
GUIDE_URL = "/careers/medical-records-specialist/"


def answers(
    education=Education.HIGH_SCHOOL,
    experience=Experience.NONE,
    setting="any",
    goal="quick",
    programs=(),
    work=None,
):
    query = {
        "education": int(education),
        "experience": int(experience),
        "setting": setting,
        "goal": goal,
        "programs": list(programs),
    }
    if work is not None:
        query["work"] = work
    return query


def verdicts(client, **kwargs):
    response = client.get(FINDER, answers(**kwargs))
    assert response.status_code == 200
    return {v.certification.code: v for v in response.context["verdicts"]}, soup(response)


def test_finder_without_answers_shows_the_form_only(client, seeded):
    response = client.get(FINDER)
    assert "verdicts" not in response.context
    page = soup(response)
    for name in ("work", "education", "programs", "experience", "setting", "goal"):
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
    # The step comes from a guide that recommends RHIT and has a step for that program.
    step = rhit.required_steps[0]
    assert step.closes_gap == "accredited_program"
    assert step.guide.recommended_certifications.filter(certification__code="RHIT").exists()


def test_finder_accredited_graduate_is_eligible_for_every_coding_and_records_credential(
    client, seeded
):
    results, _ = verdicts(
        client,
        education=Education.ASSOCIATE,
        experience=Experience.TWO_PLUS_YEARS,
        programs=[Program.CAHIIM_ASSOCIATE],
    )
    for code in ("CCA", "CPC", "RHIT", "CCS", "CPB", "CPMA"):
        assert results[code].status == Status.NOW, (code, results[code].reasons)
    assert "You meet RHIT’s program requirement." in results["RHIT"].reasons


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
    legend = page.find("input", attrs={"name": "programs"}).find_parent("fieldset").legend
    assert "final term" in legend.text
    assert "Enrolled" not in legend.text
    results, _ = verdicts(client, goal="growth")
    assert "or to be in its final term" in results["RHIT"].reasons[0]


def test_finder_setting_preference_marks_a_poor_fit(client, seeded):
    results, _ = verdicts(
        client,
        education=Education.ASSOCIATE,
        setting=Setting.HOSPITAL,
        programs=[Program.CAHIIM_ASSOCIATE],
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
        {"education": "1", "experience": "0", "setting": "any", "goal": "quick", "work": "x"},
        {
            "education": "1",
            "experience": "0",
            "setting": "any",
            "goal": "quick",
            "programs": ["<b>hospital</b>"],
        },
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


# Goals beyond coding (the health-information family's credentials).


def test_finder_a_chosen_kind_of_work_comes_first_and_the_rest_wait_behind(client, seeded):
    response = client.get(FINDER, answers(work="registry", goal="growth"))
    chosen = response.context["chosen_verdicts"]
    assert [v.certification.code for v in chosen] == ["CTR"]
    others = response.context["other_verdicts"]
    assert len(others) == Certification.objects.count() - 1
    page = soup(response)
    summary = page.find("details", class_="other-verdicts").summary
    assert f"({len(others)})" in summary.text
    assert "registry work" in page.find(id="results-heading").find_parent("section").text.lower()


@pytest.mark.parametrize(
    ("work", "codes"),
    [
        ("coding", {"CCA", "CCS", "CPC"}),
        ("records", {"RHIT"}),
        ("management", {"RHIA"}),
        ("documentation", {"RHDS", "CHDS"}),
        ("billing", {"CPB", "CBCS"}),
        ("audit", {"CPMA"}),
        ("patient_care", {"CMA", "CCMA"}),
        ("front_office", {"CMAA"}),
    ],
)
def test_finder_every_kind_of_work_has_its_credentials(client, seeded, work, codes):
    response = client.get(FINDER, answers(work=work))
    assert {v.certification.code for v in response.context["chosen_verdicts"]} == codes


def test_finder_ctr_takes_the_program_or_a_year_in_a_registry(client, seeded):
    results, _ = verdicts(client, education=Education.HIGH_SCHOOL, goal="growth")
    ctr = results["CTR"]
    assert ctr.status == Status.AFTER
    assert "NCRA-accredited" in ctr.reasons[0]
    assert "1–2 years of experience can take its place" in ctr.reasons[0]
    assert "Associate degree" in ctr.reasons[1]
    # With the experience and an associate degree, no program is needed.
    results, _ = verdicts(
        client, education=Education.ASSOCIATE, experience=Experience.ONE_TO_TWO_YEARS
    )
    assert results["CTR"].status == Status.NOW
    assert results["CTR"].reasons[0].startswith("Your experience takes the place of the program")
    # A quick start does not suit a college program.
    results, _ = verdicts(client, education=Education.ASSOCIATE, goal="quick")
    assert results["CTR"].status == Status.NOT_YET


def test_finder_rhia_needs_the_bachelors_level_program(client, seeded):
    results, _ = verdicts(client, education=Education.BACHELORS, goal="growth")
    assert results["RHIA"].status == Status.AFTER
    assert "bachelor’s or master’s" in results["RHIA"].reasons[0]
    steps = results["RHIA"].required_steps
    assert steps
    assert steps[0].closes_gap in ("him_bachelors_program", "bachelors_degree")
    results, _ = verdicts(
        client, education=Education.BACHELORS, programs=[Program.CAHIIM_BACHELORS]
    )
    assert results["RHIA"].status == Status.NOW


def test_finder_chds_needs_rhds_first(client, seeded):
    results, _ = verdicts(client, experience=Experience.TWO_PLUS_YEARS)
    chds = results["CHDS"]
    assert chds.status == Status.AFTER
    assert any(reason.startswith("You need RHDS") for reason in chds.reasons)


def test_finder_cma_needs_an_accredited_medical_assisting_program(client, seeded):
    results, _ = verdicts(client, goal="growth")
    assert results["CMA"].status == Status.AFTER
    assert "CAAHEP" in results["CMA"].reasons[0]
    results, _ = verdicts(client, programs=[Program.MEDICAL_ASSISTING])
    assert results["CMA"].status == Status.NOW


def test_finder_judges_nothing_where_only_third_parties_state_eligibility(client, seeded):
    response = client.get(FINDER, answers(work="patient_care"))
    results = {v.certification.code: v for v in response.context["verdicts"]}
    ccma = results["CCMA"]
    assert ccma.status == Status.CHECK
    assert ccma.reasons[0].startswith("We have not found NHA’s own statement")
    card = soup(response).find("a", string=re.compile("^CCMA:")).find_parent("li")
    assert card.find("a", href=ccma.certification.official_url)
    unchecked = set(
        Certification.objects.filter(eligibility_checked=False).values_list("code", flat=True)
    )
    assert {"CCMA", "CMAA", "RHDS"} <= unchecked
    for code in unchecked:
        assert results[code].status in (Status.CHECK, Status.NOT_YET)


def test_finder_old_links_without_the_new_questions_still_work(client, seeded):
    query = {"education": "1", "experience": "0", "setting": "any", "goal": "quick"}
    response = client.get(FINDER, query)
    assert len(response.context["chosen_verdicts"]) == Certification.objects.count()


def test_a_certification_page_opens_the_finder_on_its_kind_of_work(client, seeded):
    rhia = Certification.objects.get(code="RHIA")
    page = soup(client.get(rhia.get_absolute_url()))
    link = page.find("a", string="Which certification fits me?")["href"]
    assert link == f"{FINDER}?work=management"
    response = client.get(link)
    assert "verdicts" not in response.context
    finder = soup(response)
    assert not finder.find(class_="alert-danger")
    assert finder.find("input", attrs={"name": "work", "value": "management"}).has_attr("checked")
