"""Which careers fit me, in a real browser and by keyboard only: a visitor who likes only
artistic activities answers all 48 with the keyboard and lands on design and art careers first;
the results page passes axe and reads on a phone."""

import pytest

from interests.models import InterestItem
from tests.browser.test_accessibility import assert_accessible
from tests.careers.test_match import career

ARTISTIC, OTHER = 4, 0  # "Like a lot", "Dislike a lot"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_a_visitor_answers_by_keyboard_and_sees_art_and_design_first(
    request, seeded_site, viewport
):
    page = request.getfixturevalue(viewport)
    career("Graphic designers", "27-1024", (2, 2, 7, 3, 4, 2), high_points="AE")
    career("File clerks", "43-4071", (2, 1, 1, 2, 2, 7), high_points="C")
    areas = [item.area for item in InterestItem.objects.published()]
    page.goto(seeded_site.url + "/careers/match/")
    assert_accessible(page)

    for _ in range(80):  # from the top of the page to the first activity, by Tab alone
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "radio":
            break
    for area in areas:  # Space picks "Dislike a lot"; each → one step towards "Like a lot"
        page.keyboard.press("Space")
        for _ in range(ARTISTIC if area == "A" else OTHER):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")  # the next activity's choices, then the button
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")

    page.wait_for_url("**/careers/match/?*")
    assert "a=100" in page.url
    first = page.locator(".match-results h3 a").first
    assert first.inner_text() == "Graphic designers"
    assert "Artistic" in page.locator(".match-results li").first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert_accessible(page)
