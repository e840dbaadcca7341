"""What the work is like, on every career page (profiles and guides alike): the O*NET data of
the career's codes, each section only where there is data, with the credit the licence asks
for. The seeded site carries the O*NET sample (tests/fixtures/onet)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from occupations.onet_models import OnetOccupation, OnetTitle
from tests.conftest import soup
from tests.factories import (
    OnetRatingFactory,
    OnetRelatedFactory,
    OnetTechnologyFactory,
    OnetTitleFactory,
)

pytestmark = pytest.mark.django_db
FLAGSHIP = "/careers/medical-records-specialist/"
SECRETARIES = "/careers/secretaries-and-administrative-assistants/"


def work(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return soup(response).find("section", id="work")


def test_the_flagship_guide_shows_what_the_work_is_with_its_source(client, seeded):
    section = work(client, FLAGSHIP)
    text = section.get_text(" ", strip=True)
    assert "Certified Professional Coder (CPC)" in section.find(id="also-called").get_text()
    epic = next(
        dd for dd in section.find(id="technology").find_all("dd") if "Epic Systems" in dd.text
    )
    assert "Epic Systems hot technology" in " ".join(epic.get_text(" ").split())
    interests = section.find(id="interests")
    strongest = interests.find("span", string="strongest").find_parent("li")
    assert "Conventional" in strongest.get_text()
    assert interests.find("meter", attrs={"aria-label": "Conventional interest"})["value"] == "6.97"
    assert "O*NET job zone 3 of 5" in section.find(id="preparation").get_text()
    assert "O*NET 30.1 Database" in text
    assert "CC BY 4.0" in text
    assert "USDOL/ETA has not approved" in text
    page = soup(client.get(FLAGSHIP))
    assert page.find("nav", class_="toc").find("a", href="#work")
    assert "skills" not in [s.get("id") for s in section.find_all("section")]  # none in O*NET


def test_a_profile_shows_skills_with_their_importance_and_a_link_to_each(client, seeded):
    section = work(client, "/careers/dentists/")
    skills = section.find(id="skills")
    first = skills.find("li")
    assert first.find("a")["href"].startswith("https://www.onetonline.org/find/descriptor/result/")
    meter = first.find("meter")
    assert (meter["min"], meter["max"]) == ("1", "5")
    assert 1 <= float(meter["value"]) <= 5
    values = [
        float(m["value"])
        for m in skills.find("h4", string="Skills").find_next("ul").find_all("meter")
    ]
    assert values == sorted(values, reverse=True)


def test_a_group_shows_its_largest_occupation_and_the_visitor_may_choose_another(client, seeded):
    section = work(client, SECRETARIES)
    assert "the largest occupation in this career by employment" in section.get_text()
    chosen = section.find("select", attrs={"name": "onet"}).find("option", selected=True)
    options = [o["value"] for o in section.find_all("option")]
    assert options == ["43-6014.00", "43-6013.00"]
    assert chosen["value"] == "43-6014.00"

    other = work(client, SECRETARIES + "?onet=43-6013.00")
    assert "Medical Secretaries" in other.find("strong").get_text()
    assert other.find("option", selected=True)["value"] == "43-6013.00"

    unknown = work(client, SECRETARIES + "?onet=%3Cscript%3E")
    assert "That occupation is not part of this career" in unknown.get_text()
    assert unknown.find("option", selected=True)["value"] == "43-6014.00"


def test_an_item_an_editor_hid_is_not_shown(client, seeded):
    title = OnetTitle.objects.get(
        occupation__code="29-2072.00", title="Certified Professional Coder (CPC)"
    )
    title.hidden = True
    title.save()
    assert "Certified Professional Coder (CPC)" not in work(client, FLAGSHIP).get_text()


def test_a_career_o_net_has_nothing_for_shows_no_section_and_no_credit(client, seeded):
    response = client.get("/careers/military-careers/")
    assert response.status_code == 200
    assert soup(response).find("section", id="work") is None
    assert "O*NET" not in response.content.decode()


def test_related_careers_are_the_sites_and_skip_the_similar_ones_already_listed(client, seeded):
    page = soup(client.get("/careers/medical-assistants/"))
    similar = {a["href"] for a in page.select("#similar a")}
    related = page.select("#related-careers a")
    assert all(a["href"].startswith("/careers/") for a in related)
    assert not similar & {a["href"] for a in related}


def test_the_query_count_does_not_grow_with_the_data(client, seeded):
    def count():
        client.get("/careers/dentists/")  # warm what is cached per process
        with CaptureQueriesContext(connection) as queries:
            client.get("/careers/dentists/")
        return len(queries)

    before = count()
    dentists = OnetOccupation.objects.get(code="29-1021.00")
    for _ in range(5):
        OnetTitleFactory(occupation=dentists, kind="reported")
        OnetTechnologyFactory(occupation=dentists, hot=True)
        OnetRatingFactory(occupation=dentists, kind="knowledge")
    OnetRelatedFactory(occupation=dentists, related=OnetOccupation.objects.get(code="29-2072.00"))
    assert count() == before


def test_the_careers_json_carries_the_work_with_its_credit(client, seeded):
    document = client.get("/careers/dentists.json").json()
    work = document["work"]
    assert work["onet_soc_code"] == "29-1021.00"
    assert work["source"]["version"] == "30.1"
    assert "USDOL/ETA" in work["source"]["credit"]
    assert work["skills"][0]["importance"] >= work["skills"][-1]["importance"]
    assert client.get("/careers/military-careers.json").json()["work"] is None


def test_a_guides_json_carries_the_work_of_its_occupation_with_its_credit(client, seeded):
    """A guide's .json is its content pack with the same O*NET data its page shows; a guide on
    one occupation inside a group (medical secretaries) has that occupation's."""
    flagship = client.get("/careers/medical-records-specialist.json").json()
    assert flagship["guide"]["slug"] == "medical-records-specialist"
    assert flagship["work"]["onet_soc_code"] == "29-2072.00"
    assert "Epic Systems" in [use["name"] for use in flagship["work"]["technology"]]
    assert "USDOL/ETA" in flagship["work"]["source"]["credit"]
    secretary = client.get("/careers/medical-secretary.json").json()
    assert secretary["work"]["onet_soc_code"].startswith("43-6013")


def test_the_json_ld_names_skills_titles_the_onet_code_and_the_dataset(client, seeded):
    import json

    for url in ("/careers/dentists/", FLAGSHIP):
        script = soup(client.get(url)).find("script", type="application/ld+json")
        occupation = json.loads(script.string)["@graph"][0]
        assert occupation["occupationalCategory"][-1]["inCodeSet"].startswith(
            "https://www.onetcenter.org/"
        )
        dataset = occupation["mainEntityOfPage"]["isBasedOn"]
        assert dataset["name"] == "O*NET 30.1 Database"
        assert "CC BY 4.0" in dataset["creditText"]
    assert "Certified Professional Coder (CPC)" in occupation["alternateName"]
