"""make bench's parts of the uncached guide (ops/bench_guide_parts): one part each."""

import importlib
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

OPS = Path(__file__).resolve().parents[2] / "ops"
GUIDE_URL = "/careers/medical-records-specialist/"
UNCACHED = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def parts(seeded, settings, monkeypatch):
    """The bench's settings: the site's, with the parts' URLs after the site's, cache disabled."""
    monkeypatch.syspath_prepend(str(OPS))
    bench_guide_parts = importlib.import_module("bench_guide_parts")
    urls = importlib.import_module("bench_guide_parts.urls")
    monkeypatch.setattr(urls, "_kept", {})  # nothing kept from an earlier test
    settings.ROOT_URLCONF = "bench_guide_parts.urls"
    settings.CACHES = UNCACHED
    return bench_guide_parts.PART_URLS


def get(url):
    """GET as a new visitor; the queries it made and the templates it rendered."""
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return response, len(queries), {t.name for t in response.templates}


def test_the_site_answers_as_before_under_the_bench_urls(parts):
    response, _, _ = get(GUIDE_URL)
    assert "<h1" in response.content.decode()
    assert Client().get("/bench/no-such-part/").status_code == 404


def test_sent_only_sends_the_finished_guide(parts):
    first, _, _ = get(parts["sent"])  # renders the page once for the process
    again, queries, templates = get(parts["sent"])
    assert (queries, templates) == (0, set())
    assert again.content == first.content
    assert "Medical Records Specialist" in again.content.decode()


def test_loaded_makes_the_guide_views_queries_and_renders_nothing(parts):
    get(parts["sent"])  # the finished page, kept
    _, guide_queries, _ = get(GUIDE_URL)
    _, queries, templates = get(parts["loaded"])
    assert templates == set()
    assert queries == guide_queries  # uncached, the guide view's queries all load the guide


def test_rendered_renders_the_guide_without_loading_it_again(parts):
    get(parts["rendered"])  # loads the guide once for the process
    _, guide_queries, guide_templates = get(GUIDE_URL)
    response, queries, templates = get(parts["rendered"])
    assert templates == guide_templates
    assert queries < guide_queries
    assert "Medical Records Specialist" in response.content.decode()
