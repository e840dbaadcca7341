"""What the work is, in a real browser (the seeded O*NET sample): a job seeker types the name
employers use, lands on the career, reads its skills and related careers, follows a tool to
the careers that use it, and chooses another occupation inside a group, without JavaScript
needed and with axe passing."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_accessible


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_a_name_employers_use_leads_to_the_career_its_skills_and_related(
    request, seeded_site, viewport
):
    page = request.getfixturevalue(viewport)
    page.goto(seeded_site.url + "/search/?q=DMD")
    first = page.locator("main ol li, main .search-result").first
    assert "Also called" in first.inner_text()
    first.get_by_role("link").first.click()

    # expect() waits for the new page: the address commits before the page is parsed.
    expect(page).to_have_url(re.compile(r"/careers/dentists/$"))
    # What they do comes first, reached from "On this page".
    page.locator("nav.toc").get_by_role("link", name="What they do").click()
    expect(page).to_have_url(re.compile(r"#duties$"))
    assert page.locator("#duties li").count() >= 4
    skills = page.locator("#skills")
    assert skills.locator("meter").count() > 0
    assert "of 5" in skills.inner_text()
    assert_accessible(page)
    # O*NET relates general dentists to medical assistants, whose page the link opens.
    page.locator("#related-careers").get_by_role("link", name="Medical assistants").click()
    expect(page).to_have_url(re.compile(r"/careers/medical-assistant/$"))
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)


def test_a_tool_leads_to_the_careers_that_use_it_and_back_to_a_career(page, seeded_site):
    page.goto(seeded_site.url + "/careers/medical-records-specialist/")
    page.locator("#technology").get_by_role("link", name="Epic Systems").click()
    expect(page.locator("h1")).to_have_text("Careers that use Epic Systems")
    assert_accessible(page)
    page.get_by_role("link", name="Medical assistants").click()
    expect(page).to_have_url(re.compile(r"/careers/medical-assistant/$"))


def test_a_visitor_chooses_another_occupation_inside_a_group(page, seeded_site):
    page.goto(seeded_site.url + "/careers/secretaries-and-administrative-assistants/")
    page.get_by_label("Occupation shown").select_option("43-6013.00")
    page.locator("#work").get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"onet=43-6013\.00"))
    expect(page.locator("#work strong").first).to_contain_text("Medical Secretaries")
    assert_accessible(page)
