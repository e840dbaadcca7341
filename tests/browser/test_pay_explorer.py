"""The pay explorer in a real browser: pick a state with the plain GET form, then check axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_accessible

GUIDE = "/careers/medical-records-specialist/"


@pytest.fixture
def site_with_state_pay(seeded_site):
    """The site as make run loads it: OEWS May 2025 with state figures (a sample)."""
    return seeded_site


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_job_seeker_compares_a_state_with_national_pay(request, site_with_state_pay, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(site_with_state_pay.url + GUIDE)

    page.get_by_label("Compare with a state").select_option("California")
    page.get_by_role("button", name="Show pay", exact=True).click()

    # expect() waits for the new page: the address commits before its table is parsed.
    expect(page).to_have_url(re.compile(r"\?state=California#pay$"))
    table = page.locator("#pay table.pay-table")
    expect(table.locator("thead th")).to_have_text(
        [
            "Percentile",
            "United States, a year",
            "An hour",
            "California, a year",
            "An hour",
        ]
    )
    median = table.locator("tbody tr").filter(has_text="Median")
    # The nation's median and California's, OEWS May 2025, each a year and an hour.
    expect(median.locator("td")).to_have_text(["$51,140", "$24.59", "$61,810", "$29.71"])
    assert page.get_by_label("Compare with a state").input_value() == "California"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)
