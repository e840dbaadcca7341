"""The site in Spanish, in a real browser: home → search "registros médicos" → the guide → a
certification → which careers fit me (answered by keyboard) → a result → the plan, every page
in Spanish (its language, its interface text), on a desktop and a phone, axe passing on each."""

import re

import pytest
from playwright.sync_api import expect

from interests.models import InterestItem
from tests.browser.test_accessibility import assert_accessible
from tests.careers.test_match import career

CONVENTIONAL, OTHER = 4, 0  # "Me gusta mucho", "No me gusta nada"


def in_spanish(page):
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.locator("a.site-language")).to_have_text("English")
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_a_spanish_speaker_goes_from_search_to_a_plan(request, seeded_site, viewport):
    page = request.getfixturevalue(viewport)
    career("File clerks", "43-4071", (2, 1, 1, 2, 2, 7), high_points="C")
    page.goto(seeded_site.url + "/es/")
    in_spanish(page)

    page.get_by_label("Buscar en CareerPath").first.fill("registros médicos")
    page.get_by_label("Buscar en CareerPath").first.press("Enter")
    expect(page).to_have_url(re.compile(r"/es/search/\?q="))
    expect(page.locator("h1")).to_contain_text("Resultados")
    in_spanish(page)

    page.locator(".search-result h2 a").filter(has_text="registros médicos").first.click()
    expect(page).to_have_url(re.compile(r"/es/careers/medical-records-specialist/$"))
    expect(page.locator("h1")).to_have_text("Especialista en registros médicos")
    expect(page.locator("#pay")).to_contain_text("al año")
    in_spanish(page)

    page.locator("#certifications a[href$='/es/certifications/cpc/']").first.click()
    expect(page).to_have_url(re.compile(r"/es/certifications/cpc/$"))
    expect(page.locator("h1")).to_contain_text("CPC")
    in_spanish(page)

    page.get_by_role("link", name="CareerPath", exact=True).click()
    page.get_by_role("link", name=re.compile("carreras que van con sus intereses")).first.click()
    expect(page).to_have_url(re.compile(r"/es/careers/match/$"))
    in_spanish(page)
    for _ in range(80):  # to the first activity by Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    for item in InterestItem.objects.published():
        page.keyboard.press("Space")
        for _ in range(CONVENTIONAL if item.area == "C" else OTHER):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/careers/match/?*")
    expect(page.locator(".match-results h3 a").first).to_be_visible()
    in_spanish(page)

    page.locator(".match-results li").first.get_by_role(
        "link", name=re.compile("Empezar un plan")
    ).click()
    expect(page).to_have_url(re.compile(r"/es/plan/start/"))
    in_spanish(page)
    page.get_by_role("button", name="Empezar mi plan").click()
    expect(page).to_have_url(re.compile(r"/es/plan/(#.*)?$"))
    expect(page.locator("h1")).to_contain_text("plan")
    in_spanish(page)
