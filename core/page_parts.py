"""The parts of a public page that do not depend on its address, rendered once per content
version and kept in the cache.

A career page is asked for with many addresses (?state=…, ?area=…: about 342 careers × 580
places), nearly each of them once, so the page cache rarely holds the one a visitor asks for.
Most of such a page is the same whatever the address: the guide's text, the state map and
table, what the work is, next steps. A view names those parts (partials of its templates),
and `page_parts` renders them with the context `build()` returns, or takes them from the
"default" cache: keyed on the content version, which every editor's save and every import
changes, so a change shows at once. The view builds the expensive context only on a miss.

Parts are shared by every visitor who sees the published site, so they never hold anything
of one visitor (no form with a CSRF token, no plan). Staff, who may see drafts, get parts
rendered afresh and never stored. A cache that is down is a miss.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from .content_version import VersionUnknown, content_version

PARTS_SECONDS = 24 * 60 * 60  # a new content version makes new keys; old ones expire


def sees_drafts(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_staff)


def parts_key(*bits) -> str | None:
    """The key of a page's parts, or None (build them, keep nothing) when no content version
    can be read: the database is down, and the page's own queries then answer 503."""
    try:
        version = content_version()
    except VersionUnknown:
        return None
    # The parts are rendered text: each language keeps its own.
    return ":".join(["parts", version, get_language(), *map(str, bits)])


def cached_parts(request, key: str | None) -> dict | None:
    """The parts stored under `key` (from parts_key; None for a page whose parts are not
    kept) for a visitor who sees the published site; None when they must be built."""
    if key is None or sees_drafts(request):
        return None
    return cache.get(key)


def page_parts(request, key: str | None, templates: dict[str, str], build, extra=None, parts=None):
    """{name: rendered part} for `templates` ({name: "template.html#partial"}): `parts` when
    the view found them already (cached_parts), else from the cache, else rendered with
    build()'s context; `extra(context)` adds values that are not HTML (e.g. a structured-data
    graph) under their own names."""
    parts = parts if parts is not None else cached_parts(request, key)
    if parts is not None:
        return parts
    context = build()
    parts = {
        name: SafeString(render_to_string(template, context, request))
        for name, template in templates.items()
    }
    if extra is not None:
        parts.update(extra(context))
    if key is not None and not sees_drafts(request):
        cache.set(key, parts, PARTS_SECONDS)
    return parts
