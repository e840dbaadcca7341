"""Hostile input (property-based): never a server error, never reflected unescaped."""

from urllib.parse import quote, quote_from_bytes

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

FIXED_PAYLOADS = [
    "\x00",
    "a\x00b",
    "' OR '1'='1' --",
    "1; DROP TABLE guides_careerguide; --",
    '") UNION SELECT password FROM auth_user --',
    "../../../../etc/passwd",
    "%00",
    "%%32%65",
    "\u202e\ufeff\ud7ff",
    "99999999999999999999999999999999",
    "-1",
    "A" * 10_000,
    "🙂" * 500,
]

# Payloads distinctive enough that finding them verbatim in a page means they were reflected.
markup_probes = st.integers(min_value=0, max_value=10**9).flatmap(
    lambda n: st.sampled_from(
        [
            f'<x-probe data-n="{n}">',
            f'"><script>probe({n})</script>',
            f"'><img src=x onerror=probe({n})>",
            f"javascript:probe({n})//<svg onload=probe({n})>",
        ]
    )
)
hostile_text = st.one_of(
    st.text(max_size=200),
    st.sampled_from(FIXED_PAYLOADS),
    markup_probes,
)
invalid_utf8_escapes = st.binary(min_size=1, max_size=40).map(lambda raw: quote_from_bytes(raw))

PATH_TEMPLATES = [
    "/careers/{}/",
    "/certifications/{}/",
    "/{}",
    "/careers/{}",
    "/admin/{}/",
    "/search/{}",
]
PAGES = [
    "/",
    "/careers/",
    "/careers/medical-records-specialist/",
    "/certifications/",
    "/certifications/cpc/",
    "/healthz",
    "/admin/login/",
    "/search/",
    "/certifications/compare/",
    "/certifications/finder/",
    "/plan/",
    "/plan/print/",
    "/careers/medical-records-specialist/ask/",
    "/feedback/",
]

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_safe(response, value: str):
    assert response.status_code < 500, (response.status_code, value)
    if "<" in value and ("probe" in value):
        assert value not in response.content.decode(errors="replace")


@FUZZ
@given(segment=hostile_text, template=st.sampled_from(PATH_TEMPLATES))
def test_hostile_paths(client, seeded, segment, template):
    response = client.get(template.format(quote(segment, safe="")))
    assert_safe(response, segment)


@FUZZ
@given(escapes=invalid_utf8_escapes, template=st.sampled_from(PATH_TEMPLATES))
def test_invalid_percent_escapes_in_paths(client, seeded, escapes, template):
    response = client.get(template.format(escapes))
    assert response.status_code < 500


@FUZZ
@given(page=st.sampled_from(PAGES), name=hostile_text, value=hostile_text)
def test_hostile_query_parameters(client, seeded, page, name, value):
    response = client.get(page, {name or "q": value, "page": value})
    assert_safe(response, value)


@FUZZ
@given(page=st.sampled_from(PAGES), escapes=invalid_utf8_escapes)
def test_invalid_percent_escapes_in_query_strings(client, seeded, page, escapes):
    response = client.get(f"{page}?q={escapes}&page={escapes}")
    assert response.status_code < 500


@FUZZ
@given(username=hostile_text, password=hostile_text)
def test_hostile_admin_login_form(client, username, password):
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code in (200, 302, 403, 429)
    assert_safe(response, username)


@FUZZ
@given(question=hostile_text, email=hostile_text, website=hostile_text)
def test_hostile_question_form(client, seeded, question, email, website):
    data = {"question": question, "email": email, "website": website}
    response = client.post("/careers/medical-records-specialist/ask/", data)
    assert response.status_code in (200, 302, 429)
    assert_safe(response, question)
    assert_safe(response, email)


@FUZZ
@given(path=hostile_text, useful=hostile_text, comment=hostile_text)
def test_hostile_feedback_form(client, seeded, path, useful, comment):
    data = {"path": path, "useful": useful, "comment": comment}
    response = client.post("/feedback/", data)
    assert response.status_code in (200, 302)
    assert_safe(response, comment)
    assert_safe(response, path)


@FUZZ
@given(state=hostile_text)
def test_hostile_state_on_the_pay_explorer(client, seeded, state):
    response = client.get("/careers/medical-records-specialist/", {"state": state})
    assert response.status_code == 200
    assert_safe(response, state)


@FUZZ
@given(item=hostile_text, target=hostile_text, note=hostile_text, total=hostile_text)
def test_hostile_plan_form(client, seeded, item, target, note, total):
    client.post("/plan/start/medical-records-specialist/")
    prefix = "plan-medical-records-specialist"
    data = {
        "plan": "medical-records-specialist",
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-0-item": item,
        f"{prefix}-0-target": target,
        f"{prefix}-0-note": note,
        f"{prefix}-0-done": "on",
    }
    response = client.post("/plan/", data)
    assert response.status_code in (200, 302)
    assert_safe(response, note)
    assert_safe(response, target)


EVERY_PAGE_TYPE = [
    *PAGES,
    "/careers/?education=bachelors&pay_min=1&pay_max=0",
    "/careers/actuaries/?state=Texas",
    "/careers/actuaries.json",
    "/careers/medical-records-specialist.json",
    "/careers/fields/",
    "/careers/fields/healthcare/",
    "/careers/compare/?c=actuaries&c=medical-assistants",
    "/careers/pathway-map/",
    "/careers/medical-records-specialist/ask/thanks/",
    "/certifications/finder/?education=9",
    "/plan/start/medical-records-specialist/",
    "/plan/calendar.ics",
    "/search/?q=coder",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "PUT", "PATCH", "DELETE", "CONNECT"])
def test_every_page_answers_any_method_without_a_server_error(client, seeded, method):
    # A scanner asks every page with every method; found by make scan: OPTIONS and TRACE on
    # the pages with forms (career finder, search, comparisons) were a 500.
    for url in EVERY_PAGE_TYPE:
        response = client.generic(method, url)
        assert response.status_code < 500, f"{method} {url}: {response.status_code}"
        if response.status_code == 405 or (method == "OPTIONS" and url != "/admin/login/"):
            assert "GET" in response.get("Allow", ""), f"{method} {url}"
        assert "public" not in response.get("Cache-Control", ""), f"{method} {url}"
