"""The health-information family in a real browser: the journey across the pathway map, and
the flagship's own checks (axe is in test_accessibility) for every new page: keyboard and
phone layout."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_keyboard import tab_through
from tests.family_pages import NEIGHBOURS

NEW_PAGES = [
    "/careers/pathway-map/",
    *(f"/careers/{slug}/" for slug in NEIGHBOURS),
    "/certifications/rhia/",
    "/certifications/ctr/",
    "/certifications/chds/",
    "/certifications/ccma/",
    "/certifications/finder/?work=registry&education=2&experience=2&setting=any&goal=growth",
]


def test_flagship_to_pathway_map_to_technologist_to_rhia_to_finder(page, seeded_site):
    page.goto(seeded_site.url + "/careers/medical-records-specialist/")
    panel = page.locator("#pathway-map")
    expect(panel.locator("a.pathway-node-current")).to_have_attribute(
        "href", "/careers/medical-records-specialist/"
    )
    panel.get_by_role("link", name="See the whole pathway map").click()
    expect(page).to_have_url(re.compile("/careers/pathway-map/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "How health information careers connect"
    )
    # The drawing's career boxes are links: follow the first step up.
    page.locator("svg.pathway-map a[href='/careers/health-information-technologist/']").click()
    expect(page).to_have_url(re.compile("/careers/health-information-technologist/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Health Information Technologist")
    expect(page.locator("#pay table.pay-table")).to_contain_text("$68,020")  # OEWS May 2025
    page.locator("#certifications").get_by_role("link", name=re.compile("^RHIA")).click()
    expect(page).to_have_url(re.compile("/certifications/rhia/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Registered Health Information")
    page.get_by_role("link", name="Which certification fits me?").click()
    expect(page).to_have_url(re.compile(r"/certifications/finder/\?work=management$"))
    expect(page.get_by_label("Managing health information")).to_be_checked()
    page.get_by_label("Bachelor’s degree or higher").check()
    page.get_by_label(re.compile("CAHIIM-accredited bachelor’s")).check()
    page.locator("input[name=experience]").first.check()
    page.get_by_label("Either").check()
    page.get_by_label("Long-term growth").check()
    page.get_by_role("button", name="Show my options").click()
    result = page.locator(".verdict").first
    expect(result).to_contain_text("RHIA")
    expect(result).to_contain_text("Eligible now")


def test_the_map_works_with_the_keyboard(page, seeded_site):
    for path in ("/careers/pathway-map/", "/careers/medical-transcriptionist/"):
        reached = tab_through(page, seeded_site.url + path)
        # Every career on the map is reached, as a link.
        nodes = page.locator("svg.pathway-map a").count()
        assert nodes >= 4
        assert sum("/careers/" in key for key in reached) >= nodes


@pytest.mark.parametrize("path", NEW_PAGES)
def test_no_new_page_scrolls_sideways_on_a_phone(phone_page, seeded_site, path):
    phone_page.goto(seeded_site.url + path)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} overflows horizontally by {overflow}px"


def test_on_a_phone_the_map_scrolls_inside_its_own_box(phone_page, seeded_site):
    phone_page.goto(seeded_site.url + "/careers/pathway-map/")
    box = phone_page.locator(".pathway-map-scroll").first
    inner, outer = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert inner > outer  # legible at its own size, not shrunk to 390 px
    # The same moves in words are there for anyone who would rather read.
    expect(phone_page.locator("ol.pathway-moves > li").first).to_be_visible()
