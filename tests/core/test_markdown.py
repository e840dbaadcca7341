"""Editors write Markdown; nothing they type can run script in a visitor's browser."""

import pytest
from bs4 import BeautifulSoup

from core.markdown import render_markdown


def test_markdown_formats_text():
    html = render_markdown("Some **bold** and a [link](https://example.org).\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">link</a>' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD4=)",
        '<a href="#" onclick="alert(1)">x</a>',
        "<iframe src=https://evil.example></iframe>",
    ],
)
def test_hostile_markdown_cannot_inject_markup(hostile):
    html = render_markdown(hostile)
    elements = BeautifulSoup(html, "html.parser").find_all(True)
    assert {element.name for element in elements} <= {"p", "a"}
    for element in elements:
        assert not [name for name in element.attrs if name.startswith("on")]
        assert not element.get("href", "").lower().startswith(("javascript:", "data:"))


def test_empty_text_renders_nothing():
    assert render_markdown("") == ""
