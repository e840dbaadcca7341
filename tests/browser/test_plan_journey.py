"""A job seeker makes a pathway plan and ticks a step, with plain forms (no JavaScript needed)."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_accessible

GUIDE = "/careers/medical-records-specialist/"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_job_seeker_makes_a_plan_and_ticks_a_step(request, seeded_site, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(seeded_site.url + GUIDE)

    page.get_by_role("link", name="Start my plan").click()
    page.get_by_role("button", name="Start my plan").click()

    expect(page.get_by_role("heading", name="My plan", exact=True)).to_be_visible()
    expect(page.locator(".plan-progress")).to_contain_text("0 of 7 steps done")
    assert_accessible(page)
    first = page.locator(".plan-item").first
    first.get_by_label("Done").check()
    next_month = datetime.date.today().replace(day=1) + datetime.timedelta(days=32)
    first.get_by_label("Target month").fill(next_month.strftime("%Y-%m"))
    first.get_by_label("Note").fill("Call the college on Monday")
    page.get_by_role("button", name="Save my plan").click()

    expect(page.locator(".plan-progress")).to_contain_text("1 of 7 steps done")
    expect(page.get_by_role("status")).to_contain_text("was saved")
    expect(first.get_by_label("Note")).to_have_value("Call the college on Monday")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)

    page.goto(seeded_site.url + GUIDE)
    expect(page.locator(".plan-panel")).to_contain_text("1 of 7 steps done")


def test_a_bad_month_is_explained_next_to_the_field(page, seeded_site):
    page.goto(seeded_site.url + GUIDE)
    page.get_by_role("link", name="Start my plan").click()
    page.get_by_role("button", name="Start my plan").click()
    field = page.locator(".plan-item").first.get_by_label("Target month")
    # Browsers offer a month picker; a typed value in the past must still be refused clearly.
    field.evaluate("el => { el.type = 'text'; el.value = '2001-01'; }")
    page.get_by_role("button", name="Save my plan").click()

    expect(page.get_by_text("A target month cannot be in the past.")).to_be_visible()
    assert_accessible(page)
