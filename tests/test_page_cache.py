"""Whole pages for visitors who bring no state: served ready-made, with their own CSRF token."""

import gzip
import re

import pytest
from django.test import Client

from core.page_cache import CSRF_PLACEHOLDER
from guides.models import CareerGuide
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
