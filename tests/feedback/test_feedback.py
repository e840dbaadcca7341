""" "Was this page useful?" on guide and certification pages: counted, throttled, never blocking."""

from urllib.parse import unquote

import pytest
from django.db import OperationalError
from django.test import Client, override_settings
from django.urls import reverse

from feedback.models import PageFeedback
from tests.conftest import soup
from tests.factories import PageFeedbackFactory

pytestmark = pytest.mark.django_db

GUIDE_URL = "/careers/medical-records-specialist/"
CPC_URL = "/certifications/cpc/"


def send(client, path=GUIDE_URL, follow=False, **data):
    data = {"path": path, "useful": "yes", "comment": "", **data}
    return client.post("/feedback/", data, follow=follow)


@pytest.mark.parametrize("url", [GUIDE_URL, CPC_URL])
def test_guide_and_certification_pages_ask_if_they_were_useful(client, seeded, url):
    section = soup(client.get(url)).find(id="feedback")
    assert "Was this page useful?" in section.find("h2").text
    answers = {link.get_text(" ", strip=True): link["href"] for link in section.find_all("a")}
    assert answers == {
        "Yes , this page was useful": f"/feedback/?path={url}&useful=yes",
        "No , this page was not useful": f"/feedback/?path={url}&useful=no",
    }
    assert section.find("form") is None  # the page itself carries no form and no token


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_the_answer_a_visitor_chose_waits_on_the_feedback_page(client, seeded, answer):
    response = client.get("/feedback/", {"path": GUIDE_URL, "useful": answer})
    page = soup(response)
    form = page.find("form", action="/feedback/")
    assert form.find("input", attrs={"name": "path"})["value"] == GUIDE_URL
    chosen = form.find("input", attrs={"name": "useful", "checked": True})
    assert chosen["value"] == answer
    assert form.find("textarea", attrs={"name": "comment"})
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert page.find("a", href=GUIDE_URL)  # which page the answer is about


def test_a_made_up_answer_in_the_link_chooses_nothing(client, seeded):
    page = soup(client.get("/feedback/", {"path": GUIDE_URL, "useful": "<script>"}))
    assert page.find("input", attrs={"name": "useful", "checked": True}) is None
    assert "<script>" not in str(page.find("main"))


# Paths a link to the feedback page might carry, as they would stand in its address (so the
# encoded ones are decoded once by Django, as a browser's request would be).
HOSTILE_PATHS = {
    "javascript": "javascript%3Aalert(1)//",
    "javascript, mixed case": "JaVaScRiPt:alert(1)",
    "javascript after a space": "%20javascript:alert(1)",
    "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "scheme-relative": "//evil.example/",
    "another site": "https://evil.example/",
    "backslash": "/%5Cevil.example/",
    "backslash, raw": "/\\evil.example/",
    "tab inside": "/%09/evil.example/",
    "newline inside": "/%0A/evil.example/",
    "encoded slashes": "%2F%2Fevil.example%2F",
    "encoded twice": "%252F%252Fevil.example%252F",
    "encoded javascript": "javascript%253Aalert(1)",
    "on-site, not a page that asks": "/admin/",
    "a guide, then another site": "/careers/medical-records-specialist/@evil.example",
    "too long": "/careers/" + "a" * 400 + "/",
}


@pytest.mark.parametrize("raw", HOSTILE_PATHS.values(), ids=HOSTILE_PATHS.keys())
def test_a_made_up_path_in_the_link_is_neither_linked_nor_carried(client, seeded, raw):
    response = client.get(f"/feedback/?path={raw}&useful=yes")

    assert response.status_code == 200
    page = soup(response)
    main = page.find("main")
    assert "About the page" not in main.text
    assert main.find("a", href=lambda href: href and not href.startswith("/#")) is None
    form = main.find("form", action="/feedback/")
    assert form.find("input", attrs={"name": "path"})["value"] == ""
    html = response.content.decode()
    assert "evil.example" not in html
    assert "javascript:" not in html.lower()
    assert "data:text" not in html


@pytest.mark.parametrize("raw", HOSTILE_PATHS.values(), ids=HOSTILE_PATHS.keys())
def test_the_post_refuses_the_same_paths(client, seeded, raw):
    response = send(client, path=unquote(raw), comment="Kept")

    assert response.status_code == 200
    assert (
        "Feedback can only be given on a guide or certification page." in response.content.decode()
    )
    assert "evil.example" not in response.content.decode()
    assert not PageFeedback.objects.exists()


@pytest.mark.parametrize("path", [GUIDE_URL, CPC_URL, "/careers/actuaries/"])
def test_a_page_that_asks_is_linked_and_accepted(client, seeded, path):
    page = soup(client.get("/feedback/", {"path": path, "useful": "no"}))
    assert page.find("main").find("a", href=path).text == path

    assert send(client, path=path).status_code == 302
    assert PageFeedback.objects.get().path == path


def test_feedback_is_saved_and_thanked_on_the_page(seeded):
    visitor = Client()
    response = send(visitor, useful="no", comment="Say more about remote work.")

    assert response.status_code == 302
    assert response["Location"] == f"{GUIDE_URL}#feedback"
    feedback = PageFeedback.objects.get()
    assert (feedback.path, feedback.useful, feedback.comment) == (
        GUIDE_URL,
        False,
        "Say more about remote work.",
    )
    page = soup(visitor.get(GUIDE_URL))
    assert "Thank you for your feedback." in page.find(id="feedback").text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"useful": ""}, "Choose Yes or No."),
        ({"useful": "maybe"}, "Select a valid choice."),
        ({"comment": "x" * 501}, "Please keep it to 500 characters (you wrote 501)."),
        ({"path": "/admin/"}, "Feedback can only be given on a guide or certification page."),
        ({"path": "https://evil.example/"}, "Feedback can only be given"),
    ],
)
def test_bad_feedback_gets_a_clear_message_and_keeps_the_comment(client, seeded, data, message):
    response = send(client, **{"comment": "My comment", **data})
    assert response.status_code == 200
    page = soup(response)
    assert message in page.find("main").text
    expected = data.get("comment", "My comment")
    assert page.find("textarea", attrs={"name": "comment"}).text == expected
    assert not PageFeedback.objects.exists()


@override_settings(FEEDBACK_PER_HOUR=1)
def test_feedback_is_throttled_politely(seeded):
    visitor = Client(REMOTE_ADDR="198.51.100.7")
    send(visitor)
    response = send(visitor, follow=True)
    assert "a lot of feedback from you" in response.content.decode()
    assert PageFeedback.objects.count() == 1


def test_a_database_failure_keeps_the_comment_and_is_logged(seeded, monkeypatch, caplog):
    def fail(*args, **kwargs):
        raise OperationalError("the database is not answering")

    monkeypatch.setattr(PageFeedback.objects, "create", fail)
    visitor = Client(raise_request_exception=False)

    response = send(visitor, comment="Please add evening courses.")

    assert response.status_code == 503
    page = soup(response)
    assert "briefly unavailable" in page.find("h1").text
    assert page.find("textarea", attrs={"name": "comment"}).text == "Please add evening courses."
    assert "the database is not answering" in caplog.text


def test_admin_shows_counts_per_page_and_the_comments(admin_client, seeded):
    PageFeedbackFactory(useful=True)
    PageFeedbackFactory(useful=False, comment="Needs salary by state")
    PageFeedbackFactory(path=CPC_URL, useful=True)

    response = admin_client.get(reverse("admin:feedback_pagefeedback_changelist"))

    tally = soup(response).find(id="feedback-tally")
    rows = {row.th.text: [td.text for td in row.find_all("td")] for row in tally.select("tbody tr")}
    assert rows == {CPC_URL: ["1", "0", "0"], GUIDE_URL: ["1", "1", "1"]}
    assert "Needs salary by state" in response.content.decode()
