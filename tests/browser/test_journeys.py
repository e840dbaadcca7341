"""What real people do, in a real browser."""

import re

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

GUIDE_PATH = "/careers/medical-records-specialist/"


def test_job_seeker_reads_the_guide_and_follows_a_certification(page, seeded_site):
    page.goto(seeded_site.url + "/")
    page.get_by_role("link", name="Read the Medical Records Specialist guide").click()
    expect(page).to_have_url(re.compile(GUIDE_PATH + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Medical Records Specialist")

    page.get_by_role("navigation", name="On this page").get_by_role(
        "link", name="Pay", exact=True
    ).click()
    expect(page).to_have_url(re.compile("#pay$"))
    expect(page.locator("#pay-heading")).to_be_in_viewport()
    expect(page.locator("#pay table.pay-table")).to_contain_text("$51,140")  # OEWS May 2025

    first_faq = page.locator("#faqs details").first
    assert first_faq.get_attribute("open") is None
    first_faq.locator("summary").click()
    expect(first_faq).to_have_attribute("open", "")
    expect(first_faq.locator(".faq-answer")).to_be_visible()

    page.locator("#certifications").get_by_role("link", name=re.compile("^CPC")).click()
    expect(page).to_have_url(re.compile("/certifications/cpc/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Certified Professional Coder")

    page.go_back()
    expect(page).to_have_url(re.compile(GUIDE_PATH))
    expect(page.get_by_role("heading", level=1)).to_have_text("Medical Records Specialist")


def test_phone_layout_never_overflows_and_navigation_works(phone_page, seeded_site):
    page = phone_page
    for path in (
        "/",
        "/careers/",
        GUIDE_PATH,
        "/certifications/",
        "/certifications/rhit/",
        "/search/?q=medical+coder",
    ):
        page.goto(seeded_site.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} overflows horizontally by {overflow}px"
    page.goto(seeded_site.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Certifications").click()
    expect(page).to_have_url(re.compile("/certifications/$"))
    page.get_by_role("link", name=re.compile("^CCA")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Certified Coding Associate")


def test_editor_changes_a_step_in_admin_and_sees_it_live(page, seeded_site):
    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-strong-pass-4321")
    page.goto(seeded_site.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a-strong-pass-4321")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Career guides").click()
    page.get_by_role("link", name="Medical Records Specialist").click()

    page.locator("[name='training_steps-0-title']").fill("Finish high school or a GED first")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(seeded_site.url + GUIDE_PATH)
    expect(page.locator("#pathway")).to_contain_text("Finish high school or a GED first")
    # Pay is BLS's, imported, not the editor's: saving the guide leaves it as it was.
    expect(page.locator("#pay table.pay-table")).to_contain_text("$51,140")


def test_job_seeker_compares_then_uses_the_finder_then_reads_the_step(page, seeded_site):
    page.goto(seeded_site.url + "/certifications/")
    page.get_by_role("link", name="Compare side by side").click()
    # With nothing picked, the coding credentials are compared, and ticked as such.
    page.get_by_role("checkbox", name="CCA: Certified Coding Associate").uncheck()
    page.get_by_role("checkbox", name="CCS: Certified Coding Specialist").uncheck()
    expect(page.get_by_role("checkbox", name="CPC: Certified Professional Coder")).to_be_checked()
    page.get_by_role("checkbox", name="RHIT: Registered Health Information Technician").check()
    page.get_by_role("button", name="Compare").click()
    expect(page).to_have_url(re.compile(r"c=cpc&c=rhit"))
    expect(page.locator("table.compare-table thead th")).to_have_count(2)

    page.get_by_role("link", name=re.compile("Answer six questions")).click()
    page.get_by_label("None yet").check()
    page.get_by_label("None", exact=True).check()
    page.get_by_label("Either").check()
    page.get_by_label("Start working quickly").check()
    page.get_by_role("button", name="Show my options").click()
    expect(page).to_have_url(re.compile(r"education=0"))
    cca = page.locator("li.verdict").filter(has_text="CCA: Certified Coding Associate")
    expect(cca).to_contain_text("Eligible after")

    cca.get_by_role("link", name="Finish high school or earn a GED").click()
    expect(page).to_have_url(re.compile(GUIDE_PATH + "#step-"))
    expect(page.get_by_role("heading", name=re.compile("Finish high school"))).to_be_in_viewport()


def test_compare_page_on_a_phone_shows_cards_without_overflow(phone_page, seeded_site):
    phone_page.goto(seeded_site.url + "/certifications/compare/")
    expect(phone_page.locator("table.compare-table")).to_be_hidden()
    expect(phone_page.locator(".compare-cards section")).to_have_count(3)
    overflow = phone_page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
