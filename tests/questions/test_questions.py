"""Ask a question → moderated in admin → published as an FAQ on the guide."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from guides.models import FAQ, CareerGuide
from questions.models import QuestionStatus, SubmittedQuestion
from tests.conftest import soup
from tests.factories import CareerGuideFactory, SubmittedQuestionFactory

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
ASK_URL = "/careers/medical-records-specialist/ask/"
THANKS_URL = "/careers/medical-records-specialist/ask/thanks/"
QUESTION = "Can I train part-time while working in retail?"


def ask(client, **data):
    return client.post(ASK_URL, {"question": QUESTION, "email": "", "website": "", **data})


def publish_as_faq(admin_client, question, follow=True):
    """The moderation queue's "Publish as FAQ on the guide" action, on one question."""
    return admin_client.post(
        reverse("admin:questions_submittedquestion_changelist"),
        {"action": "publish_as_faq", "_selected_action": [question.pk]},
        follow=follow,
    )


def test_every_guide_links_to_its_question_form(client, seeded):
    section = soup(client.get(GUIDE_URL)).find(id="ask")
    assert section.find("form") is None  # the guide page carries no token
    assert section.find("a", href=ASK_URL)


def test_the_ask_page_has_the_question_form(client, seeded):
    page = soup(client.get(ASK_URL))
    form = page.find("main").find("form")
    assert form["action"] == ASK_URL
    assert form["method"] == "post"
    assert form.find("textarea", attrs={"name": "question"})
    email = form.find("input", attrs={"name": "email"})
    assert email["type"] == "email"
    assert "never show it" in form.text  # the consent sentence
    honeypot = form.find("input", attrs={"name": "website"})
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent(class_="ask-honeypot")["aria-hidden"] == "true"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert page.find("a", href=f"{GUIDE_URL}#faqs")


def test_a_question_is_stored_and_the_visitor_thanked(client, seeded):
    response = ask(client, email="me@example.com")

    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    question = SubmittedQuestion.objects.get()
    assert question.question == QUESTION
    assert question.email == "me@example.com"
    assert question.status == QuestionStatus.NEW
    assert question.guide.slug == "medical-records-specialist"
    thanks = client.get(THANKS_URL)
    assert "Thank you for your question" in thanks.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"question": ""}, "Please type your question."),
        ({"question": "Why?"}, "Please write at least 10 characters"),
        ({"question": "x" * 1001}, "Please keep the question to 1000 characters (you wrote 1001)."),
        ({"email": "not-an-email"}, "Enter an email address like name@example.com"),
    ],
)
def test_invalid_questions_come_back_with_what_was_typed(client, seeded, data, message):
    response = ask(client, **data)

    assert response.status_code == 200
    page = soup(response)
    assert message in page.find("main").text
    typed = {"question": QUESTION, "email": "", **data}
    assert (
        page.find("textarea", attrs={"name": "question"}).text.strip() == typed["question"].strip()
    )
    if typed["email"]:
        assert page.find("input", attrs={"name": "email"})["value"] == typed["email"]
    assert not SubmittedQuestion.objects.exists()


def test_the_honeypot_drops_bots_quietly(client, seeded):
    response = ask(client, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == THANKS_URL
    assert not SubmittedQuestion.objects.exists()


@override_settings(QUESTIONS_PER_HOUR=2)
def test_questions_are_throttled_per_client_with_a_clear_message(seeded):
    visitor, other = Client(REMOTE_ADDR="203.0.113.5"), Client(REMOTE_ADDR="203.0.113.6")
    assert ask(visitor).status_code == 302
    assert ask(visitor).status_code == 302

    response = ask(visitor, question="A third question within the hour")

    assert response.status_code == 429
    assert "which is our limit" in response.content.decode()
    assert soup(response).find("textarea").text.strip() == "A third question within the hour"
    assert SubmittedQuestion.objects.count() == 2
    assert ask(other).status_code == 302  # other visitors are not affected


def test_the_throttle_fails_open_when_the_cache_is_down(seeded, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "add", broken)
    assert ask(Client()).status_code == 302
    assert SubmittedQuestion.objects.count() == 1


def test_draft_or_unknown_guides_take_no_questions(client, seeded):
    draft = CareerGuideFactory(status="draft")
    assert client.get(f"/careers/{draft.slug}/ask/").status_code == 404
    assert client.post("/careers/nope/ask/", {"question": QUESTION}).status_code == 404


def test_the_standalone_form_works_without_the_guide_page(client, seeded):
    page = soup(client.get(ASK_URL))
    assert page.find("h1").text == "Ask a question about Medical Records Specialist"
    assert page.find("form", class_="ask-form")


# Moderation ------------------------------------------------------------------------------


def changelist(admin_client, query=""):
    return admin_client.get(reverse("admin:questions_submittedquestion_changelist") + query)


def test_moderation_queue_lists_filters_and_searches(admin_client, seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    SubmittedQuestionFactory(guide=guide, question="Is remote work common for coders?")
    SubmittedQuestionFactory(guide=guide, question="What does RHIT cost?", status="rejected")

    everything = changelist(admin_client).content.decode()
    rejected = changelist(admin_client, "?status__exact=rejected").content.decode()
    searched = changelist(admin_client, "?q=remote").content.decode()

    assert "Is remote work common" in everything
    assert "What does RHIT cost?" in everything
    assert "Is remote work common" not in rejected
    assert "What does RHIT cost?" in searched or "Is remote work common" in searched
    assert "What does RHIT cost?" not in searched


def test_an_editor_answers_and_publishes_a_question_as_the_last_faq(admin_client, client, seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    question = SubmittedQuestionFactory(guide=guide, question=QUESTION, email="me@example.com")
    change_url = reverse("admin:questions_submittedquestion_change", args=[question.pk])
    response = admin_client.post(
        change_url,
        {"email": question.email, "status": "new", "answer": "Yes: many programs run online."},
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED

    response = publish_as_faq(admin_client, question)

    assert "1 question was published as an FAQ." in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED
    faqs = list(guide.faqs.all())
    assert faqs[-1] == question.faq
    assert faqs[-1].question == QUESTION
    page = soup(client.get(GUIDE_URL))
    last = page.select("#faqs details")[-1]
    assert QUESTION in last.text
    assert "many programs run online" in last.text
    assert "me@example.com" not in page.decode()


def test_questions_without_an_answer_are_not_published(admin_client, seeded):
    question = SubmittedQuestionFactory(
        guide=CareerGuide.objects.get(slug="medical-records-specialist")
    )
    response = publish_as_faq(admin_client, question)
    assert "has no answer yet" in response.content.decode()
    assert not FAQ.objects.filter(question=question.question).exists()


def test_publishing_twice_does_not_duplicate_the_faq(admin_client, seeded):
    question = SubmittedQuestionFactory(
        guide=CareerGuide.objects.get(slug="medical-records-specialist"), answer="An answer."
    )
    publish_as_faq(admin_client, question, follow=False)
    response = publish_as_faq(admin_client, question)
    assert "already published" in response.content.decode()
    assert FAQ.objects.filter(question=question.question).count() == 1


def test_visitors_cannot_reach_the_moderation_queue(client, seeded):
    response = changelist(client)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


# Privacy ---------------------------------------------------------------------------------


def test_purge_removes_old_emails_only(seeded):
    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    old = SubmittedQuestionFactory(guide=guide)
    recent = SubmittedQuestionFactory(guide=guide)
    SubmittedQuestion.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=91)
    )
    out = io.StringIO()

    call_command("purge_question_emails", "--older-than", "90", stdout=out)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.email == ""
    assert old.question  # the question itself is kept
    assert recent.email == "visitor@example.com"
    assert "Removed 1 email address(es)" in out.getvalue()


def test_purge_rejects_a_negative_period():
    with pytest.raises(CommandError, match="0 or more"):
        call_command("purge_question_emails", "--older-than", "-1")


def test_publishing_a_question_is_recorded_in_the_guides_history(admin_client, seeded):
    from reversion.models import Version

    guide = CareerGuide.objects.get(slug="medical-records-specialist")
    question = SubmittedQuestionFactory(guide=guide, answer="Yes, often.")
    before = Version.objects.get_for_object(guide).count()

    publish_as_faq(admin_client, question, follow=False)

    versions = Version.objects.get_for_object(guide)
    assert versions.count() == before + 1
    assert "as an FAQ" in versions.first().revision.get_comment()
