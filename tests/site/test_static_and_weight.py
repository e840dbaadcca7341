"""Static files are hashed, pre-compressed and cached for ever; the guide page stays light."""

import gzip
import re

import brotli
import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.http import HttpResponseNotFound
from django.templatetags.static import static
from django.test import RequestFactory, override_settings
from whitenoise.middleware import WhiteNoiseMiddleware

from tests.conftest import soup

GUIDE_URL = "/careers/medical-records-specialist/"
PAGE_WEIGHT_BUDGET = 60 * 1024
MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """collectstatic as a deployment runs it, into a temporary STATIC_ROOT."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST_STORAGE):
        call_command("collectstatic", "--noinput", verbosity=0)
    return root


def serve(root, url, accept_encoding="gzip, br"):
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=MANIFEST_STORAGE,
        WHITENOISE_USE_FINDERS=False,
        WHITENOISE_AUTOREFRESH=False,
    ):
        middleware = WhiteNoiseMiddleware(lambda request: HttpResponseNotFound())
        return middleware(RequestFactory().get(url, HTTP_ACCEPT_ENCODING=accept_encoding))


def test_static_files_get_hashed_names_and_compressed_variants(collected):
    with override_settings(STATIC_ROOT=collected, STORAGES=MANIFEST_STORAGE):
        url = static("vendor/bootstrap/css/bootstrap.min.css")
    assert re.fullmatch(r"/static/vendor/bootstrap/css/bootstrap\.min\.[0-9a-f]{12}\.css", url)
    on_disk = collected / url.removeprefix("/static/")
    assert on_disk.with_name(on_disk.name + ".br").exists()
    assert on_disk.with_name(on_disk.name + ".gz").exists()


def test_hashed_static_files_are_served_compressed_with_far_future_caching(collected):
    with override_settings(STATIC_ROOT=collected, STORAGES=MANIFEST_STORAGE):
        url = static("css/site.css")
    response = serve(collected, url)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert "max-age=315360000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    plain = serve(collected, url, accept_encoding="")
    assert "Content-Encoding" not in plain


def test_bootstrap_is_pinned_and_served_locally(client, db):
    from xstatic.pkg import bootstrap

    assert bootstrap.VERSION.startswith("5.3.")
    page = soup(client.get("/"))
    assert page.find("link", href="/static/vendor/bootstrap/css/bootstrap.min.css")
    assert finders.find("vendor/bootstrap/css/bootstrap.min.css")


def brotli_size(static_url: str) -> int:
    path = finders.find(static_url.removeprefix("/static/"))
    with open(path, "rb") as handle:
        return len(brotli.compress(handle.read()))


def test_guide_page_weight_as_served_stays_under_budget(client, seeded):
    response = client.get(GUIDE_URL, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    page = soup_from(html)
    assets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in page.find_all("script", src=True)]
    assets += [link["href"] for link in page.find_all("link", rel="preload")]
    sizes = {"HTML (gzip)": len(response.content)} | {url: brotli_size(url) for url in assets}
    total = sum(sizes.values())
    report = ", ".join(f"{name}: {size / 1024:.1f} KB" for name, size in sizes.items())
    print(f"guide page weight {total / 1024:.1f} KB ({report})")
    assert total < PAGE_WEIGHT_BUDGET, report


def soup_from(html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "html.parser")
