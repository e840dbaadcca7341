"""Where my experience can take me: /careers/<slug>/next/ and the section on each career page.
The closest occupations come from `build_next_steps` (occupations/onet_similarity.py); here
they are made directly (OnetSimilarFactory) where a test needs exact ones."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from occupations.onet_models import OnetSimilar
from occupations.onet_similarity import closest
from tests.conftest import soup
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    FieldFactory,
    OccupationCodeFactory,
    OnetOccupationFactory,
    OnetRatingFactory,
    OnetSimilarFactory,
    PayReleaseFactory,
)

pytestmark = pytest.mark.django_db


def career(title, code, median, field, zone=3):
    """A published profile with one code, its national median, and its O*NET occupation."""
    line = OccupationCodeFactory(occupation__title=title, occupation__field=field, soc_code=code)
    profile = line.occupation
    profile.pay_code = code
    profile.save()
    AreaPayFactory(release=PayReleaseFactory(code="2025A01", name="May 2025"), soc_code=code,
                   annual_median=median)  # fmt: skip
    return profile, OnetOccupationFactory(code=f"{code}.00", job_zone=zone)


@pytest.fixture
def family():
    health, office = FieldFactory(slug="health"), FieldFactory(slug="office")
    clerks, clerks_onet = career("Records clerks", "43-9901", 40_000, office)
    coders, coders_onet = career("Coders", "29-9902", 50_000, health)
    techs, techs_onet = career("Records techs", "29-9903", 60_000, health, zone=4)
    aides, aides_onet = career("Ward aides", "29-9904", 45_000, health, zone=2)
    for other, score in ((techs_onet, 0.9), (aides_onet, 0.7), (clerks_onet, 0.8)):
        OnetSimilarFactory(occupation=coders_onet, other=other, score=score)
    OnetRatingFactory(occupation=coders_onet, element_id="2.C.1", name="Law", importance=2)
    OnetRatingFactory(occupation=techs_onet, element_id="2.C.1", name="Law", importance=4)
    OnetRatingFactory(occupation=techs_onet, element_id="2.C.2", name="Biology", importance=3.5)
    return {"coders": coders, "techs": techs, "aides": aides, "clerks": clerks}


def steps_page(client, profile, **query):
    response = client.get(f"{profile.get_absolute_url()}next/", query)
    return response, soup(response)


def group(page, kind) -> list[str]:
    return [
        a.get_text() for a in page.find(id=f"kind-{kind}").find_parent("section").select("h3 a")
    ]


def test_moves_are_told_apart_as_up_sideways_and_a_new_start(client, family):
    response, page = steps_page(client, family["coders"])
    assert response.status_code == 200
    assert group(page, "up") == ["Records techs"]  # same field, 20% more
    assert group(page, "sideways") == ["Ward aides"]  # same field, less
    assert group(page, "new") == ["Records clerks"]  # another field
    techs = page.find(id="kind-up").find_parent("section").find("li")
    text = " ".join(techs.get_text(" ").split())
    assert "90% carries over" in text
    assert "+$10,000 a year at the national median" in text
    assert "O*NET job zone 4 of 5" in text


def test_what_is_new_to_learn_is_what_matters_more_there(client, family):
    _response, page = steps_page(client, family["coders"])
    techs = page.find(id="kind-up").find_parent("section").find("li").get_text(" ")
    assert "Law (4.0 of 5 there, 2.0 here)" in " ".join(techs.split())
    assert "Biology (3.5 of 5 there)" in " ".join(techs.split())


def test_a_state_shows_its_pay_change_and_a_bad_one_is_named(client, family):
    for profile, median in ((family["coders"], 48_000), (family["techs"], 51_000)):
        AreaPayFactory(
            release=PayReleaseFactory(code="2025A01", name="May 2025"),
            soc_code=profile.pay_code, area_type="state", area_name="Ohio", area_code="39",
            postal="OH", annual_median=median,
        )  # fmt: skip
    _response, page = steps_page(client, family["coders"], state="Ohio")
    assert "+$3,000 in Ohio" in " ".join(page.get_text(" ").split())
    response, page = steps_page(client, family["coders"], state="Atlantis")
    assert response.status_code == 400
    assert "We have no pay figures for that state" in page.find(id="state-error").get_text()


def test_the_career_page_shows_the_three_closest_and_links_the_page(client, family):
    page = soup(client.get(family["coders"].get_absolute_url()))
    section = page.find("section", id="next-steps")
    assert [a.get_text() for a in section.select("li a")] == [
        "Records techs", "Records clerks", "Ward aides"
    ]  # fmt: skip
    assert section.find("a", href=f"{family['coders'].get_absolute_url()}next/")
    assert page.select_one('nav.toc a[href="#next-steps"]')


def test_a_career_without_onet_data_has_no_next_steps(client):
    profile = OccupationCodeFactory().occupation
    assert client.get(f"{profile.get_absolute_url()}next/").status_code == 404
    assert soup(client.get(profile.get_absolute_url())).find(id="next-steps") is None


def test_the_page_is_public_and_its_queries_do_not_grow(client, family):
    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{family['coders'].get_absolute_url()}next/")
        assert "public" in response["Cache-Control"]
        return len(queries)

    before = count()
    coders_onet = OnetSimilar.objects.first().occupation
    for number in range(4):
        _profile, onet = career(f"More {number}", f"29-98{number}0", 52_000, FieldFactory())
        OnetSimilarFactory(occupation=coders_onet, other=onet, score=0.5)
    assert count() == before


def test_the_editors_moves_come_first_and_the_computed_leave_them_out(client, seeded):
    _response, page = steps_page_for_guide(client, "medical-records-specialist")
    moves = page.find(id="moves-heading").find_parent("section")
    editor_targets = [a.get_text() for a in moves.select("li > a")]
    assert editor_targets
    computed = [a.get_text() for a in page.select("section h3 a")]
    assert not set(editor_targets) & set(computed)


def steps_page_for_guide(client, slug):
    response = client.get(f"/careers/{slug}/next/")
    assert response.status_code == 200
    return response, soup(response)


def test_similarity_reads_ratings_tools_and_onets_tiers():
    ratings = {
        "a": {"x": 5, "y": 1, "z": 3},
        "b": {"x": 5, "y": 1, "z": 3},  # a's twin
        "c": {"x": 1, "y": 5, "z": 3},  # a's opposite
    }
    kinds = {"a": {"k1"}, "b": {"k1"}, "c": {"k2"}}
    found = closest(ratings, kinds, {"c": {"a": "Primary-Short"}})
    (first, twin), (second, opposite) = found["a"]
    assert (first, second) == ("b", "c")
    assert twin == 0.85  # ratings alike (0.65) and tools the same (0.2), no tier
    assert opposite == 0.15  # ratings opposite, no tools shared, O*NET's Primary-Short tier


def test_build_next_steps_keeps_each_occupations_closest(seeded):
    OnetSimilar.objects.all().delete()
    out = io.StringIO()
    call_command("build_next_steps", stdout=out)
    assert "closest occupations for" in out.getvalue()
    assert OnetSimilar.objects.exists()
    assert all(0 <= row.score <= 1 for row in OnetSimilar.objects.all())


def test_a_career_a_guide_covers_is_linked_at_its_guide(client, family):
    guide = CareerGuideFactory(occupation=family["techs"], slug="records-tech-guide")
    section = soup(client.get(family["coders"].get_absolute_url())).find(id="next-steps")
    assert section.find("a", string="Records techs")["href"] == guide.get_absolute_url()
    _response, page = steps_page(client, family["coders"])
    assert page.find("h3").find("a")["href"] == guide.get_absolute_url()
    guide.status = "draft"
    guide.save()
    section = soup(client.get(family["coders"].get_absolute_url())).find(id="next-steps")
    assert section.find("a", string="Records techs")["href"] == family["techs"].get_absolute_url()


def test_a_second_build_replaces_the_first(seeded):
    before = OnetSimilar.objects.count()
    call_command("build_next_steps", stdout=io.StringIO())
    assert OnetSimilar.objects.count() == before > 0
