"""core.csrf_tokens: Django's CSRF tokens, made with one read of the random source."""

import pytest
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_TOKEN_LENGTH,
    _check_token_format,
    _unmask_cipher_token,
)
from django.test import Client, RequestFactory

from core import csrf_tokens

GUIDE_URL = "/careers/medical-records-specialist/"


def test_a_new_visitor_gets_a_secret_and_a_token_django_accepts():
    request = RequestFactory().get("/")

    token = csrf_tokens.get_token(request)

    _check_token_format(token)  # Django's own check: length and characters
    assert len(token) == CSRF_TOKEN_LENGTH
    secret = request.META["CSRF_COOKIE"]
    assert _unmask_cipher_token(token) == secret
    assert request.META["CSRF_COOKIE_NEEDS_UPDATE"] is True


def test_a_visitor_with_a_secret_keeps_it_under_a_fresh_mask():
    request = RequestFactory().get("/")
    first = csrf_tokens.get_token(request)
    secret = request.META["CSRF_COOKIE"]

    second = csrf_tokens.get_token(request)

    assert request.META["CSRF_COOKIE"] == secret
    assert second != first
    assert _unmask_cipher_token(second) == secret


def test_characters_are_drawn_without_bias(monkeypatch):
    # Bytes 248-255 would favour the first eight characters, so they are thrown away; and a
    # read with too few usable bytes is followed by another.
    reads = iter([bytes([0, 61, 62, 247, 248, 255]), bytes([1, 2, 3, 4, 5, 6])])
    monkeypatch.setattr(csrf_tokens.os, "urandom", lambda size: next(reads))

    chars = csrf_tokens.random_chars(5)

    c = CSRF_ALLOWED_CHARS
    assert chars == c[0] + c[61] + c[0] + c[61] + c[1]


def test_random_chars_are_from_the_allowed_alphabet_and_differ():
    drawn = {csrf_tokens.random_chars(32) for _ in range(50)}
    assert len(drawn) == 50
    assert all(len(chars) == 32 and set(chars) <= set(CSRF_ALLOWED_CHARS) for chars in drawn)


@pytest.mark.django_db
def test_a_returning_visitor_without_a_session_keeps_their_cookie(seeded):
    Client().get(GUIDE_URL)  # the shared page is cached
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(GUIDE_URL)  # the first visit sets the CSRF cookie
    cookie = visitor.cookies["csrftoken"].value

    page = visitor.get(GUIDE_URL)

    assert page.templates == []  # the shared page
    assert visitor.cookies["csrftoken"].value == cookie
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    sent = visitor.post(
        "/feedback/", {"path": GUIDE_URL, "useful": "yes", "csrfmiddlewaretoken": token}
    )
    assert sent.status_code == 302
