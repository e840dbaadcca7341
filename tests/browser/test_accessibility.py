"""axe-core (bundled by axe-playwright-python) on every public page type: WCAG 2.x A and AA."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.template.loader import render_to_string
from django.test import Client
from django.views.defaults import server_error

from core.unavailable import service_unavailable
from tests.factories import CareerGuideFactory
from tests.family_pages import FAMILY_PAGES
from tests.languages.spanish_pages import SPANISH_PAGE_TYPES
from tests.tool_pages import CAREER_TOOL_PAGES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
# Rules axe tags "experimental" and so leaves out of a run by tags; each checks a WCAG criterion
# the site keeps: label-content-name-mismatch is 2.5.3 Label in Name (a control's accessible
# name contains the text people see on it, so voice-control users can say what they see).
EXTRA_RULES = ["label-content-name-mismatch"]
PAGE_TYPES = {
    "home": "/",
    "career list": "/careers/",
    "profile": "/careers/actuaries/?state=Texas",
    "profile of a group": "/careers/secretaries-and-administrative-assistants/?sort=median",
    "profile without statistics": "/careers/military-careers/",
    "guide": "/careers/medical-records-specialist/",
    "certification list": "/certifications/",
    "certification": "/certifications/cpc/",
    "not found": "/no-such-page/",
    "compare": "/certifications/compare/?c=cpc&c=rhit",
    "compare, nothing chosen": "/certifications/compare/",
    "compare, unknown code": "/certifications/compare/?c=nope",
    "guide, unknown state": "/careers/medical-records-specialist/?state=Atlantis",
    "finder form": "/certifications/finder/",
    "finder results": "/certifications/finder/?education=0&experience=0&setting=any&goal=quick",
    "finder error": "/certifications/finder/?education=9",
    "my plan (empty)": "/plan/",
    "ask a question": "/careers/medical-records-specialist/ask/",
    "question thanks": "/careers/medical-records-specialist/ask/thanks/",
    "feedback form": "/feedback/?path=/careers/medical-records-specialist/&useful=yes",
    "start a plan": "/plan/start/medical-records-specialist/",
    "search": "/search/?q=medical+coder",
    "empty search": "/search/",
    "search error": "/search/?q=" + "x" * 201,
    "fields": "/careers/fields/",
    "field": "/careers/fields/healthcare/",
    "finder with filters": "/careers/?education=postsecondary_nondegree&sort=-median&state=Texas",
    "career finder error": "/careers/?pay_min=90000&pay_max=10",
    "compare careers": "/careers/compare/?c=actuaries&c=medical-assistants&state=Texas",
    "compare, one career": "/careers/compare/?c=actuaries",
    **FAMILY_PAGES,
    **CAREER_TOOL_PAGES,
    **{f"{name} (es)": path for name, path in SPANISH_PAGE_TYPES.items()},
}


def axe_violations(page) -> list[dict]:
    options = {
        "runOnly": {"type": "tag", "values": WCAG_TAGS},
        "rules": {rule: {"enabled": True} for rule in EXTRA_RULES},
        "resultTypes": ["violations"],
    }
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
    [
        "/careers/medical-records-specialist/",
        "/careers/actuaries/",
        "/certifications/compare/",
        "/search/?q=coder",
        "/es/careers/medical-records-specialist/",
    ],
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


def test_the_check_fails_when_a_controls_name_leaves_out_its_visible_text(page):
    page.set_content(
        '<!doctype html><html lang="en"><title>t</title><main>'
        '<a href="/tx/" aria-label="Texas: median pay">TX</a></main>'
    )
    with pytest.raises(AssertionError, match="label-content-name-mismatch"):
        assert_accessible(page)


def test_printable_plan_has_no_wcag_violations(page, seeded_site):
    page.goto(seeded_site.url + "/careers/medical-records-specialist/")
    page.get_by_role("link", name="Start my plan").click()
    page.get_by_role("button", name="Start my plan").click()
    page.goto(seeded_site.url + "/plan/print/")
    assert_accessible(page)


def test_draft_preview_for_staff_has_no_wcag_violations(page, seeded_site, staff_user):
    draft = CareerGuideFactory(status="draft")
    staff = Client()
    staff.force_login(staff_user)
    page.context.add_cookies(
        [
            {"name": name, "value": c.value, "url": seeded_site.url}
            for name, c in staff.cookies.items()
        ]
    )
    page.goto(seeded_site.url + draft.get_absolute_url())
    assert "Draft preview" in page.content()
    assert_accessible(page)


@pytest.mark.parametrize(
    "name", ["server error", "locked out", "briefly unavailable", "briefly unavailable, form kept"]
)
def test_pages_no_address_leads_to_have_no_wcag_violations(page, seeded_site, rf, name):
    # The 500 page and django-axes' lockout page are served at the live server's origin, so
    # the site's own CSS loads and axe checks them as a visitor would see them.
    request = rf.get("/")
    if name == "server error":
        html = server_error(request).content.decode()
    elif name == "briefly unavailable":
        html = service_unavailable(request).content.decode()
    elif name == "briefly unavailable, form kept":
        sent = rf.post("/careers/medical-records-specialist/ask/", {"question": "Can I?" * 30})
        html = service_unavailable(sent).content.decode()
    else:
        html = render_to_string("registration/locked_out.html", request=request)
    url = f"{seeded_site.url}/__{name.replace(' ', '-').replace(',', '')}__/"
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(url)
    assert page.locator("h1").count() == 1
    sheets = "[...document.styleSheets]"
    assert page.evaluate(f"{sheets}.length > 0 && {sheets}.every(sheet => sheet.cssRules.length)")
    assert_accessible(page)
