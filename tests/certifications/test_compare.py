"""Certifications side by side: /certifications/compare/."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from certifications.models import Certification, Education, Program, WorkFocus
from tests.conftest import soup
from tests.factories import CertificationFactory

pytestmark = pytest.mark.django_db

COMPARE = "/certifications/compare/"


def compare_table(client, query=None):
    page = soup(client.get(COMPARE, query or {}))
    table = page.find("table", class_="compare-table")
    columns = [th.find("a").text for th in table.select("thead th")]
    rows = {
        row.find("th").text: [td.get_text(" ", strip=True) for td in row.find_all("td")]
        for row in table.select("tbody tr")
    }
    return page, columns, rows


def test_compare_shows_every_certification_by_default(client):
    # A site with a few certifications (no more than five) compares them all at once.
    CertificationFactory(code="ZZA", work_focus=WorkFocus.CODING)
    CertificationFactory(code="ZZB", work_focus=WorkFocus.CODING)
    CertificationFactory(code="ZZC", work_focus=WorkFocus.RECORDS)
    CertificationFactory(code="ZZD", work_focus=WorkFocus.BILLING)
    CertificationFactory(code="ZZE", work_focus=WorkFocus.REGISTRY)
    _, columns, rows = compare_table(client)
    assert columns == ["ZZA", "ZZB", "ZZC", "ZZD", "ZZE"]
    assert all(len(cells) == 5 for cells in rows.values())


def test_compare_by_default_shows_the_largest_kind_of_work_and_links_each_set(client, seeded):
    available = Certification.objects.filter(status="published")
    assert available.count() > 5  # too many for one screen: one kind of work at first
    coding = sorted(available.filter(work_focus=WorkFocus.CODING).values_list("code", flat=True))
    page, columns, rows = compare_table(client)
    assert columns == coding == ["CCA", "CCS", "CPC"]
    assert set(rows["Kind of work"]) == {WorkFocus.CODING.label}
    links = page.find("nav", attrs={"aria-labelledby": "work-sets-heading"}).find_all("a")
    by_label = {link.text.split(":")[0]: link["href"] for link in links}
    # Every kind of work with two or more certifications gets a link comparing just those.
    for work in WorkFocus:
        slugs = sorted(available.filter(work_focus=work).values_list("slug", flat=True))
        if len(slugs) > 1:
            assert by_label[work.label] == "?" + "&".join(f"c={slug}" for slug in slugs)
        else:
            assert work.label not in by_label
    # A link's query string is a shareable comparison of just that set.
    set_page = soup(client.get(COMPARE + by_label[WorkFocus.PATIENT_CARE.label]))
    set_columns = [th.find("a").text for th in set_page.select("table.compare-table thead th")]
    assert set_columns == sorted(
        available.filter(work_focus=WorkFocus.PATIENT_CARE).values_list("code", flat=True)
    )


def test_compare_rows_say_each_certifications_facts(client, seeded):
    _, columns, rows = compare_table(client, {"c": ["cca", "cpc", "rhit"]})
    assert columns == ["CCA", "CPC", "RHIT"]
    assert rows["Issuer"][0] == "American Health Information Management Association (AHIMA)"
    assert rows["Issuer"][1] == "AAPC"  # its name is its abbreviation
    assert rows["Exam"][2].startswith("Reported as 130–160 questions")  # a sentence's capital
    assert "100 questions" in rows["Exam"][1]
    assert "4 hours" in rows["Exam"][1]
    assert "open book" in rows["Exam"][1]
    assert rows["Renewal"][0].startswith("20 CEUs every 2 years")
    assert rows["Education"][2] == (
        f"{Education.HIGH_SCHOOL.label}; {Program.CAHIIM_ASSOCIATE.label[0].lower()}"
        f"{Program.CAHIIM_ASSOCIATE.label[1:]}"
    )
    assert "CAHIIM-accredited associate program" in rows["Education"][2]


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
    _, columns, rows = compare_table(client)
    assert "123 questions" in rows["Exam"][columns.index("CPC")]
    assert rows["Who it is for"][columns.index("CPC")] == "Edited audience"


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
    CertificationFactory(code="CCSP", slug="ccsp", work_focus=WorkFocus.CODING)
    CertificationFactory(code="DRAFTY", slug="drafty", status="draft", work_focus=WorkFocus.CODING)
    page, columns, _ = compare_table(client)
    assert "CCSP" in columns  # a coding credential: in the default, coding set
    assert "DRAFTY" not in columns
    assert page.find("input", attrs={"value": "ccsp"})
    assert not page.find("input", attrs={"value": "drafty"})


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
