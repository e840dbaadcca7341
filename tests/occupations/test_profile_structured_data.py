"""A handbook profile for machines: JSON-LD on its page, and /careers/<slug>.json.

Figures are read from the fixture files the `seeded` fixture loads (tests/fixtures/ooh), so the
assertions follow the data rather than copies of it.
"""

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from occupations.models import OOH_NAME, Occupation, SimilarOccupation
from tests.conftest import OEWS_SAMPLE, OOH_SAMPLE, soup
from tests.factories import (
    AreaPayFactory,
    OccupationCodeFactory,
    OccupationFactory,
    PayReleaseFactory,
)

pytestmark = pytest.mark.django_db
SOC = "https://www.bls.gov/soc/"  # O*NET's own code follows the SOC codes

ORIGIN = "http://testserver"
FLAGSHIP = "medical-records-and-health-information-technicians"
GUIDE_SLUG = "medical-records-specialist"
SUMMARIES = Path(__file__).resolve().parents[2] / "data" / "ooh" / "summaries.json"
SAMPLE = json.loads(OOH_SAMPLE.read_text(encoding="utf-8"))
PROFILES = {entry["slug"]: entry for entry in SAMPLE["occupations"]}
# The CSV's columns for each figure of /careers/<slug>.json.
CSV_COLUMNS = {
    "employment": "TOT_EMP",
    "annual_p10": "A_PCT10",
    "annual_p25": "A_PCT25",
    "annual_median": "A_MEDIAN",
    "annual_p75": "A_PCT75",
    "annual_p90": "A_PCT90",
    "annual_mean": "A_MEAN",
    "hourly_p10": "H_PCT10",
    "hourly_p25": "H_PCT25",
    "hourly_median": "H_MEDIAN",
    "hourly_p75": "H_PCT75",
    "hourly_p90": "H_PCT90",
    "hourly_mean": "H_MEAN",
}
JSON_LD_PERCENTILES = {
    "percentile10": "A_PCT10",
    "percentile25": "A_PCT25",
    "median": "A_MEDIAN",
    "percentile75": "A_PCT75",
    "percentile90": "A_PCT90",
}


def oews_rows() -> list[dict]:
    with OEWS_SAMPLE.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


OEWS = oews_rows()


def national(code: str) -> dict:
    return next(row for row in OEWS if row["OCC_CODE"] == code and row["AREA_TYPE"] == "1")


def area_name(row: dict) -> str:
    return "United States" if row["AREA_TYPE"] == "1" else row["AREA_TITLE"]


def figure(text: str) -> Decimal | None:
    """A CSV figure as a number; None for one BLS did not publish or top-coded."""
    text = text.replace(",", "")
    return None if text in ("", "*", "#", "**") else Decimal(text)


def json_ld(response) -> dict:
    """The page's JSON-LD graph as {"@type": node}."""
    scripts = soup(response).head.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    document = json.loads(scripts[0].string)  # valid JSON
    assert document["@context"] == "https://schema.org"
    return {node["@type"]: node for node in document["@graph"]}


def profile_url(slug: str) -> str:
    return f"/careers/{slug}/"


# JSON-LD on a profile's page ----------------------------------------------------------------


def test_a_profile_page_describes_its_occupation(client, seeded):
    occupation = Occupation.objects.get(slug="actuaries")
    entry = PROFILES["actuaries"]

    graph = json_ld(client.get(profile_url("actuaries")))

    described = graph["Occupation"]
    page_url = ORIGIN + profile_url("actuaries")
    assert described["name"] == occupation.title == entry["title"]
    summary = json.loads(SUMMARIES.read_text(encoding="utf-8"))["summaries"]["actuaries"]
    assert described["description"].startswith(summary)
    assert f"{entry['outlook_percent']:+d}%" in described["description"]
    assert described["url"] == page_url
    assert described["@id"] == f"{page_url}#occupation"
    assert described["sameAs"] == entry["url"]
    assert described["educationRequirements"] == "Bachelor’s degree"
    assert described["experienceRequirements"] == "None"
    assert described["mainEntityOfPage"]["@type"] == "WebPage"
    assert described["mainEntityOfPage"]["url"] == page_url
    assert described["occupationLocation"] == [{"@type": "Country", "name": "United States"}]


def test_estimated_salary_is_the_csvs_national_row(client, seeded):
    row = national("15-2011")

    (salary,) = json_ld(client.get(profile_url("actuaries")))["Occupation"]["estimatedSalary"]

    assert salary["@type"] == "MonetaryAmountDistribution"
    assert salary["name"] == "May 2025"
    assert salary["currency"] == "USD"
    assert salary["duration"] == "P1Y"
    assert "15-2011" in salary["description"]
    assert "BLS Occupational Employment and Wage Statistics (OEWS)" in salary["description"]
    numbers = {
        key: Decimal(str(value)) for key, value in salary.items() if key in JSON_LD_PERCENTILES
    }
    assert numbers == {key: figure(row[column]) for key, column in JSON_LD_PERCENTILES.items()}


def test_a_group_with_national_figures_has_the_groups_distribution(client, seeded):
    row = national("29-1020")

    (salary,) = json_ld(client.get(profile_url("dentists")))["Occupation"]["estimatedSalary"]

    assert "29-1020" in salary["description"]
    assert Decimal(str(salary["median"])) == figure(row["A_MEDIAN"])
    assert Decimal(str(salary["percentile90"])) == figure(row["A_PCT90"])


@pytest.mark.parametrize(
    "slug", ["actuaries", "dentists", "secretaries-and-administrative-assistants"]
)
def test_occupational_categories_are_the_profiles_soc_codes(client, seeded, slug):
    described = json_ld(client.get(profile_url(slug)))["Occupation"]

    soc = [c for c in described["occupationalCategory"] if c["inCodeSet"].startswith(SOC)]
    assert soc == [
        {
            "@type": "CategoryCode",
            "codeValue": code["soc_code"],
            "inCodeSet": "https://www.bls.gov/soc/",
        }
        for code in PROFILES[slug]["soc_codes"]
    ]


@pytest.mark.parametrize("slug", ["military-careers", "secretaries-and-administrative-assistants"])
def test_a_profile_without_a_figure_has_no_estimated_salary(client, seeded, slug):
    graph = json_ld(client.get(profile_url(slug)))

    described = graph["Occupation"]
    assert "estimatedSalary" not in described
    assert "occupationLocation" not in described
    assert described["name"] == Occupation.objects.get(slug=slug).title


def test_a_profile_without_codes_has_no_occupational_category(client, seeded):
    described = json_ld(client.get(profile_url("military-careers")))["Occupation"]

    assert "occupationalCategory" not in described
    assert "educationRequirements" not in described


def test_top_coded_percentiles_are_left_out_of_the_distribution(client, db):
    occupation = OccupationFactory()
    code = OccupationCodeFactory(occupation=occupation)
    AreaPayFactory(
        release=PayReleaseFactory(),
        soc_code=code.soc_code,
        annual_p90=None,
        top_coded="annual_p90 hourly_p90",
    )

    (salary,) = json_ld(client.get(occupation.get_absolute_url()))["Occupation"]["estimatedSalary"]

    assert "percentile90" not in salary
    assert salary["median"] == 45000
    assert salary["percentile10"] == 30000


def test_the_breadcrumb_list_ends_with_the_profiles_title(client, seeded):
    occupation = Occupation.objects.select_related("field").get(slug="actuaries")
    page_url = ORIGIN + profile_url("actuaries")

    response = client.get(profile_url("actuaries"))

    crumbs = json_ld(response)["BreadcrumbList"]
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert [item["name"] for item in items] == [
        "Home",
        "Careers",
        occupation.field.name,
        "Actuaries",
    ]
    assert items[-1] == {
        "@type": "ListItem",
        "position": len(items),
        "name": occupation.title,
        "item": page_url,
    }
    assert [item["item"] for item in items[:-1]] == [
        ORIGIN + "/",
        ORIGIN + "/careers/",
        ORIGIN + occupation.field.get_absolute_url(),
    ]
    visible = soup(response).find("nav", attrs={"aria-label": "Breadcrumb"})
    assert [a["href"] for a in visible.find_all("a")] == ["/", "/careers/", "/careers/fields/math/"]
    page = json_ld(response)["Occupation"]["mainEntityOfPage"]
    assert page["breadcrumb"] == {"@id": crumbs["@id"]}


def test_the_json_ld_follows_an_edited_summary(client, seeded):
    occupation = Occupation.objects.get(slug="actuaries")
    occupation.summary = "Actuaries <b>weigh</b> risk."
    occupation.save()

    response = client.get(profile_url("actuaries"))

    assert json_ld(response)["Occupation"]["description"].startswith("Actuaries <b>weigh</b> risk.")
    assert "<b>weigh" not in soup(response).head.find("script", type="application/ld+json").string


# /careers/<slug>.json for a profile ---------------------------------------------------------


def test_a_profiles_json_document_has_its_facts_with_their_source(client, seeded):
    entry = PROFILES["actuaries"]
    occupation = Occupation.objects.select_related("field").get(slug="actuaries")

    response = client.get("/careers/actuaries.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"].startswith("public")
    document = response.json()
    assert document["format"] == "careerpath-profile"
    assert document["version"] == 1
    assert document["slug"] == "actuaries"
    assert document["title"] == occupation.title
    assert document["summary"] == occupation.summary
    assert document["field"] == occupation.field.name
    assert document["soc_codes"] == [
        {
            "soc_code": code["soc_code"],
            "title": code["title"],
            "level": code["level"],
            "jobs_2024": code["jobs"],
            "projected_2034": code["projected"],
        }
        for code in entry["soc_codes"]
    ]
    facts = document["facts"]
    assert facts["source"] == OOH_NAME
    assert facts["url"] == entry["url"]
    assert facts["page_modified"] == entry["last_modified"]
    assert facts["entry_education"] == "Bachelor’s degree"
    assert facts["work_experience"] == entry["work_experience"]
    assert facts["on_the_job_training"] == entry["on_the_job_training"]
    assert facts["jobs_2024"] == entry["jobs"]
    assert facts["projected_2034"] == entry["projected"]
    assert facts["employment_change_2024_34"] == entry["employment_change"]
    assert facts["outlook_percent_2024_34"] == entry["outlook_percent"]
    assert facts["outlook_label"] == entry["outlook_label"]
    assert facts["openings_per_year"] == entry["openings_per_year"]
    assert facts["largest_employers"] == entry["largest_employers"]
    assert document["similar"] == []  # none of its similar occupations is in the sample


def test_a_profiles_json_pay_is_every_area_row_of_the_csv(client, seeded):
    document = client.get("/careers/actuaries.json").json()

    pay = document["pay"]
    assert pay["release"] == "May 2025"
    assert pay["source"] == "BLS Occupational Employment and Wage Statistics (OEWS)"
    assert pay["source_url"].startswith("https://www.bls.gov/")
    assert pay["headline_soc_code"] == "15-2011"
    expected = {area_name(row): row for row in OEWS if row["OCC_CODE"] == "15-2011"}
    areas = {area["area"]: area for area in pay["areas"]}
    assert len(areas) == len(pay["areas"])
    assert set(areas) == set(expected)
    assert pay["areas"][0]["area"] == "United States"
    for name, row in expected.items():
        area = areas[name]
        assert area["soc_code"] == "15-2011"
        for key, column in CSV_COLUMNS.items():
            value = area[key]
            assert (Decimal(value) if value is not None else None) == figure(row[column]), (
                name,
                key,
            )
        assert area["top_coded"] == []


def test_a_groups_json_has_each_codes_rows_and_names_top_coded_figures(client, seeded):
    document = client.get("/careers/dentists.json").json()

    codes = {code["soc_code"] for code in PROFILES["dentists"]["soc_codes"]}
    expected = {(row["OCC_CODE"], area_name(row)) for row in OEWS if row["OCC_CODE"] in codes}
    shown = {(area["soc_code"], area["area"]): area for area in document["pay"]["areas"]}
    assert set(shown) == expected
    assert document["pay"]["headline_soc_code"] == "29-1020"
    alabama = shown[("29-1022", "Alabama")]  # "#" for every figure in the CSV
    assert alabama["annual_median"] is None
    assert alabama["hourly_median"] is None
    assert {"annual_median", "annual_p90", "hourly_median"} <= set(alabama["top_coded"])


def test_a_group_without_a_figure_has_its_detailed_rows_only(client, seeded):
    document = client.get("/careers/secretaries-and-administrative-assistants.json").json()

    assert document["pay"]["headline_soc_code"] == "43-6000"  # BLS publishes no pay for it
    assert {area["soc_code"] for area in document["pay"]["areas"]} == {
        "43-6011",
        "43-6012",
        "43-6013",
        "43-6014",
    }


def test_a_profile_without_statistics_has_an_empty_pay_list(client, seeded):
    document = client.get("/careers/military-careers.json").json()

    assert document["soc_codes"] == []
    assert document["pay"]["areas"] == []
    assert document["pay"]["release"] == "May 2025"
    assert document["facts"]["jobs_2024"] is None
    assert document["facts"]["entry_education"] is None


def test_similar_profiles_in_the_json_leave_out_drafts(client, seeded):
    slug = "secretaries-and-administrative-assistants"
    draft = OccupationFactory(status="draft", slug="secret-zeppelin-pilots")
    SimilarOccupation.objects.create(
        occupation=Occupation.objects.get(slug=slug), similar=draft, position=99
    )

    document = client.get(f"/careers/{slug}.json").json()

    in_sample = [s["slug"] for s in PROFILES[slug]["similar"] if s["slug"] in PROFILES]
    assert sorted(document["similar"]) == sorted(in_sample)
    assert "secret-zeppelin-pilots" not in document["similar"]


def test_the_flagship_profile_without_a_guide_of_its_name_gets_its_document(client, seeded):
    document = client.get(f"/careers/{FLAGSHIP}.json").json()

    assert document["format"] == "careerpath-profile"
    assert document["pay"]["headline_soc_code"] == "29-2072"
    us = next(area for area in document["pay"]["areas"] if area["area"] == "United States")
    assert Decimal(us["annual_median"]) == figure(national("29-2072")["A_MEDIAN"])


def test_the_flagship_guides_json_is_still_its_content_pack(client, seeded):
    from content_packs.format import FORMAT, VERSION

    response = client.get(f"/careers/{GUIDE_SLUG}.json")

    assert response.status_code == 200
    document = response.json()
    assert document["format"] == FORMAT != "careerpath-profile"
    assert document["version"] == VERSION
    assert document["guide"]["slug"] == GUIDE_SLUG
    assert document["guide"]["occupation"] == FLAGSHIP
    assert "pay" not in document


@pytest.mark.parametrize("slug", ["no-such-career", "actuarie", "fields", "compare"])
def test_an_unknown_slug_is_not_found(client, seeded, slug):
    assert client.get(f"/careers/{slug}.json").status_code == 404


def test_a_draft_profiles_json_is_not_found_by_the_public(staff_client, seeded):
    draft = OccupationFactory(status="draft", slug="secret-zeppelin-pilots")
    path = f"/careers/{draft.slug}.json"

    assert Client().get(path).status_code == 404
    response = staff_client.get(path)
    assert response.status_code == 200
    assert response.json()["slug"] == draft.slug
    assert "public" not in response["Cache-Control"]


def test_an_unpublished_profile_is_not_found_by_the_public(client, seeded):
    Occupation.objects.filter(slug="actuaries").update(status="draft")

    assert client.get("/careers/actuaries.json").status_code == 404
    assert client.get(profile_url("actuaries")).status_code == 404
