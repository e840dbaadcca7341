"""schema.org JSON-LD for search engines, built in Python and made safe to place in HTML.

The content apps build the data (guides.structured_data, certifications.structured_data); this
module holds what they share: the <script type="application/ld+json"> block, plain text from
Markdown, absolute URLs and the breadcrumb trail.

A JSON-LD block is data, not code: browsers never execute it, so it is compatible with the
site's Content-Security-Policy (no 'unsafe-inline' needed).
"""

import datetime
import html
import json
import re
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .markdown import render_markdown

SCHEMA_CONTEXT = "https://schema.org"

# Like Django's json_script: with these escaped, no value can close the <script> element
# ("</script>") or open an HTML comment, whatever the editors typed.
_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


def _default(value):
    if isinstance(value, Decimal):
        # Whole amounts as integers (47180), others as exact decimals (17.5).
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Promise):  # a translated text (gettext_lazy), in the current language
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def to_json(data) -> str:
    """The JSON text of `data`, escaped for an HTML <script> element."""
    text = json.dumps(data, default=_default, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_ESCAPES)


def json_ld_script(data) -> SafeString:
    """<script type="application/ld+json"> holding `data` (no id: nothing refers to it)."""
    if not data:
        return mark_safe("")
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(to_json(data)),  # noqa: S308 (escaped by to_json)
    )


def plain_text(markdown_text: str) -> str:
    """Markdown as one line of plain text: what a search engine shows as a snippet."""
    text = html.unescape(strip_tags(render_markdown(markdown_text or "")))
    return re.sub(r"\s+", " ", text).strip()


def html_safe_text(markdown_text: str) -> str:
    """plain_text() for a property its readers take as HTML (schema.org's Answer.text: search
    engines render links and lists in it), so text that looks like markup stays text there too.
    """
    return html.escape(plain_text(markdown_text), quote=False)


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def breadcrumb_list(request, breadcrumbs, page_url: str) -> dict | None:
    """The page's visible breadcrumb trail (core.breadcrumbs) as a schema.org BreadcrumbList."""
    if not breadcrumbs:
        return None
    return {
        "@type": "BreadcrumbList",
        "@id": f"{page_url}#breadcrumb",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": index,
                "name": crumb.label,
                "item": absolute(request, crumb.url) if crumb.url else page_url,
            }
            for index, crumb in enumerate(breadcrumbs, start=1)
        ],
    }


def web_page(page_url: str, name: str, last_reviewed: datetime.date | None, breadcrumb) -> dict:
    page = {"@type": "WebPage", "@id": page_url, "url": page_url, "name": name}
    if last_reviewed:
        page["lastReviewed"] = last_reviewed.isoformat()
    if breadcrumb:
        page["breadcrumb"] = {"@id": breadcrumb["@id"]}
    return page


def graph(*nodes) -> dict:
    """One JSON-LD document holding several linked things (empty ones left out)."""
    return {"@context": SCHEMA_CONTEXT, "@graph": [node for node in nodes if node]}
