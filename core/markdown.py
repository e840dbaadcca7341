"""Safe Markdown for editor-written text.

markdown-it-py renders CommonMark with raw HTML switched off and unsafe link schemes
(javascript:, vbscript:, data:) refused; nh3 (the Ammonia sanitiser) then keeps only an
allow-list of tags and attributes. Either alone stops script injection; both together
mean a future change to one of them cannot open a hole on its own.
"""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_renderer = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["replacements", "smartquotes", "table", "strikethrough"]
)

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "code",
    "pre",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "del",
    "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}


@lru_cache(maxsize=2048)
def render_markdown(text: str) -> str:
    """Return sanitised HTML for `text`. Cached: the same source always gives the same HTML."""
    html = _renderer.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
