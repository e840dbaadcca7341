"""What visitors typed stays inert all the way: a question with markup asked, moderated and
published as an FAQ, and a feedback comment read in admin, are text on every page that shows
them, never markup, a script or a link that runs."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from feedback.models import PageFeedback
from questions.models import QuestionStatus, SubmittedQuestion
from tests.conftest import soup
from tests.questions.test_questions import publish_as_faq

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
ASK_URL = f"{GUIDE_URL}ask/"

# Each is something a browser would act on if it were written into a page as HTML.
QUESTION = (
    'Is <b>bold</b> study ok? <script>alert("q")</script> <img src=x onerror=alert(1)> '
    '<a href="javascript:alert(2)">see</a> [more](javascript:alert(3)) </script><!--'
)
ANSWER = (
    "Yes. <img src=x onerror=alert(4)> <script>alert(5)</script> "
    '[a link](javascript:alert(6)) <a href="javascript:alert(7)">raw</a> '
    "[data](data:text/html;base64,PHNjcmlwdD4=) [fine](https://www.ahima.org/)"
)
COMMENT = (
    '<img src=x onerror=alert(8)><script>alert(9)</script><a href="javascript:alert(10)">x</a>'
)


def assert_inert(html: str):
    """Nothing in the page runs, loads or links because of what was typed."""
    page = BeautifulSoup(html, "html.parser")
    for element in page.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        assert not handlers, f"<{element.name}> carries {handlers}"
        for name in ("href", "src", "action", "formaction"):
            value = (element.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), (
                f"<{element.name} {name}={value}>"
            )
    assert not page.find("img", src="x")
    assert not page.find("b", string="bold")
    for script in page.find_all("script"):
        # JSON-LD holds the question as data (checked below); no other script holds any of it.
        if script.get("type") != "application/ld+json":
            assert "alert(" not in (script.string or "")


def json_ld(page) -> dict:
    block = page.find("script", type="application/ld+json")
    return json.loads(block.string)


def test_a_question_with_markup_stays_text_from_asking_to_the_published_faq(
    client, admin_client, seeded
):
    # Asked by a visitor through the guide's form.
    assert (
        client.post(ASK_URL, {"question": QUESTION, "email": "", "website": ""}).status_code == 302
    )
    question = SubmittedQuestion.objects.get()
    assert question.question == QUESTION  # kept as typed: escaping is the page's job

    # Moderated: the queue and the change page show it as text.
    queue = admin_client.get(reverse("admin:questions_submittedquestion_changelist"))
    assert_inert(queue.content.decode())
    change_url = reverse("admin:questions_submittedquestion_change", args=[question.pk])
    change = admin_client.get(change_url)
    assert_inert(change.content.decode())
    assert "&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;" in change.content.decode()

    # Answered with markup of the editor's own, then published as the guide's last FAQ.
    response = admin_client.post(change_url, {"email": "", "status": "new", "answer": ANSWER})
    assert response.status_code == 302
    response = publish_as_faq(admin_client, question)
    assert "1 question was published as an FAQ." in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.PUBLISHED

    # The public page: the question is its text, the answer safe Markdown.
    response = client.get(GUIDE_URL)
    html = response.content.decode()
    assert_inert(html)
    page = soup(response)
    faq = page.select("#faqs details")[-1]
    assert faq.find("summary").get_text() == " ".join(QUESTION.split())
    answer = faq.find(class_="faq-answer")
    assert [a["href"] for a in answer.find_all("a", href=True)] == ["https://www.ahima.org/"]
    assert "Yes." in answer.get_text()

    # The JSON-LD carries the same text as data, and nothing in it closes its <script>.
    block = page.find("script", type="application/ld+json").string
    assert "</script" not in block.lower()
    assert "<!--" not in block
    faqs = next(item for item in json_ld(page)["@graph"] if item["@type"] == "FAQPage")
    published = faqs["mainEntity"][-1]
    assert published["name"] == " ".join(QUESTION.split())
    # Search engines read an Answer's text as HTML: what looked like markup is escaped there.
    answer_text = published["acceptedAnswer"]["text"]
    assert "&lt;img src=x onerror=alert(4)&gt;" in answer_text
    assert "<" not in answer_text


def test_a_feedback_comment_with_markup_stays_text_in_admin(client, admin_client, seeded):
    response = client.post("/feedback/", {"path": GUIDE_URL, "useful": "no", "comment": COMMENT})
    assert response.status_code == 302
    feedback = PageFeedback.objects.get()
    assert feedback.comment == COMMENT

    for url in (
        reverse("admin:feedback_pagefeedback_changelist"),
        reverse("admin:feedback_pagefeedback_changelist") + "?q=script",
        reverse("admin:feedback_pagefeedback_change", args=[feedback.pk]),
    ):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert_inert(html)
        assert "&lt;img src=x onerror=alert(8)&gt;" in html, url
