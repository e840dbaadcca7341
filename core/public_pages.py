"""The one page every anonymous visitor gets: cached by Django's cache middleware and by CDNs.

A visitor is anonymous here when their request brings no session cookie and no pending
message: nothing on the page can then be about them (the public pages carry no form with a
CSRF token; forms live on pages of their own). Their GET gets a page that is

- marked `Cache-Control: public` with a short shared max-age, `stale-while-revalidate` and
  `stale-if-error`, so a reverse proxy or a CDN may keep it and a browser revalidate it
  (docs/caching.md);
- kept in the "pages" cache by Django's own cache middleware (the two halves below), keyed
  on the content version, so an editor's save shows on the next request;
- compressed without the random padding Django adds against BREACH, because a public page
  holds no secret: the bytes, and so the strong ETag ConditionalGetMiddleware takes from
  them, stay the same from one render to the next, and a returning visitor gets a 304.

Everyone else (a plan in the session, staff, a message waiting, a form with errors, any page
not marked public) gets a page rendered for them alone, sent `private, no-store`.
"""

from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_cache_control
from django.utils.http import split_directive_names
from django.views.decorators.http import require_safe

from .content_version import VersionUnknown, content_version

MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name


def is_anonymous(request) -> bool:
    """A GET or HEAD that brings no session and no pending message."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and MESSAGES_COOKIE not in request.COOKIES
    )


def is_public(response) -> bool:
    return "public" in split_directive_names(response.get("Cache-Control", ""))


def mark_private(response) -> None:
    response.headers.pop("Cache-Control", None)
    patch_cache_control(response, private=True, no_store=True)


def mark_public(response) -> None:
    patch_cache_control(
        response,
        public=True,
        # Browsers ask again every time (a 304 when nothing changed), so a visitor who just
        # started a plan or an editor who just published never sees an old copy; shared
        # caches keep it for a short while.
        max_age=0,
        s_maxage=settings.PAGE_SHARED_MAX_AGE,
        stale_while_revalidate=settings.PAGE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.PAGE_STALE_IF_ERROR,
    )


def mark_for(request, response, shows_visitor_input: bool = False) -> None:
    """Public for an anonymous visitor, unless the page shows what they typed; else private."""
    if is_anonymous(request) and not shows_visitor_input:
        mark_public(response)
    else:
        mark_private(response)


def public_page(view):
    """The decorator form of PublicPageMixin, for function views (the sitemap): GET and HEAD
    only, as a class-based view's page (any other method gets a 405 naming them)."""

    @require_safe
    @wraps(view)
    def view_with_headers(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        mark_for(request, response)
        return response

    return view_with_headers


class PublicPageMixin:
    """For views whose page is the same for every anonymous visitor.

    Such a page is marked public for anonymous visitors and private for everyone else. A view
    whose page can also show something about one visitor's input (a form with errors) says so
    in `shows_visitor_input`; that page is private too.
    """

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        # Only a GET or HEAD ran the view's handler: OPTIONS and refused methods (405) leave
        # its form unbuilt, and their answers are private anyway (mark_for).
        ran_handler = request.method in ("GET", "HEAD")
        mark_for(request, response, ran_handler and self.shows_visitor_input())
        return response

    def shows_visitor_input(self) -> bool:
        return False


# The content version the request being served began with: the fetch half reads it once, the
# update half stores the page under the same key. Per thread and per async task, so
# concurrent requests never see each other's.
_version = ContextVar("page_cache_version", default="")


class _KeyedOnContentVersion:
    """Django's cache middleware takes a fixed key prefix; here it is the request's version."""

    @property
    def key_prefix(self) -> str:
        return _version.get()

    @key_prefix.setter
    def key_prefix(self, _value) -> None:
        """Django's __init__ sets the CACHE_MIDDLEWARE_KEY_PREFIX setting: not used here."""


class FetchPublicPageMiddleware(_KeyedOnContentVersion, FetchFromCacheMiddleware):
    """The request half: an anonymous visitor's GET is answered from the "pages" cache."""

    def process_request(self, request):
        if not settings.PAGE_CACHE_ENABLED or not is_anonymous(request):
            request._cache_update_cache = False
            return None
        try:
            _version.set(content_version())
        except VersionUnknown:  # the database is down and no version was ever read
            request._cache_update_cache = False
            return None
        return super().process_request(request)


class UpdatePublicPageMiddleware(_KeyedOnContentVersion, UpdateCacheMiddleware):
    """The response half: decides every response's Cache-Control, then stores public pages.

    It runs last on the way out, so it sees cookies set by the session and CSRF middleware: a
    response that sets one is never public, whatever the view said. A response that says
    nothing about caching is private: a page is shared only when its view says it may be.
    Pages are kept for the shared max-age (Django would take the browsers' max-age, 0).
    """

    def __init__(self, get_response):
        super().__init__(get_response)
        self.page_timeout = settings.PAGE_SHARED_MAX_AGE

    def process_response(self, request, response):
        if not response.has_header("Cache-Control") or (
            is_public(response) and (response.cookies or not is_anonymous(request))
        ):
            mark_private(response)
        if not is_public(response):
            return response
        return super().process_response(request, response)


class _GZipWithoutPadding(GZipMiddleware):
    max_random_bytes = 0


class PublicPageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware; public pages are compressed the same way every time."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.without_padding = _GZipWithoutPadding(get_response)

    def process_response(self, request, response):
        if is_public(response):
            return self.without_padding.process_response(request, response)
        return super().process_response(request, response)
