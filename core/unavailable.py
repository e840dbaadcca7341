"""When the database does not answer: a 503 page in the site's layout, never a 500.

Django sends every uncaught exception, wherever it happens (a view, a template, a middleware
saving the session), to the project's handler500, and calls it while that exception is being
handled. This handler tells a database that cannot be reached (OperationalError,
InterfaceError) from a bug: the first gets "briefly unavailable" with Retry-After, the second
Django's own 500 page. Nothing here keeps the failed state: the next request opens a new
connection, so the site recovers by itself when the database is back.

A form sent while the database is down is not lost: the page shows what the visitor typed and
offers to send it again, to the same address, once the site is back.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.views import defaults

from .public_pages import mark_private

logger = logging.getLogger(__name__)

DATABASE_UNREACHABLE = (OperationalError, InterfaceError)
# POST fields that are bookkeeping, not something the visitor wrote.
NOT_TYPED = ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")


def server_error(request, template_name="500.html"):
    """handler500: a 503 page when the database is unreachable, Django's 500 page otherwise."""
    if isinstance(sys.exception(), DATABASE_UNREACHABLE):
        return service_unavailable(request)
    return defaults.server_error(request, template_name)


def service_unavailable(request) -> HttpResponse:
    # Rendered without context processors: they may need the database (the session).
    context = {"request": request, "retry_after": settings.RETRY_AFTER_SECONDS}
    if request.method == "POST":
        context.update(resend_to=request.path, typed=typed_fields(request.POST))
        context["csrf_token"] = get_token(request)  # from the CSRF cookie: no database needed
    response = HttpResponse(loader.render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(settings.RETRY_AFTER_SECONDS)
    mark_private(response)
    return response


def typed_fields(data) -> list[tuple[str, str, str]]:
    """(name, label, value) for each field sent; the label is blank for bookkeeping fields,
    which are sent again but not shown."""
    fields = []
    for name, values in data.lists():
        if name == "csrfmiddlewaretoken":
            continue
        shown = not name.endswith(NOT_TYPED)
        label = name.rsplit("-", 1)[-1].replace("_", " ").capitalize() if shown else ""
        fields.extend((name, label, value) for value in values)
    return fields
