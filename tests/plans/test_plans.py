"""My pathway plan: kept in the visitor's session, ticked off with plain forms, printable, .ics."""

import datetime
import io
import re

import pytest
from django.conf import settings
from django.test import Client
from icalendar import Calendar

from content_packs.export import export_pack
from content_packs.importing import import_pack
from guides.models import CareerGuide, TrainingStep
from plans.forms import PlanItemForm
from tests.conftest import soup
from tests.factories import CareerGuideFactory, TrainingStepFactory

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
START_URL = "/plan/start/medical-records-specialist/"
PLAN_URL = "/plan/"
PREFIX = "plan-medical-records-specialist"
NEXT_MONTH = (datetime.date.today().replace(day=1) + datetime.timedelta(days=32)).strftime("%Y-%m")
EXAMPLE = f"{datetime.date.today().year + 1}-03"  # March of next year


@pytest.fixture
def planner(seeded):
    """A visitor who pressed "Start my plan" on the flagship guide."""
    visitor = Client()
    visitor.post(START_URL)
    return visitor


def plan_form_data(visitor, **changes):
    """The plan page's form as the browser would send it, with `changes` per item index."""
    form = soup(visitor.get(PLAN_URL)).find("form", class_="plan-form")
    data = {"plan": "medical-records-specialist"}
    for field in form.find_all(["input", "textarea"]):
        name = field.get("name")
        if not name or (field.get("type") == "checkbox" and not field.has_attr("checked")):
            continue
        data[name] = field.get("value", "") if field.name == "input" else field.text
    for index, values in changes.items():
        for name, value in values.items():
            key = f"{PREFIX}-{index.removeprefix('item')}-{name}"
            if value is None:
                data.pop(key, None)
            else:
                data[key] = value
    return data


def progress(visitor) -> str:
    return soup(visitor.get(PLAN_URL)).find(class_="plan-progress").get_text(" ", strip=True)


# Starting a plan ---------------------------------------------------------------------------


def test_guide_page_offers_to_start_a_plan(client, seeded):
    panel = soup(client.get(GUIDE_URL)).find("aside", class_="plan-panel")
    assert panel.find("form") is None  # the guide page is the same for everyone: no token
    link = panel.find("a", string="Start my plan")
    assert link["href"] == START_URL


def test_the_start_page_says_what_the_plan_holds_and_makes_it(client, seeded):
    page = soup(client.get(START_URL))
    assert "Start a plan for Medical Records Specialist" in page.find("h1").text
    steps = TrainingStep.objects.filter(guide__slug="medical-records-specialist").count()
    assert f"{steps} training steps" in page.find("main").text
    form = page.find("main").find("form")
    assert form["method"] == "post"
    assert form["action"] == START_URL
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("button").text == "Start my plan"
    assert form.find("a", href=GUIDE_URL)  # and a way back


def test_the_start_page_sends_a_visitor_who_has_the_plan_to_it(planner):
    response = planner.get(START_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{PLAN_URL}#plan-medical-records-specialist"


def test_starting_a_plan_lists_the_guides_steps_and_certifications(seeded):
    visitor = Client()
    response = visitor.post(START_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{PLAN_URL}#plan-medical-records-specialist"
    page = soup(visitor.get(PLAN_URL))
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    expected = [step.title for step in guide.training_steps.all()] + [
        f"Earn the {code} certification" for code in ("CCA", "CPC", "RHIT")
    ]
    assert [legend.a.text for legend in page.select(".plan-item legend")] == expected
    assert "0 of 7 steps done" in progress(visitor)
    assert "Your plan for Medical Records Specialist is ready" in page.find(role="status").text


def test_the_next_step_is_highlighted_with_its_time_and_cost(planner):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    first = guide.training_steps.first()

    next_card = soup(planner.get(PLAN_URL)).find(class_="plan-next")

    assert first.title in next_card.text
    if first.typical_duration:
        assert first.typical_duration in next_card.text
    second = guide.training_steps.all()[1]
    second.cost_min, second.cost_max, second.cost_source = 1200, 4500, "College fees, 2026"
    second.save()
    planner.post(PLAN_URL, plan_form_data(planner, item0={"done": "on"}))

    next_card = soup(planner.get(PLAN_URL)).find(class_="plan-next")

    assert second.title in next_card.text
    assert "Cost: $1,200–$4,500 (College fees, 2026)" in next_card.text


def test_the_guide_page_shows_the_visitors_own_progress_only_to_them(planner):
    planner.post(PLAN_URL, plan_form_data(planner, item0={"done": "on"}))

    mine = soup(planner.get(GUIDE_URL)).find("aside", class_="plan-panel").text
    theirs = soup(Client().get(GUIDE_URL)).find("aside", class_="plan-panel").text

    assert "1 of 7 steps done" in mine
    assert "Open my plan" in mine
    assert "steps done" not in theirs
    assert "Start my plan" in theirs


def test_starting_again_keeps_the_progress(planner):
    planner.post(PLAN_URL, plan_form_data(planner, item0={"done": "on"}))
    response = planner.post(START_URL, follow=True)
    assert "You already have a plan" in response.content.decode()
    assert "1 of 7 steps done" in progress(planner)


def test_the_plan_outlives_the_browser_session(planner):
    assert planner.session.get_expire_at_browser_close() is False
    assert planner.session.get_expiry_age() == settings.PLAN_SESSION_AGE
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"  # server-side


def test_draft_or_unknown_guides_cannot_be_planned(client, seeded):
    draft = CareerGuideFactory(status="draft")
    assert client.post(f"/plan/start/{draft.slug}/").status_code == 404
    assert client.post("/plan/start/no-such-guide/").status_code == 404


def test_the_start_page_of_a_draft_or_unknown_guide_is_not_found(client, seeded):
    draft = CareerGuideFactory(status="draft")
    assert client.get(f"/plan/start/{draft.slug}/").status_code == 404
    assert client.get("/plan/start/no-such-guide/").status_code == 404


def test_an_empty_plan_page_explains_how_to_start(client, seeded):
    page = soup(client.get(PLAN_URL))
    assert "You have no plan yet" in page.find("main").text
    assert page.find("main").find("a", href="/careers/")


# Working on the plan -----------------------------------------------------------------------


def test_ticking_a_step_and_setting_a_month_and_note(planner):
    data = plan_form_data(
        planner, item0={"done": "on", "target": NEXT_MONTH, "note": "Enrolled at the college."}
    )

    response = planner.post(PLAN_URL, data)

    assert response.status_code == 302  # POST-redirect-GET
    page = soup(planner.get(PLAN_URL))
    assert "1 of 7 steps done" in progress(planner)
    assert page.find("input", attrs={"name": f"{PREFIX}-0-done"}).has_attr("checked")
    assert page.find("input", attrs={"name": f"{PREFIX}-0-target"})["value"] == NEXT_MONTH
    assert (
        page.find("textarea", attrs={"name": f"{PREFIX}-0-note"}).text == "Enrolled at the college."
    )
    assert "was saved" in page.find(role="status").text
    assert page.find(class_="plan-next").a.text != page.select(".plan-item legend a")[0].text


def test_unticking_a_step(planner):
    planner.post(PLAN_URL, plan_form_data(planner, item0={"done": "on"}))
    planner.post(PLAN_URL, plan_form_data(planner, item0={"done": None}))
    assert "0 of 7 steps done" in progress(planner)


def test_the_month_fields_example_is_never_in_the_past(planner):
    label = soup(planner.get(PLAN_URL)).find("label", attrs={"for": f"id_{PREFIX}-0-target"})
    assert f"(optional, e.g. {EXAMPLE})" in label.text.replace("\xa0", " ")
    for today in (datetime.date(2030, 1, 1), datetime.date(2030, 12, 31)):
        form = PlanItemForm({"item": "step-1", "target": "soon"}, item_keys=["step-1"], today=today)
        assert not form.is_valid()
        assert form.errors["target"] == ["Enter the month as year and month, e.g. 2031-03."]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"target": "2020-01"}, "A target month cannot be in the past."),
        ({"target": "next spring"}, f"Enter the month as year and month, e.g. {EXAMPLE}."),
        ({"target": "2027-13"}, f"Enter the month as year and month, e.g. {EXAMPLE}."),
        ({"target": "9999-01"}, "Choose a month within the next 20 years."),
        ({"note": "x" * 501}, "Ensure this value has at most 500 characters (it has 501)."),
        ({"item": "step-999999"}, "That step is not in your plan."),
    ],
)
def test_bad_input_gets_a_message_keeps_what_was_typed_and_saves_nothing(planner, changes, message):
    planner.post(PLAN_URL, plan_form_data(planner, item1={"note": "Saved earlier."}))
    changes = {**changes, "done": "on"}
    data = plan_form_data(planner, item0=changes)
    data[f"{PREFIX}-1-note"] = "Typed but not saved yet"

    response = planner.post(PLAN_URL, data)

    assert response.status_code == 200
    page = soup(response)
    assert message in page.find("main").text
    assert "Nothing was saved yet" in page.find("main").text
    if "target" in changes:
        assert (
            page.find("input", attrs={"name": f"{PREFIX}-0-target"})["value"] == changes["target"]
        )
    assert (
        page.find("textarea", attrs={"name": f"{PREFIX}-1-note"}).text == "Typed but not saved yet"
    )
    saved = soup(planner.get(PLAN_URL))
    assert saved.find("textarea", attrs={"name": f"{PREFIX}-1-note"}).text == "Saved earlier."
    assert "0 of 7 steps done" in progress(planner)


def test_a_tampered_form_is_rejected_clearly(planner):
    data = plan_form_data(planner)
    data[f"{PREFIX}-TOTAL_FORMS"] = "100000"
    response = planner.post(PLAN_URL, data)
    assert response.status_code == 200
    assert "Nothing was saved yet" in response.content.decode()

    data = plan_form_data(planner)
    data[f"{PREFIX}-1-item"] = data[f"{PREFIX}-0-item"]
    assert "A step appears twice" in planner.post(PLAN_URL, data).content.decode()


def test_saving_a_plan_that_does_not_exist(client, seeded):
    response = client.post(PLAN_URL, {"plan": "medical-records-specialist"}, follow=True)
    assert "That plan no longer exists; nothing was changed." in response.content.decode()


def test_the_plan_page_is_never_cached(planner):
    assert "no-store" in planner.get(PLAN_URL)["Cache-Control"]


def test_removing_a_plan(planner):
    response = planner.post("/plan/remove/medical-records-specialist/", follow=True)
    assert "The plan was removed." in response.content.decode()
    assert "You have no plan yet" in response.content.decode()


# When the guide changes under a plan -------------------------------------------------------


def test_removed_steps_are_kept_as_no_longer_in_the_guide_and_new_steps_appear(planner):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    removed, kept = list(guide.training_steps.all())[:2]
    planner.post(
        PLAN_URL,
        plan_form_data(
            planner, item0={"done": "on", "note": "Did it at night school"}, item1={"done": "on"}
        ),
    )
    removed.delete()
    TrainingStepFactory(guide=guide, title="A brand-new step", position=99)

    page = soup(planner.get(PLAN_URL))

    titles = [legend.a.text for legend in page.select(".plan-item legend")]
    assert removed.title not in titles
    assert "A brand-new step" in titles
    gone = page.find("ul", class_="plan-removed").text
    assert removed.title in gone
    assert "no longer in the guide" in gone
    assert "Did it at night school" in gone
    assert "1 of 7 steps done" in progress(planner)  # the kept step stays done
    assert page.find("input", attrs={"value": f"step-{kept.pk}"})


def test_a_plan_keeps_its_ticks_when_an_imported_pack_edits_the_guide(planner):
    planner.post(
        PLAN_URL,
        plan_form_data(
            planner, item0={"done": "on", "note": "Evening classes"}, item1={"done": "on"}
        ),
    )
    pack = export_pack()
    flagship = next(g for g in pack["guides"] if g["slug"] == "medical-records-specialist")
    steps = flagship["training_steps"]
    steps[0]["description"] = "Rewritten by an editor in the pack."
    for step in steps:
        step["position"] += 1
    steps.insert(0, {**steps[-1], "position": 0, "title": "Shadow a coder for a day"})

    import_pack(pack)

    page = soup(planner.get(PLAN_URL))
    assert not page.find("ul", class_="plan-removed")  # nothing lost its step
    assert "2 of 8 steps done" in progress(planner)
    first_saved = page.find("textarea", string="Evening classes")
    assert first_saved is not None


def test_saving_after_the_guide_changed_keeps_the_removed_steps_notes(planner):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    planner.post(PLAN_URL, plan_form_data(planner, item0={"note": "Keep this note"}))
    guide.training_steps.first().delete()

    planner.post(PLAN_URL, plan_form_data(planner, item0={"done": "on"}))

    assert "Keep this note" in soup(planner.get(PLAN_URL)).find("ul", class_="plan-removed").text


def test_a_plan_for_a_guide_that_was_unpublished_is_kept(planner):
    CareerGuide.objects.filter(slug="medical-records-specialist").update(status="draft")
    page = soup(planner.get(PLAN_URL))
    assert "This career is no longer published" in page.text
    assert len(page.select("ul.plan-removed li")) == 7


# Print and calendar ------------------------------------------------------------------------


def test_print_view_lists_every_step_with_its_state(planner):
    planner.post(PLAN_URL, plan_form_data(planner, item0={"done": "on", "note": "Booked"}))

    page = soup(planner.get("/plan/print/"))

    rows = page.select("main table tbody tr")
    assert len(rows) == 7
    assert rows[0].find("td").text == "Yes"
    assert "Booked" in rows[0].text
    assert "Print" in page.find("main").text
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_calendar_has_an_all_day_event_per_target_month(planner):
    planner.post(
        PLAN_URL,
        plan_form_data(planner, item0={"target": NEXT_MONTH, "note": "Ask about evening classes"}),
    )
    page = soup(planner.get(PLAN_URL))
    assert page.find("a", href="/plan/calendar.ics")

    response = planner.get("/plan/calendar.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert b"\r\n" in response.content
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    year, month = map(int, NEXT_MONTH.split("-"))
    assert event.decoded("dtstart") == datetime.date(year, month, 1)
    first_step = CareerGuide.objects.get(slug="medical-records-specialist").training_steps.first()
    assert str(event["summary"]) == f"Medical Records Specialist: {first_step.title}"
    assert "Ask about evening classes" in str(event["description"])
    assert str(event["url"]).startswith(
        "http://testserver/careers/medical-records-specialist/#step-"
    )
    assert re.match(r"^step-\d+", str(event["uid"]).removeprefix("medical-records-specialist-"))


def test_calendar_without_target_months_explains_what_to_do(planner):
    response = planner.get("/plan/calendar.ics", follow=True)
    assert "Set a target month on a step first" in response.content.decode()


# Caching stays per visitor --------------------------------------------------------------------


def test_a_visitors_page_is_fresh_after_they_change_their_plan(planner, settings):
    settings.PAGE_CACHE_ENABLED = True
    assert "0 of 7 steps done" in planner.get(GUIDE_URL).content.decode()
    planner.post(PLAN_URL, plan_form_data(planner, item0={"done": "on"}))
    planner.get(PLAN_URL)  # reads the "saved" notice

    again = planner.get(GUIDE_URL)

    assert again.status_code == 200
    assert "1 of 7 steps done" in again.content.decode()


def test_a_visitors_guide_page_is_theirs_alone(planner, settings):
    settings.PAGE_CACHE_ENABLED = True
    planner.get(PLAN_URL)  # reads the "ready" notice
    page = planner.get(GUIDE_URL)
    assert "no-store" in page["Cache-Control"]
    assert "private" in page["Cache-Control"]
    assert not page.has_header("ETag")  # nothing for a shared cache to revalidate
    assert page.templates  # rendered for them every time
    assert planner.get(GUIDE_URL).templates


def test_steps_are_the_guides_not_a_copy(planner):
    step = TrainingStep.objects.filter(guide__slug="medical-records-specialist").first()
    step.title = "Renamed by an editor"
    step.save()
    assert (
        "Renamed by an editor" in soup(planner.get(PLAN_URL)).select(".plan-item legend a")[0].text
    )


# A plan for a career without a guide ----------------------------------------------------------


def test_a_career_without_a_guide_gets_a_plan_of_the_handbooks_steps(seeded):
    from occupations.models import Occupation

    actuaries = Occupation.objects.get(slug="actuaries")
    visitor = Client()
    page = soup(visitor.get("/plan/start/actuaries/"))
    assert "Start a plan for Actuaries" in page.find("h1").text
    listed = [li.get_text() for li in page.find("main").select("ul li")]
    assert f"Complete: {actuaries.get_entry_education_display()}" in listed
    response = visitor.post("/plan/start/actuaries/")
    assert response["Location"] == f"{PLAN_URL}#plan-actuaries"
    plan = soup(visitor.get(PLAN_URL)).find(id="plan-actuaries-heading").find_parent("section")
    assert plan.find("a", href=f"{actuaries.get_absolute_url()}#how-to-become")


def test_a_profile_a_guide_covers_starts_the_guides_plan(seeded):
    """One page, and one plan, per career: the profile's address leads to the guide's plan."""
    visitor = Client()
    profile = "/plan/start/medical-records-and-health-information-technicians/"
    assert "Start a plan for Medical Records Specialist" in soup(visitor.get(profile)).text
    assert visitor.post(profile)["Location"] == f"{PLAN_URL}#plan-medical-records-specialist"


def test_an_unknown_career_has_no_plan_to_start(client):
    assert client.get("/plan/start/no-such-career/").status_code == 404


def test_matcher_results_and_next_steps_lead_to_a_plan(client, seeded):
    from django.core.management import call_command

    from tests.conftest import ship_questionnaire

    ship_questionnaire()
    call_command("build_next_steps", stdout=io.StringIO())
    results = soup(client.get("/careers/match/?r=10&i=80&a=5&s=60&e=20&c=50"))
    assert results.select_one(".match-results a[href^='/plan/start/']")
    steps = soup(client.get("/careers/dentists/next/"))
    assert steps.select_one("a[href^='/plan/start/']")
