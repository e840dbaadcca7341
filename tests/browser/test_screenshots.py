"""`make screenshots`: PNGs of every public page type, desktop and phone, for humans to look at.

Not part of `make test` (marker `screenshots`); writes to $SCREENSHOT_DIR (default screenshots/).
"""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import DESKTOP, PHONE, ROOT

PAGE_TYPES = {
    "home": "/",
    "careers": "/careers/",
    "guide": "/careers/medical-records-specialist/",
    "certifications": "/certifications/",
    "certification": "/certifications/cpc/",
    "search": "/search/?q=medical+coder",
    "not-found": "/no-such-page/",
}


@pytest.mark.screenshots
@pytest.mark.parametrize("viewport_name", ["desktop", "phone"])
def test_screenshot_every_page_type(browser, seeded_site, viewport_name):
    folder = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    viewport = DESKTOP if viewport_name == "desktop" else PHONE
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    for name, path in PAGE_TYPES.items():
        page.goto(seeded_site.url + path)
        target = folder / f"{name}-{viewport_name}.png"
        page.screenshot(path=target, full_page=True)
        assert target.stat().st_size > 0
    context.close()
