"""`?area=` on the matcher's results and on next steps, as on the finder and careers side by
side (test_area_pay_everywhere.py, whose helpers these tests share): the area's median for
every career listed, "not published here" where BLS has none, a code or a name, an area it
cannot find named with the nation's figures, and no more queries for another area or for more
careers."""

import pytest

from occupations.models import Occupation
from occupations.onet_models import OnetOccupation
from occupations.pay_models import AreaType
from tests.careers.test_area_pay_everywhere import (
    ABILENE,
    ALBANY,
    HOSTILE,
    NOT_HERE,
    UNKNOWN,
    assert_safe,
    in_area,
    median_text,
    pay_code,
    queries,
    text_of,
)
from tests.careers.test_match import career as career_with_interests
from tests.conftest import soup
from tests.factories import AreaPayFactory, OnetSimilarFactory, PayReleaseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]


@pytest.fixture(autouse=True)
def steady_content_version(monkeypatch):
    """Query counts compare like with like: the content version is not read again because a
    slow machine took more than a second between two requests (only after a save)."""
    monkeypatch.setattr("core.content_version.VERSION_TTL", 3600.0)


def paid_in_abilene(profile, median: int) -> None:
    """The profile's own code, with a national median and one in Abilene."""
    code = profile.codes.get().soc_code
    profile.pay_code = code
    profile.save()
    release = PayReleaseFactory()  # the seeded May 2025, by its code
    AreaPayFactory(release=release, soc_code=code, annual_median=median + 5_000)
    AreaPayFactory(
        release=release,
        soc_code=code,
        area_type=AreaType.METRO,
        area_code=ABILENE,
        area_name="Abilene, TX",
        postal="TX",
        states="TX",
        annual_median=median,
    )


# The matcher's results -----------------------------------------------------------------------


MATCH = "/careers/match/"
SCORES = {"r": 10, "i": 40, "a": 0, "s": 60, "e": 30, "c": 100}


def matched(client, **extra):
    response = client.get(MATCH, {**SCORES, **extra})
    return response, soup(response)


def area_cells(page) -> dict[str, str]:
    """{a listed career's title: what its "Median pay, <area>" line says}."""
    return {
        text_of(item.find("h3").a): text_of(item.find("dd", class_="area-pay"))
        for item in page.select(".match-results > li")
        if item.find("dd", class_="area-pay")
    }


def by_title(title: str) -> str:
    return Occupation.objects.get(title__iexact=title).pay_code


@pytest.mark.parametrize("typed", [ABILENE, "abilene"])
def test_the_matchers_results_show_the_areas_median(client, typed):
    response, page = matched(client, area=typed, state="Texas")

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    abilene = in_area()
    shown = area_cells(page)
    assert len(shown) == len(page.select(".match-results > li")) > 2
    for title, text in shown.items():
        assert text == median_text(abilene.get(by_title(title)), " a year"), title
    assert shown["Medical records specialists"] == "$48,390 a year"
    assert NOT_HERE in shown.values()
    labels = [text_of(dt) for dt in page.select(".match-results dt")]
    assert "Median pay, Abilene, TX (OEWS May 2025)" in labels
    assert "; Texas:" not in text_of(page.select_one(".match-results"))  # the area wins
    assert "instead of Texas’s" in text_of(page.find(id="area-note"))
    box = page.find("input", attrs={"name": "area"})
    assert (box["type"], box["maxlength"], box["value"]) == ("search", "80", "Abilene, TX")
    assert box.find_parent("form").find("input", attrs={"name": "c", "type": "hidden"})


def test_an_area_the_matcher_cannot_find_is_named_with_the_nations_figures(client):
    response, page = matched(client, area="Atlantis")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    alert = page.find(id="match-area-error")
    assert alert["role"] == "alert"
    assert UNKNOWN in text_of(alert)
    assert page.select(".match-results > li")  # the results, with the nation's figures
    assert area_cells(page) == {}
    assert "$51,140 a year" in text_of(page.select_one(".match-results"))


@pytest.mark.parametrize("typed", HOSTILE, ids=["script", "long", "nul", "nul-and-tag"])
def test_a_hostile_area_is_said_back_safely_by_the_matcher(client, typed):
    response, _page = matched(client, area=typed)

    assert_safe(response)


def test_the_matcher_takes_the_same_queries_in_any_area_and_for_more_careers(client):
    client.get(MATCH, {**SCORES, "area": ABILENE})

    counts = [queries(client, MATCH, {**SCORES, "area": code}) for code in (ABILENE, ALBANY)]
    listed = len(matched(client, area=ABILENE)[1].select(".match-results > li"))
    for number in range(10):
        profile = career_with_interests(
            f"Tally keepers {number}", f"43-{7000 + number}", (2, 3, 1, 4, 3, 7), high_points="C"
        )
        paid_in_abilene(profile, 40_000 + number)
    # The new careers change the content version: the first page after reads the areas again.
    _response, page = matched(client, area=ABILENE)
    counts.append(queries(client, MATCH, {**SCORES, "area": ABILENE}))

    assert len(page.select(".match-results > li")) == listed + 10
    assert area_cells(page)["Tally keepers 3"] == "$40,003 a year"
    assert counts[0] == counts[1] == counts[2]


# Next steps ---------------------------------------------------------------------------------


STEPS_FROM = "medical-assistants"
STEPS_URL = f"/careers/{STEPS_FROM}/next/"


def steps(client, **query):
    response = client.get(STEPS_URL, query)
    return response, soup(response)


def step_cells(page) -> dict[str, str]:
    """{a next step's title: what its "Median pay, <area>" line says}."""
    return {
        text_of(item.find("h3").a): text_of(item.find("dd", class_="area-pay"))
        for item in page.select("main li.card")
        if item.find("dd", class_="area-pay")
    }


@pytest.mark.parametrize("typed", [ABILENE, "abilene"])
def test_next_steps_show_the_areas_median_and_the_change_there(client, typed):
    response, page = steps(client, area=typed)

    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    abilene = in_area()
    own = abilene[pay_code(STEPS_FROM)].annual_median
    shown = step_cells(page)
    assert len(shown) == len(page.select("main li.card")) > 2
    for title, text in shown.items():
        row = abilene.get(by_title(title))
        assert text.startswith(median_text(row, " a year")), title
        if row is not None:
            change = row.annual_median - own
            assert f"{'+' if change >= 0 else '−'}${abs(change):,.0f} on" in text, title
        assert text.endswith("(OEWS May 2025)")
    assert shown["Medical records specialists"].startswith("$48,390 a year (+$10,840 on")
    assert NOT_HERE in " ".join(shown.values())
    assert f"${own:,.0f} a year" in text_of(page.find(id="area-note"))
    box = page.find("input", attrs={"name": "area"})
    assert (box["type"], box["maxlength"], box["value"]) == ("search", "80", "Abilene, TX")


def test_an_area_takes_the_states_place_in_next_steps_and_says_so(client):
    _response, page = steps(client, area=ABILENE, state="Texas")

    assert step_cells(page)
    assert " in Texas" not in text_of(page.find("main"))  # no state change beside the area's
    assert "instead of Texas’s" in text_of(page.find(id="area-note"))


def test_an_area_next_steps_cannot_find_is_named_with_the_nations_figures(client):
    response, page = steps(client, area="Atlantis")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    alert = page.find(id="steps-area-error")
    assert alert["role"] == "alert"
    assert UNKNOWN in text_of(alert)
    assert step_cells(page) == {}
    assert "a year at the national median" in text_of(page.find("main"))


@pytest.mark.parametrize("typed", HOSTILE, ids=["script", "long", "nul", "nul-and-tag"])
def test_a_hostile_area_is_said_back_safely_by_next_steps(client, typed):
    response, _page = steps(client, area=typed)

    assert_safe(response)


def test_next_steps_take_the_same_queries_in_any_area_and_for_more_steps(client):
    client.get(STEPS_URL, {"area": ABILENE})

    counts = [queries(client, STEPS_URL, {"area": code}) for code in (ABILENE, ALBANY)]
    listed = len(step_cells(steps(client, area=ABILENE)[1]))
    own = OnetOccupation.objects.get(code=f"{pay_code(STEPS_FROM)}.00")
    for number in range(4):
        profile = career_with_interests(
            f"Ward clerks {number}", f"43-{7100 + number}", (2, 3, 1, 4, 3, 7), high_points="C"
        )
        paid_in_abilene(profile, 40_000 + number)
        OnetSimilarFactory(occupation=own, other=profile_onet(profile), score=0.5)
    # The new careers change the content version: the first page after reads the areas again.
    shown = step_cells(steps(client, area=ABILENE)[1])
    counts.append(queries(client, STEPS_URL, {"area": ABILENE}))

    assert len(shown) == listed + 4
    assert shown["Ward clerks 1"].startswith("$40,001 a year (+$2,451 on")
    assert counts[0] == counts[1] == counts[2]


def profile_onet(profile) -> OnetOccupation:
    return OnetOccupation.objects.get(code=f"{profile.pay_code}.00")
