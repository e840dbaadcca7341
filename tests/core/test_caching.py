"""Public pages: one page for every anonymous visitor, kept by Django's cache middleware.

Invalidated on every edit (the content version), marked for CDNs, revalidated by a strong
ETag, never shared with a visitor who has a session or a message waiting.
"""

import gzip
import os
import socket

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.http import split_directive_names

from core.content_version import bump_content_version, content_version, forget_content_version
from core.models import ContentVersion, Status
from guides.models import CareerGuide
from occupations.models import PayRelease
from tests.conftest import forget_everything_cached
from tests.factories import (
    AreaPayFactory,
    CareerGuideFactory,
    CertificationFactory,
    GuideCertificationFactory,
    TrainingStepFactory,
)

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
PUBLIC_PAGES = (
    "/",
    "/careers/",
    GUIDE_URL,
    "/careers/medical-records-specialist.json",
    "/certifications/",
    "/certifications/cpc/",
    "/certifications/compare/",
    "/certifications/finder/",
    "/search/?q=coder",
    "/robots.txt",
    "/sitemap.xml",
)


@pytest.fixture(autouse=True)
def page_cache(settings):
    """Production behaviour: the page cache is on (tests run with DJANGO_DEBUG=1, where it is
    off unless switched on)."""
    settings.PAGE_CACHE_ENABLED = True


def directives(response) -> set[str]:
    return set(split_directive_names(response.get("Cache-Control", "")))


def is_shared(response) -> bool:
    return "public" in directives(response)


def is_private(response) -> bool:
    return {"private", "no-store"} <= directives(response)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_an_anonymous_visitor_gets_a_page_any_cache_may_keep(client, seeded, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response.cookies == {}  # no CSRF cookie, no session
    assert b"csrfmiddlewaretoken" not in response.content
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=60" in cache_control
    assert "max-age=0" in cache_control  # browsers revalidate: never an old copy
    assert "stale-while-revalidate=60" in cache_control
    assert "stale-if-error=86400" in cache_control
    assert response["ETag"].startswith('"')  # strong


def test_each_state_s_pay_page_is_a_public_page_of_its_own(client, seeded):
    # Vermont's 25th percentile shows only beside the nation's, on Vermont's own page (the
    # national page's table of states gives each state's median, 10th and 90th percentiles).
    AreaPayFactory(
        release=PayRelease.current(),
        soc_code="29-2072",
        area_type="state",
        area_code="50",
        area_name="Vermont",
        postal="VT",
        annual_p25=47000,
    )
    national = client.get(GUIDE_URL)
    state_page = client.get(GUIDE_URL, {"state": "Vermont"})
    assert is_shared(state_page)
    assert "$47,000" in state_page.content.decode()
    assert "$47,000" not in national.content.decode()
    assert client.get(GUIDE_URL, {"state": "Vermont"}).templates == []  # cached per address


def test_a_second_anonymous_visitor_gets_the_page_from_the_page_cache(
    seeded, django_assert_num_queries
):
    first = Client().get(GUIDE_URL)
    with django_assert_num_queries(0):  # the content version is remembered for a second
        second = Client().get(GUIDE_URL)
    assert second.templates == []  # nothing rendered
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]


def test_pages_are_kept_in_a_cache_alias_of_their_own(seeded):
    caches["pages"].clear()
    Client().get(GUIDE_URL)
    assert Client().get(GUIDE_URL).templates == []
    caches["default"].clear()  # form throttles and the like
    assert Client().get(GUIDE_URL).templates == []
    caches["pages"].clear()
    assert Client().get(GUIDE_URL).templates


def test_with_the_page_cache_off_every_page_is_rendered(seeded, settings):
    settings.PAGE_CACHE_ENABLED = False
    for _ in range(2):
        response = Client().get(GUIDE_URL)
        assert response.templates
        assert is_shared(response)  # still fine for a CDN


def test_editing_in_admin_shows_on_the_next_request(admin_client):
    public = Client()
    step = TrainingStepFactory(title="Original step title")
    url = step.guide.get_absolute_url()
    assert "Original step title" in public.get(url).content.decode()
    assert public.get(url).templates == []  # cached

    change_url = reverse("admin:guides_careerguide_change", args=[step.guide.pk])
    from tests.guides.test_admin import form_data

    data = form_data(admin_client.get(change_url))
    data["training_steps-0-title"] = "Step title changed in admin"
    assert admin_client.post(change_url, data).status_code == 302

    page = public.get(url).content.decode()
    assert "Step title changed in admin" in page
    assert "Original step title" not in page


def test_deleting_content_shows_on_the_next_request(client):
    step = TrainingStepFactory(title="Soon deleted")
    url = step.guide.get_absolute_url()
    assert "Soon deleted" in client.get(url).content.decode()
    step.delete()
    assert "Soon deleted" not in client.get(url).content.decode()


def test_unpublishing_removes_the_cached_page(seeded):
    Client().get(GUIDE_URL)
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    guide.status = Status.DRAFT
    guide.save()
    assert Client().get(GUIDE_URL).status_code == 404


def test_another_process_sees_the_change_within_a_second(client):
    """The version memo is per process: simulate another process by forgetting it."""
    guide = CareerGuideFactory(summary="Before the edit")
    client.get(guide.get_absolute_url())
    CareerGuide.objects.filter(pk=guide.pk).update(summary="After the edit")
    bump_content_version()
    forget_content_version()
    assert "After the edit" in client.get(guide.get_absolute_url()).content.decode()


def test_staff_get_their_own_page_never_shared(staff_client):
    public = Client()
    link = GuideCertificationFactory(
        certification=CertificationFactory(code="DRAFTCERT", status="draft")
    )
    url = link.guide.get_absolute_url()

    assert "DRAFTCERT" not in public.get(url).content.decode()  # cached for the public
    staff_page = staff_client.get(url)
    assert "DRAFTCERT" in staff_page.content.decode()  # staff see the draft
    assert staff_page.templates  # rendered for them, not the public copy
    assert is_private(staff_page)
    assert "DRAFTCERT" not in public.get(url).content.decode()  # and it does not leak back


def test_a_draft_preview_never_reaches_the_public(staff_client):
    draft = CareerGuideFactory(status="draft", title="Secret draft")
    assert "Draft preview" in staff_client.get(draft.get_absolute_url()).content.decode()
    assert Client().get(draft.get_absolute_url()).status_code == 404
    assert "Secret draft" not in Client().get("/careers/").content.decode()


def test_a_visitor_with_a_plan_gets_their_own_page(seeded):
    Client().get(GUIDE_URL)  # the anonymous page is cached
    planner = Client()
    planner.post(reverse("plans:start", args=["medical-records-specialist"]))
    planner.get("/plan/")  # reads the "ready" notice

    own = planner.get(GUIDE_URL)

    assert own.templates  # rendered for this visitor
    assert is_private(own)
    assert "0 of 7 steps done" in own.content.decode()
    assert "0 of 7 steps done" not in Client().get(GUIDE_URL).content.decode()


def test_a_pending_message_is_shown_on_a_page_of_its_own(seeded):
    Client().get(GUIDE_URL)
    visitor = Client()
    visitor.post("/feedback/", {"path": GUIDE_URL, "useful": "no"})
    page = visitor.get(GUIDE_URL)
    assert "Thank you for your feedback." in page.content.decode()
    assert is_private(page)
    assert "Thank you for your feedback." not in Client().get(GUIDE_URL).content.decode()


def test_a_page_showing_a_form_error_is_private(client, seeded):
    assert is_private(client.get(GUIDE_URL + "?state=Narnia"))
    assert is_private(client.get("/certifications/finder/?education=nonsense"))
    assert is_private(client.get("/search/?q=" + "x" * 300))


def test_form_pages_are_private_and_carry_a_token(client, seeded):
    for path in (
        "/careers/medical-records-specialist/ask/",
        "/feedback/?path=/careers/medical-records-specialist/&useful=yes",
        "/plan/start/medical-records-specialist/",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert is_private(response)
        assert b"csrfmiddlewaretoken" in response.content


def test_a_response_that_sets_a_cookie_is_never_public(rf):
    from django.http import HttpResponse

    from core.public_pages import UpdatePublicPageMiddleware, mark_public

    def view_that_sets_a_cookie(request):
        response = HttpResponse("<p>A page its view called public</p>")
        mark_public(response)
        response.set_cookie("tracking", "1")
        return response

    response = UpdatePublicPageMiddleware(view_that_sets_a_cookie)(rf.get("/"))

    assert is_private(response)


def test_a_response_that_says_nothing_about_caching_is_private(client, seeded):
    assert is_private(client.get("/healthz"))
    assert is_private(client.get("/no-such-page/"))


def test_query_strings_get_the_same_page(client):
    guide = CareerGuideFactory()
    first = client.get(guide.get_absolute_url(), {"utm_source": "newsletter"})
    second = client.get(guide.get_absolute_url(), {"anything": "else"})
    assert first.content == second.content


def test_head_is_answered_from_the_cache_too(seeded, django_assert_num_queries):
    Client().get(GUIDE_URL)
    with django_assert_num_queries(0):
        head = Client().head(GUIDE_URL)
    assert head.status_code == 200
    assert head.content == b""


def test_conditional_get_answers_304_when_unchanged(client):
    guide = CareerGuideFactory()
    first = client.get(guide.get_absolute_url())
    etag = first["ETag"]
    repeat = client.get(guide.get_absolute_url(), headers={"if-none-match": etag})
    assert repeat.status_code == 304
    assert repeat.content == b""
    guide.summary = "Changed, so the page is new"
    guide.save()
    changed = client.get(guide.get_absolute_url(), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_compressed_pages_keep_a_strong_etag_across_renders(seeded):
    """A public page holds no secret, so it is compressed the same way every time: a visitor
    whose copy outlived the page cache still gets a 304."""
    gzip_client = Client(headers={"accept-encoding": "gzip"})
    first = gzip_client.get(GUIDE_URL)
    caches["pages"].clear()
    second = gzip_client.get(GUIDE_URL)

    assert second.templates  # rendered again
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"] == second["ETag"]
    assert first["ETag"].startswith('"')
    assert first["ETag"] != Client().get(GUIDE_URL)["ETag"]  # another encoding, another tag
    plain = Client().get(GUIDE_URL).content
    assert gzip.decompress(first.content) == plain
    again = gzip_client.get(GUIDE_URL, headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_private_pages_keep_django_s_random_gzip_padding(seeded):
    planner = Client(headers={"accept-encoding": "gzip"})
    planner.post(reverse("plans:start", args=["medical-records-specialist"]))
    planner.get("/plan/")
    responses = [planner.get(GUIDE_URL) for _ in range(4)]
    assert all(response["Content-Encoding"] == "gzip" for response in responses)
    assert len({gzip.decompress(response.content) for response in responses}) == 1
    # BREACH mitigation kept for pages with a session: Django pads each one with 0 to 100
    # random bytes, so two in a row are alike one time in 101; four alike, never in practice.
    assert len({response.content for response in responses}) > 1


@override_settings(ALLOWED_HOSTS=["careers.example", "www.careers.example"])
def test_each_host_gets_its_own_cached_page(client, seeded):
    bare = client.get(GUIDE_URL, headers={"host": "careers.example"}).content.decode()
    www = client.get(GUIDE_URL, headers={"host": "www.careers.example"}).content.decode()
    assert '"http://careers.example/careers/medical-records-specialist/' in bare
    assert "www.careers.example" not in bare
    assert '"http://www.careers.example/careers/medical-records-specialist/' in www


def test_migrate_starts_a_new_content_version(seeded):
    # Every deploy runs migrate; pages cached by the previous release must not outlive it.
    Client().get(GUIDE_URL)
    before = ContentVersion.objects.get().token

    call_command("migrate", verbosity=0)

    assert ContentVersion.objects.get().token != before


@pytest.mark.django_db(transaction=True)
def test_flush_sends_post_migrate_without_apps_and_still_starts_a_new_version():
    content_version()
    before = ContentVersion.objects.get().token

    call_command("flush", interactive=False, verbosity=0)

    assert ContentVersion.objects.get().token != before


def redis_is_running() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def redis_test_url() -> str:
    """A Redis database of this test process's own: pytest-xdist's workers (gw0, gw1, …) run
    at the same time, and a test that clears its cache must not clear another's."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    return f"redis://127.0.0.1:6379/{15 - worker % 8}"


def redis_caches(location: str) -> dict:
    return {
        name: {
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"careerpath-tests-{name}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        for name in ("default", "pages")
    }


@pytest.mark.skipif(not redis_is_running(), reason="Redis is not running on 127.0.0.1:6379")
def test_pages_are_cached_in_redis_when_configured(seeded, django_assert_num_queries, monkeypatch):
    # From Redis, not from a content version read again because the machine was slow.
    monkeypatch.setattr("core.content_version.VERSION_TTL", 60.0)
    with override_settings(CACHES=redis_caches(redis_test_url())):
        forget_everything_cached()
        Client().get(GUIDE_URL)
        with django_assert_num_queries(0):
            cached = Client().get(GUIDE_URL)
        assert cached.templates == []
        guide = CareerGuide.objects.get(slug="medical-records-specialist")
        guide.summary = "Changed while cached in Redis"
        guide.save()
        assert "Changed while cached in Redis" in Client().get(GUIDE_URL).content.decode()
        forget_everything_cached()
