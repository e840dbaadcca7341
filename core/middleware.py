"""Answer a stateless visitor's request for a shared page before routing and the view run."""

from . import page_cache
from .cache import page_key


class SharedPageMiddleware:
    """Sends the ready-made page from core.page_cache as early as it safely can.

    Like Django's FetchFromCacheMiddleware, it sits before the work a cached page does not
    need (URL routing, authentication, messages, django-axes, the view), but after every
    middleware that adds security headers, and after CsrfViewMiddleware, which reads the
    visitor's CSRF cookie and sets it on the way out. It only answers plain GET and HEAD
    requests, without a query string, for paths a view has already shared a page for (any
    other request, /healthz included, passes straight through) and for visitors with no
    session and no pending message; everyone else gets the view.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if page_cache.may_answer_early(request):
            page = page_cache.fetch(page_key(request))
            if page is not None:
                return page_cache.respond(request, page)
        return self.get_response(request)
