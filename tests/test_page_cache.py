"""Whole pages for visitors who bring no state: served ready-made, with their own CSRF token."""

import gzip
import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings

from core import page_cache
from core.models import Status
from core.page_cache import CSRF_PLACEHOLDER
from guides.models import CareerGuide
from guides.views import GuideDetailView
from tests.conftest import without_csrf_tokens

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def tokens(response) -> list[str]:
    return TOKEN.findall(response.content.decode())


def test_a_new_visitor_gets_the_shared_page_without_queries(seeded, django_assert_num_queries):
    Client().get(GUIDE_URL)  # renders and stores the shared page
    with django_assert_num_queries(0):
        response = Client().get(GUIDE_URL)
    assert response.status_code == 200
    assert response.templates == []  # nothing rendered: the page came ready-made
    assert "Medical Records Specialist" in response.content.decode()
    assert CSRF_PLACEHOLDER not in response.content.decode()


def test_each_visitor_gets_a_working_token_of_their_own(seeded):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one, page_two = first.get(GUIDE_URL), second.get(GUIDE_URL)

    assert len(set(tokens(page_one))) == 1  # every form on the page carries the same token
    assert tokens(page_one)[0] != tokens(page_two)[0]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    for visitor, page in ((first, page_one), (second, page_two)):
        sent = visitor.post(
            "/feedback/",
            {"path": GUIDE_URL, "useful": "yes", "csrfmiddlewaretoken": tokens(page)[0]},
        )
        assert sent.status_code == 302  # accepted: the token matches this visitor's cookie
    stolen = Client(enforce_csrf_checks=True)
    stolen.get("/")  # has a cookie of its own
    refused = stolen.post(
        "/feedback/",
        {"path": GUIDE_URL, "useful": "yes", "csrfmiddlewaretoken": tokens(page_one)[0]},
    )
    assert refused.status_code == 403


def test_gzip_responses_decompress_to_the_same_page(seeded):
    Client().get(GUIDE_URL)
    visitor = Client()
    compressed = visitor.get(GUIDE_URL, headers={"accept-encoding": "gzip, deflate, br"})
    plain = Client().get(GUIDE_URL)

    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content).decode()
    assert re.sub(TOKEN, "", html) == without_csrf_tokens(plain)
    assert len(compressed.content) < len(plain.content) / 3
    # The token is not compressed along with the page (nothing for a side channel to measure).
    again = visitor.get(GUIDE_URL, headers={"accept-encoding": "gzip"})
    token = TOKEN.findall(gzip.decompress(again.content).decode())[0]
    assert token.encode() in again.content


def test_a_visitor_with_a_plan_gets_their_own_page(seeded):
    Client().get(GUIDE_URL)  # the shared page is cached
    planner = Client()
    planner.post("/plan/start/medical-records-specialist/")
    planner.get("/plan/")  # reads the "ready" notice

    own = planner.get(GUIDE_URL)

    assert own.templates  # rendered for this visitor
    assert "0 of 7 steps done" in own.content.decode()
    assert "0 of 7 steps done" not in Client().get(GUIDE_URL).content.decode()


def test_a_pending_message_is_not_lost_to_the_shared_page(seeded):
    Client().get(GUIDE_URL)
    visitor = Client()
    visitor.post("/feedback/", {"path": GUIDE_URL, "useful": "no"})
    assert "Thank you for your feedback." in visitor.get(GUIDE_URL).content.decode()


def test_an_edit_replaces_the_shared_page(seeded):
    Client().get(GUIDE_URL)
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    guide.summary = "A summary an editor just wrote."
    guide.save()
    assert "A summary an editor just wrote." in Client().get(GUIDE_URL).content.decode()


def test_unchanged_shared_page_answers_304_to_a_returning_visitor(seeded):
    visitor = Client()
    visitor.get(GUIDE_URL)
    first = visitor.get(GUIDE_URL)  # now with the csrftoken cookie from the first visit
    again = visitor.get(GUIDE_URL, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_a_process_keeps_the_pages_it_fetched_from_the_cache(seeded, django_assert_num_queries):
    Client().get(GUIDE_URL)  # rendered and stored in the cache
    Client().get(GUIDE_URL)  # fetched from the cache: this process keeps it
    cache.clear()  # the shared cache forgets it (a restart of Redis, say)

    with django_assert_num_queries(0):
        kept = Client().get(GUIDE_URL)
    assert kept.templates == []
    assert "Medical Records Specialist" in kept.content.decode()


def test_a_process_keeps_only_its_latest_pages(seeded, monkeypatch):
    monkeypatch.setattr(page_cache, "LOCAL_PAGES", 1)
    for url in (GUIDE_URL, "/certifications/cpc/"):
        Client().get(url)
        Client().get(url)  # kept; the second URL's page pushes out the first's
    cache.clear()

    assert Client().get("/certifications/cpc/").templates == []
    assert Client().get(GUIDE_URL).templates  # rendered again


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}})
def test_with_the_cache_disabled_every_page_is_rendered(seeded):
    for _ in range(3):
        assert Client().get(GUIDE_URL).templates


def refuse_to_render(*args, **kwargs):
    raise AssertionError("the view ran")


def test_a_shared_page_is_sent_before_routing_and_the_view(seeded, monkeypatch):
    Client().get(GUIDE_URL)  # the view renders and shares the page
    monkeypatch.setattr(GuideDetailView, "dispatch", refuse_to_render)

    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(GUIDE_URL)

    assert response.status_code == 200
    assert "Medical Records Specialist" in response.content.decode()
    # CsrfViewMiddleware still sets the visitor's cookie, so the page's forms work.
    sent = visitor.post(
        "/feedback/",
        {"path": GUIDE_URL, "useful": "yes", "csrfmiddlewaretoken": tokens(response)[0]},
    )
    assert sent.status_code == 302


def test_requests_the_view_must_answer_still_reach_it(seeded, monkeypatch):
    Client().get(GUIDE_URL)
    monkeypatch.setattr(GuideDetailView, "dispatch", refuse_to_render)
    planner = Client()
    planner.cookies["sessionid"] = "a-session"

    with pytest.raises(AssertionError, match="the view ran"):
        Client().get(GUIDE_URL + "?state=California")  # a query string: the view's business
    with pytest.raises(AssertionError, match="the view ran"):
        planner.get(GUIDE_URL)  # a visitor with a session


def test_other_pages_never_consult_the_shared_pages(seeded, monkeypatch):
    Client().get(GUIDE_URL)
    monkeypatch.setattr(page_cache, "fetch", refuse_to_render)

    assert Client().get("/healthz").status_code == 200
    assert Client().get("/no-such-page/").status_code == 404


def test_an_unpublished_guide_is_not_sent_from_the_shared_pages(seeded):
    Client().get(GUIDE_URL)
    Client().get(GUIDE_URL)  # sent ready-made
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    guide.status = Status.DRAFT
    guide.save()  # as an editor's unpublishing does

    assert Client().get(GUIDE_URL).status_code == 404


def test_only_pages_that_were_shared_are_answered_early(seeded):
    Client().get("/careers/no-such-guide/")
    Client().get(GUIDE_URL + "?state=California")

    assert page_cache.may_answer_early(RequestFactory().get("/careers/no-such-guide/")) is False
    assert page_cache.may_answer_early(RequestFactory().get(GUIDE_URL)) is False
    Client().get(GUIDE_URL)
    assert page_cache.may_answer_early(RequestFactory().get(GUIDE_URL)) is True
