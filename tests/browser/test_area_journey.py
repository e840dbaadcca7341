"""Pay where you live, in a real browser (the seeded OEWS sample: the areas of Texas and New
York): home → an area → a career there → pay near you → every area of the career, sorted by
median; on a desktop and a phone, without JavaScript needed, with axe passing on each page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_accessible


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_a_job_seeker_starts_from_where_they_live(request, seeded_site, viewport):
    page = request.getfixturevalue(viewport)
    page.goto(seeded_site.url + "/")

    page.get_by_role("link", name=re.compile("Pay where you live")).click()
    expect(page.locator("h1")).to_contain_text("Pay where you live")
    page.get_by_label("Find your city or area").fill("abilene")
    page.get_by_role("button", name="Find").click()

    expect(page).to_have_url(re.compile(r"/pay/abilene-tx/$"))
    expect(page.locator("h1")).to_contain_text("Abilene, TX")
    assert_accessible(page)
    # A career there: its pay in Abilene beside Texas and the nation.
    page.get_by_role("link", name=re.compile("pay here for medical records", re.I)).first.click()
    expect(page).to_have_url(re.compile(r"\?area=10180#pay$"))
    headers = page.locator("#pay table.pay-table thead th")
    expect(headers).to_contain_text(["Texas, a year", "Abilene, TX, a year"])
    assert page.get_by_label("Pay near you: a city or area").input_value() == "Abilene, TX"
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)

    # Pay near you, typed: another city, then every area of the career by median.
    page.get_by_label("Pay near you: a city or area").fill("Amarillo")
    page.get_by_role("button", name="Show pay near you").click()
    expect(page.locator("#pay table.pay-table thead th")).to_contain_text(["Amarillo, TX, a year"])
    page.get_by_role("link", name="Every area that publishes this career").click()
    expect(page.locator("h1")).to_contain_text("pay by city and area")
    page.get_by_label("Sort by").select_option("median")
    page.get_by_role("button", name="Show areas").click()
    expect(page).to_have_url(re.compile(r"sort=median"))
    medians = page.locator("table.area-pay-table tbody tr td:nth-child(3)").all_inner_texts()
    amounts = [int(re.sub(r"[^0-9]", "", text)) for text in medians if "$" in text]
    assert len(amounts) > 10
    assert amounts == sorted(amounts, reverse=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)
