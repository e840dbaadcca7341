"""axe-core (bundled by axe-playwright-python) on every public page type: WCAG 2.x A and AA."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PAGE_TYPES = {
    "home": "/",
    "career list": "/careers/",
    "guide": "/careers/medical-records-specialist/",
    "certification list": "/certifications/",
    "certification": "/certifications/cpc/",
    "not found": "/no-such-page/",
    "compare": "/certifications/compare/?c=cpc&c=rhit",
    "finder form": "/certifications/finder/",
    "finder results": "/certifications/finder/?education=0&experience=0&setting=any&goal=quick",
    "finder error": "/certifications/finder/?education=9",
    "my plan (empty)": "/plan/",
    "ask a question": "/careers/medical-records-specialist/ask/",
    "question thanks": "/careers/medical-records-specialist/ask/thanks/",
    "feedback form": "/feedback/?path=/careers/medical-records-specialist/",
    "search": "/search/?q=medical+coder",
    "empty search": "/search/",
    "search error": "/search/?q=" + "x" * 201,
}


def axe_violations(page) -> list[dict]:
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def assert_accessible(page):
    violations = axe_violations(page)
    summary = "; ".join(
        f"{v['id']} ({v['impact']}): {len(v['nodes'])} element(s), e.g. {v['nodes'][0]['target']}"
        for v in violations
    )
    assert not violations, f"axe found {len(violations)} violation(s): {summary}"


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_page_has_no_wcag_violations(page, seeded_site, path):
    page.goto(seeded_site.url + path)
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    ["/careers/medical-records-specialist/", "/certifications/compare/", "/search/?q=coder"],
)
def test_phone_layout_has_no_wcag_violations(phone_page, seeded_site, path):
    phone_page.goto(seeded_site.url + path)
    assert_accessible(phone_page)


def test_the_check_fails_on_a_page_with_a_known_violation(page):
    page.set_content(
        '<!doctype html><html lang="en"><title>t</title><main><img src="x.png"></main>'
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
