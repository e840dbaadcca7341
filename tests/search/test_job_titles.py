"""Search knows what people type: a profile is found by the names employers use for its work
and by the products people in it use (O*NET's, from the seeded sample), ranked so the career
whose own title matches still wins, on SQLite's fallback and on PostgreSQL alike."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from occupations.onet_models import OnetTitle
from search.backends import search

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
