"""What the work is, in a real browser (the seeded O*NET sample): a job seeker types the name
employers use, lands on the career, reads its skills and related careers, follows a tool to
the careers that use it, and chooses another occupation inside a group, without JavaScript
needed and with axe passing."""

import pytest

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

    assert page.url.endswith("/careers/dentists/")
    # What they do comes first, reached from "On this page".
    page.locator("nav.toc").get_by_role("link", name="What they do").click()
    assert page.url.endswith("#duties")
    assert page.locator("#duties li").count() >= 4
    skills = page.locator("#skills")
    assert skills.locator("meter").count() > 0
    assert "of 5" in skills.inner_text()
    assert_accessible(page)
    # O*NET relates general dentists to medical assistants, whose page the link opens.
    page.locator("#related-careers").get_by_role("link", name="Medical assistants").click()
    assert page.url.endswith("/careers/medical-assistant/")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)


def test_a_tool_leads_to_the_careers_that_use_it_and_back_to_a_career(page, seeded_site):
    page.goto(seeded_site.url + "/careers/medical-records-specialist/")
    page.locator("#technology").get_by_role("link", name="Epic Systems").click()
    assert page.locator("h1").inner_text() == "Careers that use Epic Systems"
    assert_accessible(page)
    page.get_by_role("link", name="Medical assistants").click()
    assert page.url.endswith("/careers/medical-assistant/")


def test_a_visitor_chooses_another_occupation_inside_a_group(page, seeded_site):
    page.goto(seeded_site.url + "/careers/secretaries-and-administrative-assistants/")
    page.get_by_label("Occupation shown").select_option("43-6013.00")
    page.locator("#work").get_by_role("button", name="Show").click()
    assert "onet=43-6013.00" in page.url
    assert "Medical Secretaries" in page.locator("#work strong").first.inner_text()
    assert_accessible(page)
