"""The site's two languages: English at its own addresses, Spanish under /es/.

The language is read from the address alone, never from a cookie or the browser's
Accept-Language: every visitor who asks for /es/careers/ gets the same Spanish page, so the
page cache and a CDN keep one copy per address, with no `Vary: Accept-Language` to split it.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import translate_url
from django.utils import translation


class PathLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without its Vary header: with English unprefixed
    (prefix_default_language=False), an address without /es/ is English for everyone."""

    def process_request(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


def alternates(request) -> list[tuple[str, str]]:
    """[(language code, absolute address)] of this page in each language, or [] for a page
    that is not translated (admin, health check): the language switch and hreflang links.

    The address without its query string, as the canonical link: a public page never carries
    what a visitor typed into it (a filter, a search, an ignored parameter)."""
    if request is None or request.resolver_match is None:
        return []
    here = request.path
    found = []
    for code, _name in settings.LANGUAGES:
        there = translate_url(here, code)
        found.append((code, request.build_absolute_uri(there)))
    if len({address for _code, address in found}) < len(found):
        return []  # the same address in both: outside the translated patterns
    return found
