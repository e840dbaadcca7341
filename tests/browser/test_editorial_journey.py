"""The editorial workflow in a real browser: an editor's change goes through review to the
public, and a publisher takes it back."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from editorial.roles import EDITOR, PUBLISHER
from guides.models import CareerGuide

GUIDE_PATH = "/careers/medical-records-specialist/"
PASSWORD = "a-strong-pass-4321"
NEW_STEP = "Earn a high school diploma or GED before anything else"


def staff_member(username: str, group: str):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))


def sign_in(browser, site, username: str):
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(site.url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()
    return page


def test_editor_submits_publisher_publishes_then_reverts(page, browser, seeded_site):
    staff_member("edna", EDITOR)
    staff_member("percy", PUBLISHER)
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    old_step = guide.training_steps.order_by("position", "pk").first().title
    public = page  # a visitor who never signs in

    public.goto(seeded_site.url + GUIDE_PATH)
    expect(public.locator("#pathway")).to_contain_text(old_step)

    # The editor changes the first step and submits the guide for review.
    editor = sign_in(browser, seeded_site, "edna")
    editor.get_by_role("link", name="Career guides").click()
    editor.get_by_role("link", name="Medical Records Specialist").click()
    expect(editor.locator("select[name='status'] option[value='published']")).to_have_count(1)
    expect(editor.locator("select[name='status'] option[value='draft']")).to_have_count(0)
    editor.locator("[name='training_steps-0-title']").fill(NEW_STEP)
    editor.locator("select[name='status']").select_option(label="In review")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(editor.locator("select[name='action'] option[value='publish']")).to_have_count(0)

    # In review: the public cannot see it yet.
    response = public.goto(seeded_site.url + GUIDE_PATH)
    assert response.status == 404

    # The publisher publishes it from the list.
    publisher = sign_in(browser, seeded_site, "percy")
    publisher.get_by_role("link", name="Career guides").click()
    publisher.locator(f"input[name='_selected_action'][value='{guide.pk}']").check()
    publisher.locator("select[name='action']").select_option("publish")
    publisher.get_by_role("button", name="Run").click()
    expect(publisher.locator(".messagelist")).to_contain_text("1 career guide is now published")

    public.goto(seeded_site.url + GUIDE_PATH)
    expect(public.locator("#pathway")).to_contain_text(NEW_STEP)

    # The publisher reverts to the version seed_content loaded, after seeing what changes.
    publisher.get_by_role("link", name="Medical Records Specialist").click()
    publisher.get_by_role("link", name="History").click()
    history = publisher.locator("#change-history tbody tr")
    # Published, the editor's change, the loaded version (pay imports do not touch the guide).
    expect(history).to_have_count(3)
    expect(history.nth(1)).to_contain_text("edna")
    history.last.get_by_role("link").click()
    diff = publisher.locator("#version-diff")
    expect(diff).to_contain_text("What reverting changes")
    expect(diff).to_contain_text(old_step)
    expect(diff).to_contain_text(NEW_STEP)
    publisher.get_by_role("button", name="Save", exact=True).click()
    expect(publisher.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(publisher).to_have_url(re.compile("/admin/guides/careerguide/$"))

    public.goto(seeded_site.url + GUIDE_PATH)
    expect(public.locator("#pathway")).to_contain_text(old_step)
    expect(public.locator("#pathway")).not_to_contain_text(NEW_STEP)

    for other in (editor, publisher):
        other.context.close()
