"""Caching of the expensive, visitor-independent parts of public pages.

A page is rendered as named fragments (template partials: title, description, main, …) that
never contain anything about the visitor (no CSRF token, no session data). For everyone but
staff, the fragments are cached under the current content version and the path; the shell
around them (base.html: navigation, per-visitor bits) is rendered on every request. Staff
always get fresh fragments because they also see drafts.

Any save or delete of content changes the version (signals in core.apps), so the next request
renders afresh. Each process remembers the version for at most VERSION_TTL seconds to save a
query per request; the process that saved forgets it at once.
"""

import hashlib
import time
import uuid

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.template.response import TemplateResponse

from .models import ContentVersion

VERSION_TTL = 1.0
CONTENT_APPS = ("guides", "certifications")

_memo = {"token": None, "expires": 0.0}


def content_version() -> str:
    now = time.monotonic()
    if _memo["token"] is None or now >= _memo["expires"]:
        row = ContentVersion.objects.filter(pk=1).only("token").first()
        if row is None:
            row, _ = ContentVersion.objects.get_or_create(pk=1, defaults={"token": _new_token()})
        _memo.update(token=row.token, expires=now + VERSION_TTL)
    return _memo["token"]


def forget_content_version() -> None:
    _memo.update(token=None, expires=0.0)


def bump_content_version(**_signal_kwargs) -> None:
    """Signal receiver: content changed, so every cached fragment is out of date."""
    ContentVersion.objects.update_or_create(pk=1, defaults={"token": _new_token()})
    forget_content_version()
    transaction.on_commit(forget_content_version)


def _new_token() -> str:
    return uuid.uuid4().hex


class CachedFragmentsMixin:
    """For public views: render the template's partials once per content version.

    The view's `template_name` defines partials named in `fragment_names`; base.html places
    them. Views whose output depends on the query string must extend `fragments_cache_key`.
    """

    fragment_names = ("title", "description", "main")

    def get(self, request, *args, **kwargs):
        if not self.fragments_are_shared():
            return super().get(request, *args, **kwargs)
        key = self.fragments_cache_key()
        fragments = cache.get(key)
        if fragments is None:
            response = super().get(request, *args, **kwargs)
            cache.set(key, self.rendered_fragments)
            return response
        return self.render_page(fragments)

    def fragments_are_shared(self) -> bool:
        # Staff see drafts and preview banners: their fragments are never cached or shared.
        return not self.request.user.is_staff

    def fragments_cache_key(self) -> str:
        # Hashed: paths are attacker-controlled and may be very long.
        path = hashlib.sha256(self.request.path.encode()).hexdigest()
        return f"fragments:{content_version()}:{path}"

    def render_to_response(self, context, **response_kwargs):
        """Called by the generic view with its full context: render the fragments from it."""
        self.rendered_fragments = {
            name: render_to_string(f"{self.template_name}#{name}", context, request=self.request)
            for name in self.fragment_names
        }
        self.rendered_fragments["breadcrumbs"] = context.get("breadcrumbs", [])
        return self.render_page(self.rendered_fragments)

    def render_page(self, fragments):
        return TemplateResponse(
            self.request,
            self.template_name,
            {"fragments": fragments, "breadcrumbs": fragments["breadcrumbs"], "view": self},
        )
