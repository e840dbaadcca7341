"""Security: headers on every page, production settings, and admin login throttling."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.factories import CareerGuideFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    "/",
    "/careers/",
    "/careers/medical-records-specialist/",
    "/certifications/",
    "/certifications/cpc/",
    "/search/",
    "/search/?q=medical+coder",
    "/no-such-page/",
    "/admin/login/",
]


def production_env(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="careerpath.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-production-like-secret-key-for-tests-only-0123456789-abcdefghij",
        DJANGO_ALLOWED_HOSTS="careerpath.example",
        **extra,
    )
    return env


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("visit", ["first", "second"])
def test_every_page_sends_the_security_headers(client, seeded, path, visit):
    # The second visit to a page gets it ready-made, before most middleware (core.middleware).
    response = client.get(path)
    if visit == "second":
        response = client.get(path)
    assert response.status_code in (200, 404)
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def csp_directives(response) -> dict[str, list[str]]:
    return {
        name: sources
        for name, *sources in (
            part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()
        )
    }


# What the pages and the admin load, each allowed by name: default-src 'none' refuses the rest.
NEEDED_DIRECTIVES = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/admin/login/",
        "/admin/",
        "/admin/guides/careerguide/",
        "/admin/guides/careerguide/add/",
    ],
)
def test_csp_refuses_by_default_and_allows_what_the_site_needs(client, admin_user, seeded, path):
    from tests.conftest import soup

    if path != "/admin/login/":
        client.force_login(admin_user)
    response = client.get(path)
    assert response.status_code == 200
    assert csp_directives(response) == NEEDED_DIRECTIVES
    # Everything the page loads is this site's and governed by a directive above (the admin's
    # scripts, styles and icons); its only inline scripts are JSON data, never run.
    page = soup(response)
    loaded = [tag["src"] for tag in page.find_all(["script", "img"], src=True)] + [
        tag["href"] for tag in page.find_all("link", rel="stylesheet")
    ]
    assert all(url.startswith("/") and not url.startswith("//") for url in loaded), loaded
    assert all(
        script.get("type") in DATA_BLOCK_TYPES | {"application/json"}
        for script in page.find_all("script", src=False)
    ), path
    assert not page.find(["iframe", "frame", "object", "embed", "video", "audio", "style"])
    assert not page.find("link", rel="manifest"), path


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/careers/medical-records-specialist/",
        "/admin/login/",
        "/static/css/site.css",
        "/static/vendor/bootstrap/css/bootstrap.min.css",
        "/static/admin/js/theme.js",
    ],
)
def test_every_response_has_a_same_origin_resource_policy(client, seeded, path):
    # Static files come from whitenoise's middleware, which answers before the views.
    response = client.get(path)
    assert response.status_code == 200
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


# Data blocks browsers never execute (schema.org structured data): allowed under the CSP.
DATA_BLOCK_TYPES = {"application/ld+json"}


def inline_scripts(page) -> list:
    """<script> elements without src that a browser would run (anything but a data block)."""
    return [
        script
        for script in page.find_all("script", src=False)
        if script.get("type", "").strip().lower() not in DATA_BLOCK_TYPES
    ]


def test_inline_script_check_allows_only_json_ld_data_blocks():
    from bs4 import BeautifulSoup

    for code in (
        "<script>alert(1)</script>",
        '<script type="text/javascript">alert(1)</script>',
        '<script type="module">alert(1)</script>',
        '<script type="application/json">{}</script>',
    ):
        assert inline_scripts(BeautifulSoup(code, "html.parser")), code
    data = '<script type="application/ld+json">{"@context": "https://schema.org"}</script>'
    assert not inline_scripts(BeautifulSoup(data, "html.parser"))


def test_pages_need_no_inline_script_or_style(client, seeded):
    """The CSP forbids inline code, so the pages must not rely on any."""
    from tests.conftest import soup

    for path in PAGES:
        page = soup(client.get(path))
        assert not inline_scripts(page), path
        for block in page.find_all("script", type="application/ld+json"):
            json.loads(block.string)  # data, not code
        assert not page.find("style"), path
        assert not page.find(attrs={"style": True}), path
        assert not [
            tag for tag in page.find_all(True) if any(a.startswith("on") for a in tag.attrs)
        ]


def test_deploy_check_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PROBE = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
from django.conf import settings
from django.test import override_settings
settings.ALLOWED_HOSTS.append("testserver")
# Serve static names without a collectstatic manifest: this probe is about headers and cookies.
override_settings(STORAGES={**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}).enable()
client = Client()
insecure = client.get("/healthz")
redirect = client.get("/careers/")
secure = client.get("/admin/login/", secure=True)
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "healthz_over_http": insecure.status_code,
    "http_redirect": [redirect.status_code, redirect.get("Location", "")],
    "hsts": secure.get("Strict-Transport-Security", ""),
    "csrf_cookie": {"secure": bool(cookie["secure"]), "httponly": bool(cookie["httponly"])},
    "session_cookie": {"secure": settings.SESSION_COOKIE_SECURE,
                       "httponly": settings.SESSION_COOKIE_HTTPONLY},
}))
"""


def test_production_sends_hsts_redirects_to_https_and_secures_cookies(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}"),
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["healthz_over_http"] in (200, 503)  # reachable by a load balancer over HTTP
    assert found["http_redirect"] == [301, "https://testserver/careers/"]
    assert "max-age=31536000" in found["hsts"]
    assert "includeSubDomains" in found["hsts"]
    assert found["csrf_cookie"] == {"secure": True, "httponly": True}
    assert found["session_cookie"] == {"secure": True, "httponly": True}


def login(client, username, password):
    return client.post(
        "/admin/login/?next=/admin/",
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


def test_admin_logins_are_throttled_after_five_failures(django_user_model):
    django_user_model.objects.create_user(
        username="editor", password="right-password-123", is_staff=True
    )
    client = Client()
    for _ in range(4):
        response = login(client, "editor", "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    locked = login(client, "editor", "wrong")
    assert locked.status_code == 429
    still_locked = login(client, "editor", "right-password-123")
    assert still_locked.status_code == 429
    assert "Too many sign-in attempts" in still_locked.content.decode()


def test_a_good_login_resets_the_failure_count(django_user_model):
    django_user_model.objects.create_user(
        username="editor", password="right-password-123", is_staff=True
    )
    client = Client()
    for _ in range(3):
        login(client, "editor", "wrong")
    assert login(client, "editor", "right-password-123").status_code == 302
    client.logout()
    for _ in range(3):
        assert login(client, "editor", "wrong").status_code == 200


def test_non_staff_cannot_use_admin_even_with_a_valid_password(django_user_model):
    django_user_model.objects.create_user(username="reader", password="right-password-123")
    client = Client()
    response = login(client, "reader", "right-password-123")
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_user_text_is_escaped(client):
    guide = CareerGuideFactory(title='<img src=x onerror="alert(1)">', summary="<b>bold?</b>")
    page = client.get(guide.get_absolute_url()).content.decode()
    assert '<img src=x onerror="alert(1)">' not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "<b>bold?</b>" not in page


@pytest.mark.parametrize("username", ["x" * 1000, "a\x00b", ""])
def test_malformed_usernames_get_a_form_error_not_a_server_error(username):
    response = login(Client(), username, "whatever")
    assert response.status_code == 200
    assert "errornote" in response.content.decode() or "errorlist" in response.content.decode()
