"""English where the site always was, Spanish under /es/: the language comes from the address
alone, each page links its other language, search engines are told both, and every cache
keeps one copy per language."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.page_parts import parts_key
from tests.conftest import soup

pytestmark = pytest.mark.django_db

GUIDE = "/careers/medical-records-specialist/"
SPANISH_GUIDE = "/es" + GUIDE


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def test_english_stays_where_it_was_and_spanish_lives_under_es(client, seeded):
    english = client.get(GUIDE)
    spanish = client.get(SPANISH_GUIDE)
    assert english.status_code == spanish.status_code == 200
    assert soup(english).html["lang"] == "en"
    assert soup(spanish).html["lang"] == "es"
    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"
    # The Spanish page is written in Spanish: its heading is the guide's Spanish title.
    assert soup(spanish).h1.get_text(" ", strip=True).startswith("Especialista en registros")


def test_the_browsers_language_never_changes_a_page(client, seeded):
    """No Accept-Language negotiation: the same address is the same page for everyone, and
    nothing tells a CDN to keep a copy per browser language."""
    plain = client.get(GUIDE)
    asking_spanish = client.get(GUIDE, HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9")
    assert soup(asking_spanish).html["lang"] == "en"
    assert "accept-language" not in plain.get("Vary", "").lower()
    assert "accept-language" not in asking_spanish.get("Vary", "").lower()
    assert client.get("/es/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    assert soup(client.get("/es/", HTTP_ACCEPT_LANGUAGE="en")).html["lang"] == "es"


@pytest.mark.parametrize(
    ("here", "there", "name"),
    [
        (GUIDE, SPANISH_GUIDE, "Español"),
        (SPANISH_GUIDE, GUIDE, "English"),
        ("/careers/?field=healthcare&sort=-median", "/es/careers/", "Español"),
        ("/es/certifications/cpc/", "/certifications/cpc/", "English"),
        ("/", "/es/", "Español"),
    ],
)
def test_every_page_links_the_same_page_in_the_other_language(client, seeded, here, there, name):
    page = soup(client.get(here))
    switch = page.select_one("a.site-language")
    assert switch.get_text(strip=True) == name
    assert switch["href"] == f"http://testserver{there}"
    assert switch["lang"] == switch["hreflang"] == ("es" if name == "Español" else "en")


def test_the_switch_never_carries_what_a_visitor_typed(client, seeded):
    """A public page is the same for everyone: the other language's address is the page's own
    path, never its query (an ignored parameter, a search)."""
    page = soup(client.get("/careers/actuaries/", {"state": "Zqxwv"}))
    assert page.select_one("a.site-language")["href"] == "http://testserver/es/careers/actuaries/"
    assert "Zqxwv" not in str(page.select('link[rel="alternate"]'))


def test_both_versions_name_each_other_for_search_engines(client, seeded):
    for url in (GUIDE, SPANISH_GUIDE):
        links = {
            link["hreflang"]: link["href"]
            for link in soup(client.get(url)).select('link[rel="alternate"][hreflang]')
        }
        assert links == {
            "en": f"http://testserver{GUIDE}",
            "es": f"http://testserver{SPANISH_GUIDE}",
            "x-default": f"http://testserver{GUIDE}",
        }


def test_admin_has_one_language_and_no_switch(admin_client):
    page = soup(admin_client.get("/admin/"))
    assert page.select_one("a.site-language") is None
    assert admin_client.get("/es/admin/").status_code == 404


def test_the_sitemap_lists_every_page_in_both_languages(client, seeded):
    xml = client.get("/sitemap-guides.xml").content.decode()
    assert f"<loc>http://testserver{GUIDE}</loc>" in xml
    assert f"<loc>http://testserver{SPANISH_GUIDE}</loc>" in xml
    assert f'hreflang="es" href="http://testserver{SPANISH_GUIDE}"' in xml
    assert f'hreflang="x-default" href="http://testserver{GUIDE}"' in xml
    sections = client.get("/sitemap-sections.xml").content.decode()
    assert "<loc>http://testserver/es/</loc>" in sections


def test_the_page_cache_keeps_each_language_apart(page_cache, seeded):
    visitor = Client()
    for _ in range(2):  # the second round is served from the page cache
        assert soup(visitor.get(GUIDE)).html["lang"] == "en"
        assert soup(visitor.get(SPANISH_GUIDE)).html["lang"] == "es"
    assert soup(visitor.get(GUIDE)).h1.get_text(strip=True).startswith("Medical Records")


def test_a_pages_cached_parts_are_kept_per_language(seeded):
    with translation.override("en"):
        english = parts_key("guide", 1)
    with translation.override("es"):
        spanish = parts_key("guide", 1)
    assert english != spanish
    cache.set(english, {"intro": "English"})
    assert cache.get(spanish) is None


def test_spanish_pages_write_figures_as_us_spanish_readers_do(client, seeded):
    """The same figures as the English page, grouped with commas, the month in Spanish."""
    english = soup(client.get(GUIDE)).select_one("#quick-facts, .quick-facts")
    spanish = soup(client.get(SPANISH_GUIDE)).select_one("#quick-facts, .quick-facts")
    english_figures = re.findall(r"\$[\d,.]+", english.get_text(" "))
    assert english_figures
    assert re.findall(r"\$[\d,.]+", spanish.get_text(" ")) == english_figures
    assert "mayo de 2025" in spanish.get_text(" ")
    assert "May 2025" in english.get_text(" ")


def test_the_spanish_pages_data_for_search_engines_is_in_spanish_too(client, seeded):
    html = client.get(SPANISH_GUIDE).content.decode()
    graph = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))["@graph"]
    occupation = graph[0]
    salary = occupation["estimatedSalary"][0]
    assert salary["name"] == "mayo de 2025"
    assert salary["description"].startswith("Salario anual, Estados Unidos, mayo de 2025")
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "Estados Unidos"}]
    crumbs = [item["name"] for item in graph[-1]["itemListElement"]]
    assert crumbs[:2] == ["Inicio", "Carreras"]


def test_english_left_on_a_spanish_page_is_marked_english_for_screen_readers(client, seeded):
    """Job titles employers use and O*NET's credit line stay as their sources write them;
    on a Spanish page they say they are English (WCAG 3.1.2, language of parts)."""
    for url, marked in ((SPANISH_GUIDE, True), (GUIDE, False)):
        page = soup(client.get(url))
        credit = page.select_one(".onet-credit span")
        assert (credit.get("lang") == "en") is marked
        title = page.select_one("#also-known-as li strong")
        assert (title.get("lang") == "en") is marked


@pytest.mark.parametrize("path", [GUIDE, "/careers/actuaries/"])
def test_a_spanish_career_page_costs_the_queries_of_the_english(client, seeded, path):
    """Whether the page's text shows English is decided with its cached parts, not per request."""
    counts = []
    for url in (path, "/es" + path):
        client.get(url)  # builds and keeps the page's parts
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[1] == counts[0]
