"""Search on a Spanish page: Spanish words find the careers, with or without their accents,
in either gender or number, on PostgreSQL (its Spanish configuration behind unaccent) and on
SQLite (the fallback's own folding). Runs on whichever database the suite uses."""

import re

import pytest

from search.spanish import accent_free, fold, stem
from tests.conftest import soup

pytestmark = pytest.mark.django_db


def first_titles(client, query: str, count: int = 3) -> list[str]:
    page = soup(client.get("/es/search/", {"q": query}))
    return [h.get_text(" ", strip=True) for h in page.select(".search-result h2")][:count]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("especialista en registros médicos", "registros médicos"),
        ("registros médicos", "registros médicos"),
        ("registros medicos", "registros médicos"),  # typed without accents
        ("REGISTROS MÉDICOS", "registros médicos"),
        ("asistente médico", "Asistente"),
        ("asistente medica", "Asistente"),  # the feminine
        ("secretaria médica", "Secretario"),
    ],
)
def test_a_spanish_query_finds_the_career_first(client, seeded, query, first):
    titles = first_titles(client, query)
    assert titles, query
    assert first in titles[0], (query, titles)


def test_the_page_answers_in_spanish_and_an_english_query_still_finds_the_guide(client, seeded):
    page = soup(client.get("/es/search/", {"q": "medical coder"}))
    assert page.html["lang"] == "es"
    titles = [h.get_text(" ", strip=True) for h in page.select(".search-result h2")]
    assert titles
    assert "Especialista en registros médicos" in titles[0]


def test_english_pages_search_the_english(client, seeded):
    english = [
        h.get_text(" ", strip=True)
        for h in soup(client.get("/search/", {"q": "medical records"})).select(".search-result h2")
    ]
    assert english
    assert "medical records" in english[0].lower()
    assert not any("registros" in title for title in english)


def test_spanish_words_are_folded_and_stemmed_for_the_fallback():
    assert fold("Médicos Niño") == "medicos nino"
    assert stem("enfermeras") == stem("enfermero") == "enfermer"
    assert stem("médicos") == "medic"
    pattern = accent_free("medic")
    assert re.match(pattern, "médico")
    assert re.match(pattern, "medico")
