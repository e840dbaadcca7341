"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

When Chromium is missing (the Makefile installs it where the machine allows), every browser
test is skipped with a loud reason and a banner at the end of the run, never silently.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

# Playwright's sync API keeps an event loop running in the test thread; Django would otherwise
# refuse the live server's database set-up from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CAREERPATH_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # No lookups of Google's hosts at start-up: only the live server is reachable.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def _browser_unavailable() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def _keep_browser_files_in_project():
    scratch = ROOT / ".tmp" / "browser"
    for name in ("TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        folder = scratch / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(folder)


@pytest.fixture(scope="session")
def browser():
    reason = _browser_unavailable()
    if reason:
        pytest.skip(f"BROWSER TESTS SKIPPED: {reason}")
    from playwright.sync_api import sync_playwright

    _keep_browser_files_in_project()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _open_page(request, browser, viewport):
    context = browser.new_context(viewport=viewport)
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
        print(f"screenshot of the failure: {ARTIFACTS / name}.png")
    context.close()


@pytest.fixture
def page(request, browser, transactional_db):
    yield from _open_page(request, browser, DESKTOP)


@pytest.fixture
def phone_page(request, browser, transactional_db):
    yield from _open_page(request, browser, PHONE)


_seeded_copy = None


@pytest.fixture
def seeded_site(live_server, transactional_db, tmp_path_factory):
    """The live server with the content loaded as `make run` loads it (a sample of the
    handbook's profiles and of OEWS May 2025: tests/fixtures/ooh). The commands run for the
    first test; later tests get the whole database put back as they left it (each test's
    changes are flushed after it), which is the same rows at a fraction of the cost."""
    global _seeded_copy
    if _seeded_copy is not None:
        _seeded_copy.restore()
        return live_server
    import io

    from django.core.management import call_command

    from tests.conftest import (
        import_handbook_sample,
        import_oews_samples,
        onet_sample_file,
        ship_questionnaire,
    )
    from tests.seed_once import DatabaseCopy

    import_handbook_sample()  # with the site's duties
    call_command("seed_content", stdout=io.StringIO())
    import_oews_samples()
    onet = onet_sample_file(tmp_path_factory.mktemp("onet"))
    call_command("import_onet", str(onet), stdout=io.StringIO())
    call_command("build_next_steps", stdout=io.StringIO())
    ship_questionnaire()
    _seeded_copy = DatabaseCopy()
    return live_server


def pytest_terminal_summary(terminalreporter):
    # Read from the reports, not from this process's state: under pytest-xdist the skips
    # happen in the workers and only their reports reach the process that prints this.
    reasons = {
        str(report.longrepr[-1]).partition("BROWSER TESTS SKIPPED: ")[2]
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and "BROWSER TESTS SKIPPED" in report.longrepr[-1]
    }
    for reason in sorted(reasons):
        banner = "!" * 78
        terminalreporter.write_line(banner, red=True, bold=True)
        terminalreporter.write_line(f"BROWSER TESTS WERE SKIPPED: {reason}", red=True, bold=True)
        terminalreporter.write_line(banner, red=True, bold=True)
