"""A job seeker asks a question from the guide page and says whether the page was useful."""

from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_accessible

GUIDE = "/careers/medical-records-specialist/"


def test_job_seeker_asks_a_question_and_sees_the_thank_you(page, seeded_site):
    page.goto(seeded_site.url + GUIDE)
    page.get_by_role("link", name="Ask a question about Medical Records Specialist").click()
    page.get_by_label("Your question").fill("Short")
    page.get_by_role("button", name="Send my question").click()

    # Too short: the form comes back with the error and what was typed.
    expect(page.get_by_text("Please write at least 10 characters")).to_be_visible()
    expect(page.get_by_label("Your question")).to_have_value("Short")
    assert_accessible(page)

    page.get_by_label("Your question").fill("Can I study for the CPC while working full time?")
    page.get_by_role("button", name="Send my question").click()

    expect(page.get_by_role("heading", name="Thank you for your question")).to_be_visible()
    assert_accessible(page)


def test_job_seeker_says_the_page_was_useful(phone_page, seeded_site):
    page = phone_page
    page.goto(seeded_site.url + "/certifications/cpc/")
    page.locator("#feedback").get_by_role("link", name="Yes").click()
    # The answer is chosen already; a comment is optional.
    expect(page.get_by_label("Yes")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("button", name="Send feedback").click()

    expect(page.locator("#feedback")).to_contain_text("Thank you for your feedback.")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)
