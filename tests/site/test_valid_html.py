"""Every page type is valid HTML, and the site's own CSS valid CSS, as the Nu Html Checker
(vnu.jar, the W3C's checker) reads them.

The pages are rendered by the test client in the states people meet them in (a plan, a form
sent back with errors, a thank-you message, a draft preview) and checked in one run of the
checker. `make test` installs it (ops/ensure-html-validator.sh); without Java or the jar
the test is skipped with the reason.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from core.unavailable import service_unavailable
from tests.factories import CareerGuideFactory
from tests.family_pages import FAMILY_PAGES
from tests.languages.spanish_pages import SPANISH_PAGES
from tests.plans.test_plans import PLAN_URL, START_URL, plan_form_data
from tests.tool_pages import CAREER_TOOL_PAGES

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "ops/html-validator/node_modules/vnu-jar/build/dist/vnu.jar"
GUIDE = "/careers/medical-records-specialist/"
ASK = f"{GUIDE}ask/"

PUBLIC_PAGES = {
    "home": "/",
    "career list": "/careers/",
    "career list, a field, page 1": "/careers/?field=healthcare",
    "profile": "/careers/actuaries/",
    "profile, a state beside the nation": "/careers/actuaries/?state=Texas&sort=median",
    "profile, a group without a figure": "/careers/secretaries-and-administrative-assistants/",
    "profile of a group with national figures only": "/careers/dentists/",
    "profile without statistics": "/careers/military-careers/",
    "guide": GUIDE,
    "guide, pay for a state": f"{GUIDE}?state=California",
    "guide, unknown state": f"{GUIDE}?state=Atlantis",
    "certification list": "/certifications/",
    "certification": "/certifications/cpc/",
    "compare": "/certifications/compare/?c=cpc&c=rhit",
    "compare, nothing chosen": "/certifications/compare/",
    "compare, unknown code": "/certifications/compare/?c=nope",
    "finder form": "/certifications/finder/",
    "finder results": "/certifications/finder/?education=0&experience=0&setting=any&goal=quick",
    "finder error": "/certifications/finder/?education=9",
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
    "my plan, empty": PLAN_URL,
    "ask a question": ASK,
    "question thanks": f"{ASK}thanks/",
    "feedback form": f"/feedback/?path={GUIDE}&useful=yes",
    "start a plan": "/plan/start/medical-records-specialist/",
    "not found": "/no-such-page/",
    **{f"{name} (es)": path for name, path in SPANISH_PAGES.items()},
}


def vnu_errors(documents: dict[str, str], folder: Path) -> dict[str, list[str]]:
    """{document name: the checker's errors}, for the documents that have any (one JVM run).

    Documents whose name ends in .css are checked as stylesheets, the others as HTML."""
    names = {}
    for index, (name, text) in enumerate(documents.items()):
        path = folder / f"document-{index}{'.css' if name.endswith('.css') else '.html'}"
        path.write_text(text, encoding="utf-8")
        names[path.name] = name
    options = ["--format", "json", "--errors-only", "--also-check-css"]
    result = subprocess.run(
        [shutil.which("java"), "-jar", str(VNU_JAR), *options]
        + [str(folder / file_name) for file_name in names],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stderr)["messages"]:
        if message["type"] != "error":  # e.g. a file it could not read: a broken check
            raise RuntimeError(f"vnu.jar could not check the pages: {message}")
        name = names[message["url"].rsplit("/", 1)[-1]]
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
        )
    return errors


@pytest.fixture
def nu_checker(tmp_path):
    if not shutil.which("java") or not VNU_JAR.is_file():
        pytest.skip(
            "The Nu Html Checker needs Java and ops/html-validator's vnu.jar: run `make test`"
            " (ops/ensure-html-validator.sh installs both where the machine allows)."
        )
    return lambda documents: vnu_errors(documents, tmp_path)


def pages_in_their_states(staff: Client) -> dict[str, str]:
    pages = {}
    for name, path in PUBLIC_PAGES.items():
        pages[name] = page(Client(), "get", path)

    planner = Client()
    planner.post(START_URL)
    pages["my plan, with steps"] = page(planner, "get", PLAN_URL)
    pages["my plan, month refused"] = page(
        planner, "post", PLAN_URL, plan_form_data(planner, item0={"target": "2020-01"})
    )
    pages["my plan, printable"] = page(planner, "get", f"{PLAN_URL}print/")
    pages["guide, visitor with a plan"] = page(planner, "get", GUIDE)

    pages["ask a question, errors"] = page(
        Client(), "post", ASK, {"question": "Why?", "email": "not-an-email", "website": ""}
    )
    visitor = Client()
    visitor.post("/feedback/", {"path": GUIDE, "useful": "no", "comment": "More on pay."})
    pages["guide, feedback thanked"] = page(visitor, "get", GUIDE)
    pages["feedback form, errors"] = page(Client(), "post", "/feedback/", {"path": GUIDE})

    draft = CareerGuideFactory(status="draft")
    pages["guide, draft preview for staff"] = page(staff, "get", draft.get_absolute_url())

    pages["server error"] = server_error(RequestFactory().get("/")).content.decode()
    unavailable = service_unavailable(RequestFactory().get(GUIDE))
    pages["briefly unavailable"] = unavailable.content.decode()
    sent = RequestFactory().post(ASK, {"question": "Can I train online?", "email": ""})
    pages["briefly unavailable, form kept"] = service_unavailable(sent).content.decode()
    return pages


def page(client, method: str, path: str, data=None) -> str:
    response = getattr(client, method)(path, data or {})
    assert response.status_code in (200, 400, 404, 429), (path, response.status_code)
    return response.content.decode()


def test_every_page_type_is_valid_html(nu_checker, seeded, staff_user):
    staff = Client()
    staff.force_login(staff_user)
    pages = pages_in_their_states(staff)

    errors = nu_checker(pages)

    report = "\n".join(f"{name}: {'; '.join(found)}" for name, found in errors.items())
    assert not errors, f"Invalid HTML on {len(errors)} of {len(pages)} pages:\n{report}"


def test_the_sites_own_stylesheets_are_valid_css(nu_checker):
    sheets = {
        f"static/css/{path.name}": path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "static" / "css").glob("*.css"))
    }
    assert sheets

    errors = nu_checker(sheets)

    report = "\n".join(f"{name}: {'; '.join(found)}" for name, found in errors.items())
    assert not errors, f"Invalid CSS:\n{report}"


def test_the_check_finds_invalid_html_and_css(nu_checker):
    broken = (
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><main><p><div>a block in a paragraph</div></p><a href="a b">link</a></main>'
    )
    valid = '<!doctype html><html lang="en"><head><title>t</title></head><body><p>ok</body>'

    errors = nu_checker({"broken": broken, "valid": valid, "broken.css": "p { colour: red }"})

    assert list(errors) == ["broken", "broken.css"]
    assert errors["broken.css"] == ["line 1: CSS: “colour”: Property “colour” doesn't exist."]
    assert any("“p” end tag" in error for error in errors["broken"])
    assert any("Bad value “a b” for attribute “href”" in error for error in errors["broken"])
