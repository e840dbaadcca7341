"""Public pages are cached safely: shared parts only, invalidated on edit, revalidated by ETag."""

import hashlib
import socket
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from core.cache import content_version, forget_content_version
from core.models import ContentVersion
from guides.models import CareerGuide
from tests.conftest import soup, without_csrf_tokens
from tests.factories import (
    CareerGuideFactory,
    CertificationFactory,
    GuideCertificationFactory,
    TrainingStepFactory,
)

pytestmark = pytest.mark.django_db


def fragments_key(path: str, origin: str = "http://testserver") -> str:
    page = f"{origin}{path}"
    return f"fragments:{content_version()}:{hashlib.sha256(page.encode()).hexdigest()}"


def test_public_page_fragments_are_cached_in_the_configured_cache(client):
    guide = CareerGuideFactory()
    path = guide.get_absolute_url()
    assert cache.get(fragments_key(path)) is None
    client.get(path)
    assert guide.title in cache.get(fragments_key(path))["intro"]


def test_a_cached_page_is_served_without_touching_the_content(client, django_assert_num_queries):
    guide = CareerGuideFactory()
    first = client.get(guide.get_absolute_url())
    with django_assert_num_queries(0):  # the content version is remembered for a second
        second = client.get(guide.get_absolute_url())
    assert without_csrf_tokens(second) == without_csrf_tokens(first)


def test_editing_in_admin_invalidates_the_cached_page(admin_client):
    public = Client()
    step = TrainingStepFactory(title="Original step title")
    url = step.guide.get_absolute_url()
    assert "Original step title" in public.get(url).content.decode()

    change_url = reverse("admin:guides_careerguide_change", args=[step.guide.pk])
    from tests.test_admin import form_data

    data = form_data(admin_client.get(change_url))
    data["training_steps-0-title"] = "Step title changed in admin"
    assert admin_client.post(change_url, data).status_code == 302

    page = public.get(url).content.decode()
    assert "Step title changed in admin" in page
    assert "Original step title" not in page


def test_deleting_content_invalidates_the_cached_page(client):
    step = TrainingStepFactory(title="Soon deleted")
    url = step.guide.get_absolute_url()
    assert "Soon deleted" in client.get(url).content.decode()
    step.delete()
    assert "Soon deleted" not in client.get(url).content.decode()


def test_another_process_sees_the_change_within_a_second(client):
    """The version memo is per process: simulate another process by forgetting it."""
    guide = CareerGuideFactory(summary="Before the edit")
    client.get(guide.get_absolute_url())
    CareerGuide.objects.filter(pk=guide.pk).update(summary="After the edit")
    from core.cache import bump_content_version

    bump_content_version()
    forget_content_version()
    assert "After the edit" in client.get(guide.get_absolute_url()).content.decode()


def test_staff_view_is_never_cached_or_shared(staff_client):
    public = Client()
    link = GuideCertificationFactory(
        certification=CertificationFactory(code="DRAFTCERT", status="draft")
    )
    url = link.guide.get_absolute_url()

    assert "DRAFTCERT" not in public.get(url).content.decode()  # cached for the public
    assert "DRAFTCERT" in staff_client.get(url).content.decode()  # staff see the draft
    assert "DRAFTCERT" not in public.get(url).content.decode()  # and it does not leak back


def test_a_draft_preview_never_reaches_the_public(staff_client):
    draft = CareerGuideFactory(status="draft", title="Secret draft")
    assert "Draft preview" in staff_client.get(draft.get_absolute_url()).content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert "Secret draft" not in Client().get("/careers/").content.decode()


def test_cached_fragments_hold_nothing_about_the_visitor(django_user_model, seeded):
    for username in ("first-visitor", "second-visitor"):
        visitor = Client()
        visitor.force_login(django_user_model.objects.create_user(username=username))
        for path in ("/", "/careers/", "/careers/medical-records-specialist/", "/certifications/"):
            assert visitor.get(path).status_code == 200
    paths = ("/", "/careers/", "/careers/medical-records-specialist/")  # the guide: its ask form
    cached = [cache.get(fragments_key(path)) for path in paths]
    assert all(cached)
    for fragments in cached:
        text = "".join(str(value) for value in fragments.values())
        assert "visitor" not in text
        assert "csrfmiddlewaretoken" not in text


def test_query_strings_do_not_multiply_cache_entries(client):
    guide = CareerGuideFactory()
    first = client.get(guide.get_absolute_url(), {"utm_source": "newsletter"})
    second = client.get(guide.get_absolute_url(), {"anything": "else"})
    assert without_csrf_tokens(first) == without_csrf_tokens(second)


def test_conditional_get_answers_304_when_unchanged(client):
    guide = CareerGuideFactory()
    first = client.get(guide.get_absolute_url())
    etag = first["ETag"]
    assert etag
    repeat = client.get(guide.get_absolute_url(), headers={"if-none-match": etag})
    assert repeat.status_code == 304
    assert repeat.content == b""
    guide.summary = "Changed, so the page is new"
    guide.save()
    changed = client.get(guide.get_absolute_url(), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_running(), reason="Redis is not running on 127.0.0.1:6379")
def test_fragments_are_cached_in_redis_when_configured(client):
    redis_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": "careerpath-tests",
        }
    }
    with override_settings(CACHES=redis_cache):
        from django.core.cache import caches

        caches["default"].clear()
        guide = CareerGuideFactory(summary="Stored in Redis")
        client.get(guide.get_absolute_url())
        assert (
            "Stored in Redis"
            in caches["default"].get(fragments_key(guide.get_absolute_url()))["description"]
        )
        guide.summary = "Changed in Redis"
        guide.save()
        assert "Changed in Redis" in client.get(guide.get_absolute_url()).content.decode()
        caches["default"].clear()


def test_health_check_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_health_check_answers_503_when_the_database_is_unreachable(client):
    with mock.patch("core.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert b"database unavailable" in response.content


def test_page_renders_the_same_cached_and_uncached(client, seeded):
    uncached = client.get("/careers/medical-records-specialist/")
    cached = client.get("/careers/medical-records-specialist/")
    assert without_csrf_tokens(cached) == without_csrf_tokens(uncached)
    uncached, cached = soup(uncached), soup(cached)
    assert cached.title.string == uncached.title.string


@override_settings(ALLOWED_HOSTS=["careers.example", "www.careers.example"])
def test_each_host_gets_its_own_cached_fragments(client, seeded):
    path = "/careers/medical-records-specialist/"
    bare = client.get(path, headers={"host": "careers.example"}).content.decode()
    www = client.get(path, headers={"host": "www.careers.example"}).content.decode()
    assert '"http://careers.example/careers/medical-records-specialist/' in bare
    assert "www.careers.example" not in bare
    assert '"http://www.careers.example/careers/medical-records-specialist/' in www


@pytest.mark.django_db
def test_migrate_starts_a_new_content_version(seeded):
    # Every deploy runs migrate; pages cached by the previous release must not outlive it.
    Client().get("/careers/medical-records-specialist/")
    before = ContentVersion.objects.get().token

    call_command("migrate", verbosity=0)

    assert ContentVersion.objects.get().token != before


@pytest.mark.django_db(transaction=True)
def test_flush_sends_post_migrate_without_apps_and_still_starts_a_new_version():
    content_version()
    before = ContentVersion.objects.get().token

    call_command("flush", interactive=False, verbosity=0)

    assert ContentVersion.objects.get().token != before
