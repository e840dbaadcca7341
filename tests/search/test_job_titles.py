"""Search knows what people type: a profile is found by the names employers use for its work
and by the products people in it use (O*NET's, from the seeded sample), ranked so the career
whose own title matches still wins, on SQLite's fallback and on PostgreSQL alike."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from occupations.onet_models import OnetTitle
from search.backends import search
from tests.factories import OccupationCodeFactory, OnetOccupationFactory, OnetTechnologyFactory

pytestmark = pytest.mark.django_db


def titles(results) -> list[str]:
    return [re.sub(r"<[^>]+>", "", str(result.title)) for result in results]


def test_a_title_employers_use_finds_the_career_and_says_why(seeded):
    results = search("doctor of dental medicine")
    assert titles(results)[0].lower() == "dentists"
    # The shortest of the titles that match is named.
    assert "Also called <mark>Dental Medicine Doctor (DMD)</mark>." in str(results[0].snippet)


def test_a_short_title_finds_the_career(seeded):
    results = search("DMD")
    assert titles(results)[0].lower() == "dentists"


def test_a_product_people_use_finds_the_career(seeded):
    results = search("AlphaDent")
    assert titles(results) == ["Dentists"]
    assert "Uses <mark>AlphaDent</mark>." in str(results[0].snippet)


def test_the_career_whose_own_title_matches_comes_first(seeded):
    # "Administrative Assistant" is a title of secretaries; the career named so still wins.
    results = search("secretaries")
    assert titles(results)[0].lower() == "secretaries and administrative assistants"


def test_a_hidden_title_no_longer_finds_the_career(seeded):
    assert "Dentists" in titles(search("DMD"))
    OnetTitle.objects.filter(title__contains="(DMD)").update(hidden=True)
    assert "Dentists" not in titles(search("DMD"))


def test_the_query_count_does_not_grow_with_the_matches(seeded):
    def count(query):
        with CaptureQueriesContext(connection) as queries:
            search(query)
        return len(queries)

    assert count("dentist") == count("AlphaDent") == count("actuary")


def career_using(title: str, code: str, product: str, *, hot=False, more_of_its_kind=0):
    """A published profile with one SOC code whose O*NET occupation lists `product` (and
    `more_of_its_kind` other products of the same kind)."""
    OccupationCodeFactory(occupation__title=title, soc_code=code)
    onet = OnetOccupationFactory(code=f"{code}.00")
    OnetTechnologyFactory(occupation=onet, technology__name=product, hot=hot)
    for number in range(more_of_its_kind):
        OnetTechnologyFactory(occupation=onet, technology__name=f"{title} tool {number}")


def test_one_word_of_a_product_in_a_careers_title_does_not_put_it_first(db):
    """The product "Epic Systems": Computer systems analysts, who use it too, do not come
    before a career that uses it more just because "systems" is in their title."""
    career_using("Computer systems analysts", "15-9211", "Acme Systems")
    career_using("Clinic clerks", "43-9601", "Acme Systems", hot=True)
    assert titles(search("Acme Systems"))[:2] == ["Clinic clerks", "Computer systems analysts"]


def test_among_careers_sharing_a_product_those_whose_tools_are_of_its_kind_come_first(db):
    career_using("Archivists of code", "25-9401", "Acme Code")
    career_using("Builders of code", "15-9252", "Acme Code", more_of_its_kind=6)
    assert titles(search("Acme Code"))[:2] == ["Builders of code", "Archivists of code"]
