"""Exploring careers in a real browser: the finder, careers side by side, fields, profiles.

Every page on the way passes axe (WCAG 2.x A and AA); both journeys are also walked on a phone,
where no page may scroll sideways.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_accessible

POSTSECONDARY = ["Medical assistants", "Medical records specialists", "Medical transcriptionists"]


class Overflow(AssertionError):
    """A page of the journey scrolls sideways."""


class Journey:
    """Checks every page of a journey: accessible (at once), and no wider than the screen
    (noted, and raised as Overflow at the end, so the rest of the journey is still walked)."""

    def __init__(self, page):
        self.page = page
        self.overflows = []

    def check(self):
        page = self.page
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.viewport_size["width"]:
            self.overflows.append(f"{page.url} is {width}px wide")
        assert_accessible(page)

    def end(self):
        if self.overflows:
            raise Overflow(
                f"{len(self.overflows)} page(s) wider than the {self.page.viewport_size['width']}px"
                f" screen: {'; '.join(self.overflows)}"
            )


def career_rows(page):
    return page.locator("table.career-table tbody tr")


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_finder_then_compare_then_a_profile(request, seeded_site, viewport):
    page = request.getfixturevalue(viewport)
    journey = Journey(page)
    check = journey.check
    page.goto(seeded_site.url + "/careers/")
    check()

    page.get_by_label("Typical entry education").select_option(
        label="Postsecondary nondegree award"
    )
    page.get_by_role("button", name="Find careers").click()

    expect(page).to_have_url(re.compile(r"/careers/\?(.*&)?education=postsecondary_nondegree"))
    expect(career_rows(page)).to_have_count(len(POSTSECONDARY))
    titles = [text.strip() for text in career_rows(page).locator("th a").all_inner_texts()]
    assert titles == POSTSECONDARY
    expect(page.locator("#match-count")).to_contain_text("3 careers match")
    check()

    row = career_rows(page).filter(has_text="Medical assistants")
    row.get_by_role("link", name="Compare Medical assistants").click()

    expect(page).to_have_url(re.compile(r"/careers/compare/\?c=medical-assistants$"))
    expect(page.get_by_label("Career 1")).to_have_value("medical-assistants")
    expect(page.locator("main")).to_contain_text(
        "Choose at least one more career to compare with Medical assistants."
    )
    check()

    page.get_by_label("Career 2").select_option(label="Actuaries")
    page.get_by_label("With pay for a state").select_option("Texas")
    page.get_by_role("button", name="Compare", exact=True).click()

    expect(page).to_have_url(re.compile(r"c=medical-assistants&c=actuaries"))
    table = page.locator("table.compare-careers")
    expect(table.locator("thead th")).to_have_text(["Fact", "Medical assistants", "Actuaries"])
    median = table.locator("tbody tr").filter(has_text="Median pay, United States")
    expect(median.locator("td")).to_have_text(["$45,690 a year", "$130,000 a year"])  # OEWS
    texas = table.locator("tbody tr").filter(has_text="Median pay, Texas")
    expect(texas.locator("td")).to_have_text(["$39,520 a year", "$105,020 a year"])
    expect(page.get_by_label("Career 1")).to_have_value("medical-assistants")
    expect(page.get_by_label("Career 2")).to_have_value("actuaries")
    check()

    table.locator("thead").get_by_role("link", name="Actuaries").click()

    expect(page).to_have_url(re.compile(r"/careers/actuaries/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Actuaries")
    check()
    journey.end()


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_home_then_a_field_then_a_profile_then_a_similar_one(request, seeded_site, viewport):
    page = request.getfixturevalue(viewport)
    journey = Journey(page)
    check = journey.check
    page.goto(seeded_site.url + "/")
    check()

    fields = page.locator("section", has=page.locator("#fields-heading"))
    fields.get_by_role("link", name="Healthcare", exact=True).click()

    expect(page).to_have_url(re.compile(r"/careers/fields/healthcare/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Healthcare careers")
    check()

    page.locator("main table").get_by_role("link", name="Medical assistants").click()

    # A career with a guide of its own: the field's table leads straight to the guide.
    expect(page).to_have_url(re.compile(r"/careers/medical-assistant/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Medical Assistant")
    check()

    similar = page.locator("#similar")
    expect(similar.get_by_role("heading", name="Similar occupations")).to_be_visible()
    similar.get_by_role("link", name="Pharmacy technicians").click()

    expect(page).to_have_url(re.compile(r"/careers/pharmacy-technicians/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pharmacy technicians")
    check()
    journey.end()
