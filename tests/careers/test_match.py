"""/careers/match/: which careers fit me. The questionnaire (the interests app's activities, as
the migration ships them), its answers turned into six scores in the address, and the careers
ranked by how closely their O*NET interest profile matches; public pages, hostile addresses."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers import matching
from core.interest_areas import InterestArea as Area
from interests.models import InterestItem
from tests.conftest import soup
from tests.factories import AreaPayFactory, OccupationCodeFactory, OnetOccupationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("questionnaire")]

MATCH = "/careers/match/"
ANSWERS = "/careers/match/answers/"
ARTISTIC = {"r": 10, "i": 20, "a": 100, "s": 30, "e": 20, "c": 0}
ORDERLY = {"r": 10, "i": 40, "a": 0, "s": 20, "e": 30, "c": 100}


def career(title, code, interests, *, high_points, zone=3, jobs=10_000, **profile):
    """A published profile with one code, and O*NET's interests for it (R I A S E C, 1–7)."""
    line = OccupationCodeFactory(
        occupation__title=title, soc_code=code, jobs=jobs, occupation__jobs=jobs, **profile
    )
    scores = dict(zip("RIASEC", (str(score) for score in interests), strict=True))
    OnetOccupationFactory(
        code=f"{code}.00", interests=scores, high_points=high_points, job_zone=zone
    )
    return line.occupation


@pytest.fixture
def careers():
    return {
        "designers": career("Graphic designers", "27-1024", (2, 2, 7, 3, 4, 2), high_points="AE"),
        "artists": career("Craft artists", "27-1012", (4, 1, 7, 1, 3, 1), high_points="AR", zone=2),
        "clerks": career("File clerks", "43-4071", (2, 1, 1, 2, 2, 7), high_points="C", zone=2),
        "actuaries": career("Actuaries", "15-2011", (1, 6, 1, 1, 4, 6), high_points="CI", zone=5),
        "carpenters": career("Carpenters", "47-2031", (7, 2, 2, 1, 3, 3), high_points="RC"),
    }


def results(client, scores, **extra):
    response = client.get(MATCH, {**scores, **extra})
    return response, soup(response)


def titles(page) -> list[str]:
    return [h.find("a").get_text() for h in page.select(".match-results h3")]


# The questionnaire ----------------------------------------------------------------------------


def test_the_questionnaire_asks_every_published_activity_on_a_five_point_scale(client):
    response = client.get(MATCH)
    assert response.status_code == 200
    page = soup(response)
    fieldsets = page.select("form.match-questionnaire fieldset")
    published = list(InterestItem.objects.published())
    assert len(fieldsets) == len(published) == 48
    for area in Area.values:  # eight of each, as shipped
        assert sum(item.area == area for item in published) == 8
    first = fieldsets[0]
    assert published[0].text in first.find("legend").get_text()
    radios = first.select("input[type=radio]")
    assert [r["value"] for r in radios] == ["0", "1", "2", "3", "4"]
    assert all(first.find("label", attrs={"for": r["id"]}) for r in radios)
    assert page.find("form", class_="match-questionnaire")["method"] == "get"
    assert "not a validated test" in page.get_text()
    assert "public" in response["Cache-Control"]  # the page cache and a CDN may keep it
    assert not response.cookies


def test_a_draft_activity_is_not_asked(client):
    InterestItem.objects.create(text="Herd goats on a hillside", area="R", status="draft")
    assert "Herd goats" not in client.get(MATCH).content.decode()


def answers_where(like: str) -> dict[str, str]:
    """Every activity answered: "like a lot" for the area `like`, "dislike a lot" otherwise."""
    return {
        f"q{item.pk}": "4" if item.area == like else "0"
        for item in InterestItem.objects.published()
    }


def test_answers_become_six_scores_in_a_shareable_address(client):
    response = client.get(ANSWERS, answers_where("A"))
    assert response.status_code == 302
    address = urlsplit(response["Location"])
    assert address.path == MATCH
    assert parse_qs(address.query) == {
        "r": ["0"], "i": ["0"], "a": ["100"], "s": ["0"], "e": ["0"], "c": ["0"]
    }  # fmt: skip


def test_too_few_answers_in_an_area_keeps_every_answer_and_says_what_is_missing(client):
    answers = answers_where("C")
    social = [item for item in InterestItem.objects.published() if item.area == "S"]
    for item in social[:6]:  # two of eight left: under half
        del answers[f"q{item.pk}"]
    response = client.get(ANSWERS, answers)
    assert response.status_code == 200
    page = soup(response)
    assert "Social: answer at least half" in page.find(id="match-errors").get_text()
    kept = page.find("input", attrs={"name": f"q{social[7].pk}", "checked": True})
    assert kept["value"] == "0"
    needed = page.find("fieldset", id=f"item-{social[0].pk}")
    assert "answer needed" in needed.get_text()
    assert "private" in response["Cache-Control"]


def test_an_answer_that_is_not_a_choice_is_named(client):
    answers = answers_where("C")
    item = InterestItem.objects.published().first()
    answers[f"q{item.pk}"] = "9"
    page = soup(client.get(ANSWERS, answers))
    assert f"“{item.text}”: the answer is not one of the choices." in page.get_text()


def test_scores_are_each_areas_mean_as_a_share_of_the_top():
    items = [InterestItem(pk=n, area=area) for n, area in enumerate("RRAACC")]
    scores, short = matching.scores_from_answers(items, {0: 4, 1: 2, 2: 0, 4: 1, 5: 1})
    assert scores == {"R": 75, "I": 0, "A": 0, "S": 0, "E": 0, "C": 25}
    assert short == []
    assert matching.scores_from_answers(items, {0: 4})[1] == ["A", "C"]


# The results -----------------------------------------------------------------------------------


def test_an_artistic_visitor_sees_design_and_art_first_and_why(client, careers):
    response, page = results(client, ARTISTIC)
    assert response.status_code == 200
    assert set(titles(page)[:2]) == {"Craft artists", "Graphic designers"}
    first = page.select_one(".match-results li")
    assert "Strong in Artistic, like you" in first.get_text()  # their strongest, and yours
    assert "Artistic" in page.find(id="profile-heading").find_parent("section").get_text()


def test_a_visitor_who_likes_orderly_detailed_work_sees_clerical_and_records_work_first(
    client, careers
):
    _response, page = results(client, ORDERLY)
    assert titles(page)[:2] == ["File clerks", "Actuaries"]
    assert "Both Conventional and Investigative" in page.select(".match-results li")[1].get_text()


def test_results_show_pay_education_outlook_and_lead_to_the_career_and_a_comparison(
    client, careers
):
    for profile in careers.values():
        profile.pay_code = profile.codes.get().soc_code
        profile.save()
        AreaPayFactory(soc_code=profile.pay_code, annual_median=51_230 + profile.pk)
    _response, page = results(client, ARTISTIC)
    first = page.select_one(".match-results li")
    shown = next(c for c in careers.values() if c.title == first.find("h3").find("a").get_text())
    assert f"${51_230 + shown.pk:,} a year" in first.get_text()
    assert first.find("h3").find("a")["href"] == shown.get_absolute_url()
    text = first.get_text(" ", strip=True)
    assert "Typical entry education" in text
    assert "Outlook, 2024–34" in text
    assert first.find("a", href=f"/careers/compare/?c={shown.slug}")
    assert "O*NET" in page.find(class_="onet-credit").get_text()


def test_preparation_and_field_narrow_the_list(client, careers):
    _response, page = results(client, ORDERLY, zone="2")
    assert "Actuaries" not in titles(page)  # job zone 5
    assert "File clerks" in titles(page)
    field = careers["clerks"].field
    _response, page = results(client, ORDERLY, field=field.slug)
    assert titles(page) == ["File clerks"]


def test_the_results_are_paginated_and_each_page_keeps_the_scores(client, careers):
    for number in range(25):
        career(
            f"Extra artists {number}", f"27-{3000 + number}", (1, 1, 6, 2, 2, 1), high_points="A"
        )
    _response, page = results(client, ARTISTIC)
    assert len(titles(page)) == 20
    next_link = page.find("a", rel="next")["href"]
    assert "a=100" in next_link
    assert "page=2" in next_link
    second = soup(client.get(MATCH + next_link))
    assert len(titles(second)) == 30 - 20


def test_the_results_page_is_public_and_sets_no_cookie(client, careers):
    response, _page = results(client, ARTISTIC)
    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_the_query_count_does_not_grow_with_the_number_of_careers(client, careers):
    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(MATCH, ARTISTIC)
        return len(queries)

    before = count()
    for number in range(10):
        career(f"More careers {number}", f"29-{4000 + number}", (3, 3, 3, 3, 3, 5), high_points="C")
    assert count() == before


def test_six_equal_scores_are_told_there_is_nothing_to_match_on(client, careers):
    response, page = results(client, dict.fromkeys("riasec", 50))
    assert response.status_code == 200
    assert "all the same" in page.get_text()
    assert titles(page) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({**ARTISTIC, "c": "lots"}, "The Conventional score is not a whole number"),
        ({**ARTISTIC, "a": "101"}, "The Artistic score is above 100"),
        ({**ARTISTIC, "r": "-3"}, "The Realistic score is below 0"),
        ({"r": "40"}, "The Investigative score is missing"),
        ({**ARTISTIC, "zone": "9"}, "Choose one of the amounts of preparation listed"),
        ({**ARTISTIC, "field": "wizardry"}, "There is no field of that name"),
        ({**ARTISTIC, "state": "Atlantis"}, "We have no pay figures for that state"),
    ],
    ids=["not-a-number", "too-high", "negative", "missing", "zone", "field", "state"],
)
def test_a_hostile_address_gets_a_clear_message(client, careers, query, message):
    response = client.get(MATCH, query)
    assert response.status_code == 400
    assert message in soup(response).find(id="match-errors").get_text()


def test_a_page_that_is_not_a_number_shows_the_first(client, careers):
    response, page = results(client, ARTISTIC, page="zzz")
    assert response.status_code == 200
    assert titles(page) == titles(results(client, ARTISTIC)[1])


def test_the_matcher_is_linked_from_home_the_careers_list_and_a_careers_interests(client, seeded):
    for url in ("/", "/careers/", "/careers/dentists/"):
        page = soup(client.get(url))
        assert page.find("a", href=MATCH), url
