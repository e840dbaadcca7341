"""Every public page answers in Spanish under /es/ with no English interface text left: each
page is read as a visitor sees it (and hears it: labels, captions, alternative text) and
searched for every English string of the catalogue that Spanish says differently. English
that is data (a job title employers use, a product, a source's own name) is not in the
catalogue, so it may stay."""

import re

import polib
import pytest
from bs4 import BeautifulSoup
from django.test import Client

from tests.languages.spanish_pages import GUIDE, SPANISH_PAGES
from tests.languages.test_catalogue import CATALOGUE
from tests.plans.test_plans import plan_form_data

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|<[^>]+>")
# Names that pages show as their owners write them (a guide's sources, a citation), though a
# sentence of the catalogue names them in Spanish.
NAMES = {"BLS Occupational Outlook Handbook"}
SPOKEN = ("aria-label", "title", "alt", "placeholder")


def english_strings() -> list[str]:
    """The catalogue's English, in pieces a page shows whole (split at placeholders and
    markup), of three words or more, that the Spanish does not keep."""
    pieces = set()
    for entry in polib.pofile(str(CATALOGUE)):
        spanish = " ".join([entry.msgstr, *entry.msgstr_plural.values()])
        for piece in PLACEHOLDER.split(entry.msgid):
            piece = " ".join(piece.split()).strip(" .,:;()")
            # A name the Spanish keeps too (a source's, a product's) is not English left.
            if len(piece.split()) >= 3 and piece not in spanish and piece not in NAMES:
                pieces.add(piece)
    return sorted(pieces, key=len, reverse=True)


def seen_and_heard(html: str) -> str:
    page = BeautifulSoup(html, "html.parser")
    for hidden in page(["script", "style"]):
        hidden.decompose()
    spoken = [tag[name] for name in SPOKEN for tag in page.find_all(attrs={name: True})]
    return " ".join([" ".join(page.get_text(" ").split()), *spoken])


@pytest.fixture(scope="module")
def english():
    return english_strings()


def english_left(text: str, english) -> list[str]:
    return [piece for piece in english if piece in text]


@pytest.mark.parametrize("name", SPANISH_PAGES)
def test_a_spanish_page_has_no_english_interface_text(seeded, english, name):
    response = Client().get(SPANISH_PAGES[name])
    assert response.status_code in (200, 400, 404), name
    assert english_left(seen_and_heard(response.content.decode()), english) == []


def test_pages_in_a_visitors_states_have_no_english_either(seeded, english):
    planner = Client()
    planner.post("/es/plan/start/medical-records-specialist/")
    pages = {
        "plan": planner.get("/es/plan/"),
        "plan, a month refused": planner.post(
            "/es/plan/", plan_form_data(planner, item0={"target": "2020-01"})
        ),
        "printable plan": planner.get("/es/plan/print/"),
        "question with errors": Client().post(
            f"{GUIDE}ask/", {"question": "¿Por qué?", "email": "no-es-un-correo", "website": ""}
        ),
        "feedback with errors": Client().post("/es/feedback/", {"path": GUIDE}),
    }
    left = {
        name: found
        for name, response in pages.items()
        if (found := english_left(seen_and_heard(response.content.decode()), english))
    }
    assert left == {}


def test_the_check_finds_english_when_it_is_there(english):
    """The crawl can fail: an English page is full of the catalogue's strings."""
    assert english
    assert english[0] in english_left(f"x {english[0]} y", english)
