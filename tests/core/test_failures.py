"""Parts fail: a cache that is down is a miss; a database that is down is a 503 page, not 500."""

import contextlib
import logging
from unittest import mock

import pytest
from django.core.cache.backends.redis import RedisCache
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from core import cache_backends
from core.content_version import _memo, forget_content_version
from feedback.models import PageFeedback
from tests.conftest import forget_everything_cached, soup
from tests.core.test_caching import redis_caches, redis_is_running, redis_test_url

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
ASK_URL = "/careers/medical-records-specialist/ask/"
PAGES = ("/", "/careers/", GUIDE_URL, "/certifications/", "/certifications/cpc/", "/search/?q=cpc")
NOTHING_LISTENS = "redis://127.0.0.1:1/0"  # port 1: the connection is refused at once


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_ENABLED = True


def cache_warnings(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "core.cache_backends"]


@override_settings(CACHES=redis_caches(NOTHING_LISTENS))
def test_with_redis_down_every_page_answers_from_the_database(seeded, caplog):
    forget_everything_cached()
    caplog.clear()
    for _ in range(3):
        for path in PAGES:
            response = Client().get(path)
            assert response.status_code == 200, path
            assert "public" in response["Cache-Control"]
    # Logged once for the outage, not once per request (both aliases use the same server).
    assert len(cache_warnings(caplog)) == 1
    assert "unavailable" in cache_warnings(caplog)[0].getMessage()


@override_settings(CACHES=redis_caches(NOTHING_LISTENS))
def test_with_redis_down_forms_still_work(seeded):
    forget_everything_cached()
    visitor = Client()
    sent = visitor.post("/feedback/", {"path": GUIDE_URL, "useful": "yes"})
    assert sent.status_code == 302  # the throttle counts nothing, and lets the visitor through
    assert PageFeedback.objects.count() == 1
    asked = visitor.post(ASK_URL, {"question": "Can I study for the CPC online?", "website": ""})
    assert asked.status_code == 302


@override_settings(CACHES=redis_caches(NOTHING_LISTENS))
def test_a_redis_that_is_down_is_left_alone_between_tries(monkeypatch):
    forget_everything_cached()
    from django.core.cache import caches

    tries = []
    real_get = RedisCache.get

    def counting_get(self, *args, **kwargs):
        tries.append(1)
        return real_get(self, *args, **kwargs)

    monkeypatch.setattr(RedisCache, "get", counting_get)
    for _ in range(5):
        assert caches["default"].get("anything", "missing") == "missing"
    assert len(tries) == 1  # then RETRY_SECONDS without asking

    monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0.0)
    caches["default"].get("anything")
    assert len(tries) == 2


def test_an_empty_cache_is_what_a_redis_that_is_down_looks_like():
    with override_settings(CACHES=redis_caches(NOTHING_LISTENS)):
        forget_everything_cached()
        from django.core.cache import caches

        down = caches["default"]
        assert down.get("key", "default") == "default"
        assert down.get_many(["a", "b"]) == {}
        assert down.has_key("key") is False
        assert down.add("key", 1) is True
        assert down.set("key", 1) is None
        assert down.set_many({"a": 1}) == ["a"]
        assert down.touch("key") is False
        assert down.delete("key") is False
        assert down.get_or_set("key", 5) == 5
        with pytest.raises(ValueError, match="not found"):
            down.incr("key")


@pytest.mark.skipif(not redis_is_running(), reason="Redis is not running on 127.0.0.1:6379")
def test_caching_resumes_by_itself_when_redis_is_back(
    seeded, monkeypatch, caplog, django_assert_num_queries
):
    # The page must come from Redis, not from a content version read again because the
    # machine was slow for a second.
    monkeypatch.setattr("core.content_version.VERSION_TTL", 60.0)
    with override_settings(CACHES=redis_caches(redis_test_url())):
        forget_everything_cached()
        real_get = RedisCache.get

        def refused(self, *args, **kwargs):
            raise RedisConnectionError("Connection refused")

        monkeypatch.setattr(RedisCache, "get", refused)
        assert Client().get(GUIDE_URL).status_code == 200
        assert Client().get(GUIDE_URL).templates  # nothing cached while Redis is down

        monkeypatch.setattr(RedisCache, "get", real_get)  # Redis is back
        monkeypatch.setattr(cache_backends, "RETRY_SECONDS", 0.0)
        Client().get(GUIDE_URL)
        with django_assert_num_queries(0):
            cached = Client().get(GUIDE_URL)
        assert cached.templates == []
        assert any("answers again" in record.getMessage() for record in cache_warnings(caplog))
        forget_everything_cached()


@contextlib.contextmanager
def database_down():
    """Every new query fails as a PostgreSQL that refuses connections makes it fail."""
    refused = OperationalError("connection to server at 127.0.0.1, port 5432 failed: refused")
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=refused):
        yield


def visitor() -> Client:
    return Client(raise_request_exception=False)


def test_with_the_database_down_cached_pages_are_still_served(seeded):
    for path in PAGES:
        Client().get(path)
    _memo["expires"] = 0.0  # the version memo has run out: the database is asked, and fails
    with database_down():
        for path in PAGES:
            response = visitor().get(path)
            assert response.status_code == 200, path
            assert response.templates == []


def test_a_new_process_serves_cached_pages_while_the_database_is_down(seeded):
    Client().get(GUIDE_URL)  # cached, with the version it was cached under
    forget_content_version()  # a process that never read the version
    with database_down():
        response = visitor().get(GUIDE_URL)
    assert response.status_code == 200


def test_with_the_database_down_other_pages_get_a_503_in_the_site_layout(seeded):
    with database_down():
        response = visitor().get(GUIDE_URL)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = soup(response)
    assert "briefly unavailable" in page.find("h1").text
    assert page.find("nav", attrs={"aria-label": "Main"})  # the site's own layout
    assert page.find("a", href=GUIDE_URL)  # try again


def test_a_visitor_with_a_session_gets_the_503_page_too(seeded):
    planner = Client(raise_request_exception=False)
    planner.post("/plan/start/medical-records-specialist/")
    with database_down():
        response = planner.get("/plan/")
    assert response.status_code == 503


def test_a_form_sent_while_the_database_is_down_keeps_what_was_typed(seeded):
    question = "Can I take the CPC exam <b>before</b> I finish my course?"
    asker = visitor()
    asker.get(ASK_URL)  # the form page, with its CSRF cookie
    with database_down():
        response = asker.post(ASK_URL, {"question": question, "email": "me@example.com"})
    assert response.status_code == 503
    page = soup(response)
    form = page.find("form", action=ASK_URL)
    assert form["method"] == "post"
    assert form.find("textarea", attrs={"name": "question"}).text == question  # escaped, kept
    assert form.find("textarea", attrs={"name": "email"}).text == "me@example.com"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert "<b>before</b>" not in response.content.decode()

    # When the database is back, "Send again" sends it.
    fields = form.select("[name]")
    resend = {field["name"]: field.text or field.get("value", "") for field in fields}
    assert asker.post(ASK_URL, resend).status_code == 302


def test_feedback_sent_while_the_database_is_down_is_kept_too(seeded):
    with database_down():
        response = visitor().post(
            "/feedback/", {"path": GUIDE_URL, "useful": "no", "comment": "The pay table is small."}
        )
    assert response.status_code == 503
    form = soup(response).find("form", action="/feedback/")
    assert form.find("textarea", attrs={"name": "comment"}).text == "The pay table is small."


def test_the_site_recovers_when_the_database_is_back(seeded):
    with database_down():
        assert visitor().get(GUIDE_URL).status_code == 503
    assert visitor().get(GUIDE_URL).status_code == 200


def test_a_bug_is_still_a_500(seeded, monkeypatch):
    from guides.views import GuideDetailView

    def broken(*args, **kwargs):
        raise ZeroDivisionError

    monkeypatch.setattr(GuideDetailView, "get_context_data", broken)
    response = visitor().get(GUIDE_URL)
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
