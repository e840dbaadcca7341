"""Caching of the expensive, visitor-independent parts of public pages.

A page is rendered as named fragments (template partials: title, description, main, …) that
never contain anything about the visitor (no CSRF token, no session data). For everyone but
staff, the fragments are cached under the current content version and the path; the shell
around them (base.html: navigation, per-visitor bits) is rendered on every request. Staff
always get fresh fragments because they also see drafts.

Any save or delete of content changes the version (signals in core.apps), so the next request
renders afresh. Each process remembers the version for at most VERSION_TTL seconds to save a
query per request; the process that saved forgets it at once.

Scheduled publishing needs no cron job: the version row also holds the next time a scheduled
item becomes public, and the first request after that time changes the version, so no cached
fragment can hide the item (or a link to it) once its time has come.
"""

import hashlib
import time
import uuid

from django.apps import apps
from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone

from . import page_cache
from .models import ContentVersion, Publishable, Status

VERSION_TTL = 1.0
CONTENT_APPS = ("guides", "certifications")

_memo = {"token": None, "expires": 0.0, "next_publish_at": None}


def content_version() -> str:
    if _memo["token"] is None or time.monotonic() >= _memo["expires"]:
        _remember(_version_row())
    if _schedule_passed(_memo["next_publish_at"]):
        row = _version_row()  # another process may have noticed first
        if _schedule_passed(row.next_publish_at):
            # A scheduled item has just become public: what the public sees has changed.
            bump_content_version()
            row = _version_row()
        _remember(row)
    return _memo["token"]


def _version_row() -> ContentVersion:
    row = ContentVersion.objects.filter(pk=1).only("token", "next_publish_at").first()
    if row is None:
        row, _ = ContentVersion.objects.get_or_create(
            pk=1, defaults={"token": _new_token(), "next_publish_at": next_publish_at()}
        )
    return row


def _remember(row: ContentVersion) -> None:
    _memo.update(
        token=row.token,
        next_publish_at=row.next_publish_at,
        expires=time.monotonic() + VERSION_TTL,
    )


def _schedule_passed(moment) -> bool:
    return moment is not None and timezone.now() >= moment


def forget_content_version() -> None:
    _memo.update(token=None, expires=0.0, next_publish_at=None)


def bump_content_version(sender=None, **_signal_kwargs) -> None:
    """Signal receiver: content changed, so every cached fragment is out of date."""
    defaults = {"token": _new_token()}
    if sender is None or issubclass(sender, Publishable):  # children never change the schedule
        defaults["next_publish_at"] = next_publish_at()
    ContentVersion.objects.update_or_create(pk=1, defaults=defaults)
    forget_content_version()
    transaction.on_commit(forget_content_version)


def next_publish_at():
    """The earliest future publish time of a published item, if any."""
    now = timezone.now()
    upcoming = [
        model.objects.filter(status=Status.PUBLISHED, publish_at__gt=now).aggregate(
            next=Min("publish_at")
        )["next"]
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        if issubclass(model, Publishable)
    ]
    return min((moment for moment in upcoming if moment is not None), default=None)


def _new_token() -> str:
    return uuid.uuid4().hex


def page_key(request) -> str:
    """The cache key of a page's fragments (and of the whole shared page, plus ":page").

    The host is part of the key because fragments hold absolute URLs (canonical links,
    JSON-LD). Hashed: paths are attacker-controlled and may be very long."""
    page = f"{request.scheme}://{request.get_host()}{request.path}"
    return f"fragments:{content_version()}:{hashlib.sha256(page.encode()).hexdigest()}"


class CachedFragmentsMixin:
    """For public views: render the template's partials once per content version.

    The view's `template_name` defines partials named in `fragment_names`; base.html places
    them. Views whose output depends on the query string must extend `fragments_cache_key`.
    """

    fragment_names = ("title", "description", "main")
    has_visitor_forms = False  # see visitor_context()
    shares_page = False

    def get(self, request, *args, **kwargs):
        if not self.fragments_are_shared():
            return super().get(request, *args, **kwargs)
        key = self.fragments_cache_key()
        # A visitor who brings no state gets the whole page, ready made (core.page_cache).
        self.shares_page = page_cache.can_share(request)
        if self.shares_page and (page := page_cache.fetch(key)) is not None:
            self.allow_early_answers(key)
            return page_cache.respond(request, page)
        fragments = cache.get(key)
        if fragments is None:
            response = super().get(request, *args, **kwargs)
            cache.set(key, self.rendered_fragments)
        else:
            response = self.render_page(fragments)
        if self.shares_page:
            response.add_post_render_callback(lambda rendered: self.share(rendered, key))
        return response

    def share(self, rendered, key):
        """Store the page rendered for everyone, and answer this request from it."""
        page = page_cache.build(rendered)
        page_cache.store(key, page)
        self.allow_early_answers(key)
        return page_cache.respond(self.request, page)

    def allow_early_answers(self, key):
        """When the page's key is its address alone, core.middleware may send it next time."""
        if not self.request.META.get("QUERY_STRING") and key == page_key(self.request):
            page_cache.allow_early_answers(self.request.path)

    def fragments_are_shared(self) -> bool:
        # Staff see drafts and preview banners: their fragments are never cached or shared.
        return not self.request.user.is_staff

    def fragments_cache_key(self) -> str:
        return page_key(self.request)

    def render_to_response(self, context, **response_kwargs):
        """Called by the generic view with its full context: render the fragments from it."""
        self.rendered_fragments = {
            name: render_to_string(f"{self.template_name}#{name}", context, request=self.request)
            for name in self.fragment_names
        }
        self.rendered_fragments["breadcrumbs"] = context.get("breadcrumbs", [])
        return self.render_page(self.rendered_fragments)

    def visitor_context(self) -> dict:
        """Per-visitor parts of the page (forms, the visitor's plan): rendered on every request,
        never cached. Views with such parts return them here and describe them in
        `visitor_state` so that conditional GET stays correct."""
        return {}

    def visitor_state(self) -> str:
        return ""

    def render_page(self, fragments):
        response = TemplateResponse(
            self.request,
            self.template_name,
            {
                "fragments": fragments,
                "breadcrumbs": fragments["breadcrumbs"],
                "view": self,
                **self.visitor_context(),
                # For a page shared by every visitor, tokens are filled in per response.
                **({"csrf_token": page_cache.CSRF_PLACEHOLDER} if self.shares_page else {}),
            },
        )
        # A shared page gets its ETag per response from core.page_cache.respond().
        if not self.shares_page and (etag := self.page_etag(fragments)):
            response["ETag"] = etag
        return response

    def page_etag(self, fragments) -> str | None:
        """An ETag from what the page shows, not from its bytes: forms on the page carry a CSRF
        token masked afresh on every request, which would make every response look new. The
        CSRF secret behind it is part of the tag, so a new secret means a new page."""
        if not self.has_visitor_forms:
            return None  # the page's bytes are stable: ConditionalGetMiddleware hashes them
        if messages.get_messages(self.request):  # a one-off notice is on this page
            return None
        digest = hashlib.sha256()
        for name in sorted(fragments):
            digest.update(f"{name}\0{fragments[name]}\0".encode())
        get_token(self.request)  # the forms will need it; it also fixes the secret for this page
        csrf_secret = self.request.META.get("CSRF_COOKIE", "")
        digest.update(f"{self.visitor_state()}\0{csrf_secret}".encode())
        return f'"{digest.hexdigest()[:32]}"'
