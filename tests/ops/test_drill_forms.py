"""make drill's visitor (ops/drill_http.py) sends the site's real forms as a browser would.

The drill's soak counts questions and feedback it sent and compares them with the database, and
its publish step saves a guide through the admin's change form. These tests send the same forms
the same way through Django's test client, so a form the drill could no longer fill (a renamed
field, a new required one) fails here, in `make test`, rather than only in the drill.
"""

import importlib
import random
from pathlib import Path

import pytest
from django.test import Client

from feedback.models import PageFeedback
from guides.models import CareerGuide
from questions.models import SubmittedQuestion

pytestmark = pytest.mark.django_db

OPS = Path(__file__).resolve().parents[2] / "ops"
GUIDE = "/careers/medical-records-specialist/"


@pytest.fixture
def drill_http(monkeypatch):
    monkeypatch.syspath_prepend(str(OPS))
    return importlib.import_module("drill_http")


def send(client, page_path, form, changes):
    """What Visitor.submit sends, through the test client."""
    return client.post(form.action or page_path, dict_of_lists(form.data(changes)))


def dict_of_lists(pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def test_the_ask_form_as_sent_saves_the_question(seeded, drill_http):
    client = Client(enforce_csrf_checks=True)
    ask = f"{GUIDE}ask/"
    form = drill_http.form_posting_to(client.get(ask).text, ask)
    assert {"question", "email", "csrfmiddlewaretoken"} <= form.names()

    answer = send(client, ask, form, {"question": "Drill: how long does the training take?"})

    assert answer.status_code == 302
    assert answer["Location"].endswith("/ask/thanks/")
    assert SubmittedQuestion.objects.get().question == "Drill: how long does the training take?"


def test_the_feedback_link_then_form_saves_the_feedback(seeded, drill_http, monkeypatch):
    monkeypatch.syspath_prepend(str(OPS))
    feedback_link = importlib.import_module("drill_load").FEEDBACK_LINK
    client = Client(enforce_csrf_checks=True)
    link = feedback_link.search(client.get(GUIDE).text).group(1).replace("&amp;", "&")
    form = drill_http.form_posting_to(client.get(link).text, "/feedback/")

    answer = send(client, link, form, {"comment": "Drill feedback"})

    assert answer.status_code == 302
    assert answer["Location"].endswith("#feedback")
    saved = PageFeedback.objects.get()
    assert (saved.path, saved.comment) == (GUIDE, "Drill feedback")


def test_the_plan_forms_as_sent_start_and_update_a_plan(seeded, drill_http):
    client = Client(enforce_csrf_checks=True)
    start = "/plan/start/medical-records-specialist/"
    form = drill_http.form_posting_to(client.get(start).text, start)
    assert send(client, start, form, {}).status_code == 302
    plan = next(f for f in drill_http.forms_in(client.get("/plan/").text) if "plan" in f.names())
    prefix = "plan-medical-records-specialist-0-"
    assert {f"{prefix}note", f"{prefix}done"} <= plan.names()

    answer = send(client, "/plan/", plan, {f"{prefix}note": "Drill note", f"{prefix}done": "on"})

    assert answer.status_code == 302
    assert "Drill note" in client.get("/plan/").text


def test_the_admin_change_form_as_sent_saves_only_the_change(seeded, drill_http, admin_client):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    before = (guide.title, guide.overview, guide.training_steps.count(), guide.faqs.count())
    change = f"/admin/guides/careerguide/{guide.pk}/change/"
    form = next(
        f for f in drill_http.forms_in(admin_client.get(change).text) if "summary" in f.names()
    )

    answer = send(admin_client, change, form, {"summary": "Edited by the drill.", "_save": "Save"})

    assert answer.status_code == 302
    guide.refresh_from_db()
    assert guide.summary == "Edited by the drill."
    assert (guide.title, guide.overview, guide.training_steps.count(), guide.faqs.count()) == before


def test_random_finder_and_compare_queries_are_pages_not_errors(seeded, drill_http, client):
    rng = random.Random(3)
    for page in ("/careers/", "/careers/compare/"):
        form = next(
            f for f in drill_http.forms_in(client.get(page).text) if f.method == "get" and f.options
        )
        for _ in range(5):
            query = drill_http.query_string(form, drill_http.random_choices(form, rng))
            assert client.get(f"{page}?{query}").status_code == 200, query


def test_a_form_sends_checked_boxes_filled_fields_and_no_buttons(drill_http):
    html = """<form method="post" action="/x/">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input type="checkbox" name="done" checked><input type="checkbox" name="other" value="1">
      <input type="radio" name="r" value="a"><input type="radio" name="r" value="b" checked>
      <textarea name="note">
kept</textarea>
      <select name="s"><option value="1">One</option>
        <option value="2" selected>Two</option></select>
      <input type="text" name="off" disabled value="no">
      <button type="submit" name="go">Go</button><input type="submit" name="save" value="Save">
    </form>"""
    form = drill_http.form_posting_to(html, "/x/")

    assert form.data() == [
        ("csrfmiddlewaretoken", "t"), ("done", "on"), ("r", "b"), ("note", "kept"), ("s", "2")
    ]  # fmt: skip
    assert form.data({"r": "a", "other": "1", "note": "new", "save": "Save"}) == [
        ("csrfmiddlewaretoken", "t"), ("done", "on"), ("other", "1"), ("r", "a"), ("note", "new"),
        ("s", "2"), ("save", "Save"),
    ]  # fmt: skip
    assert form.options == {"s": ["1", "2"]}


def test_the_visitor_forgets_cookies_the_site_deletes(drill_http):
    visitor = drill_http.Visitor("http://127.0.0.1:1")
    visitor._remember("sessionid=abc; HttpOnly; Path=/")
    visitor._remember("messages=xyz; Path=/")
    visitor._remember('messages=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/')

    assert visitor.cookies == {"sessionid": "abc"}
