"""Whole public pages for visitors who bring no state, ready to send (and already compressed).

Most requests come from visitors with no session and no pending messages: for them a page is
the same for everyone except its CSRF tokens. Such a page is rendered once per content version
with a placeholder where the tokens go, split at the placeholders and stored in the cache both
plain and as raw-deflate segments. Each request then only joins the parts around a freshly
masked token for this visitor (Django masks tokens per request, which is also what keeps the
secret safe from compression side channels such as BREACH) and, for gzip, puts the token
between the segments as an uncompressed block and appends the CRC. Visitors with a session
(a plan, staff) or a message waiting get the fragment path in core.cache, which renders their
own parts.

A view (core.cache.CachedFragmentsMixin) renders and stores a shared page the first time; after
that, core.middleware.SharedPageMiddleware sends it before routing and the view, and each
process keeps the pages it uses most in memory, so a typical request costs no query, no
rendering and no unpickling: a token, a join and a checksum.
"""

import hashlib
import struct
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from .csrf_tokens import get_token

# Tokens are letters and digits only, so this can never be mistaken for one.
CSRF_PLACEHOLDER = "csrf-token-placeholder-7c1e"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # no name, no mtime, unknown OS
GZIP_LEVEL = 6


@dataclass(frozen=True)
class SharedPage:
    parts: tuple[bytes, ...]  # the page, split where each CSRF token goes
    deflated_parts: tuple[bytes, ...]  # each part as a raw-deflate segment (full flush)
    content_type: str
    etag: str  # from the bytes; the visitor's CSRF secret is added per response

    @property
    def has_tokens(self) -> bool:
        return len(self.parts) > 1


def can_share(request) -> bool:
    """True for a visitor with no session and no pending message (their page is everyone's)."""
    cookies = request.COOKIES
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in cookies
        and MESSAGES_COOKIE not in cookies
    )


# A shared page never changes under its key (the key holds the content version), so each
# process keeps the last pages it fetched from the cache and skips fetching and unpickling them
# again. Only pages that came from the cache: with the cache disabled, nothing is kept.
LOCAL_PAGES = 32
_local_pages: OrderedDict[str, SharedPage] = OrderedDict()
_local_lock = threading.Lock()  # gunicorn's gthread workers serve from several threads


def fetch(key: str) -> SharedPage | None:
    with _local_lock:
        if (page := _local_pages.get(key)) is not None:
            _local_pages.move_to_end(key)
            return page
    page = cache.get(f"{key}:page")
    if page is not None:
        with _local_lock:
            _local_pages[key] = page
            while len(_local_pages) > LOCAL_PAGES:
                _local_pages.popitem(last=False)
    return page


# Paths whose shared page core.middleware may send before routing (see there). Only paths
# that a view has shared a page for get here, so the set stays as small as the site's pages;
# the cap guards against surprises.
EARLY_PATHS = 1000
_early_paths: set[str] = set()


def allow_early_answers(path: str) -> None:
    if path not in _early_paths:
        if len(_early_paths) >= EARLY_PATHS:
            _early_paths.clear()
        _early_paths.add(path)


def may_answer_early(request) -> bool:
    return (
        request.path in _early_paths and not request.META.get("QUERY_STRING") and can_share(request)
    )


def store(key: str, page: SharedPage) -> None:
    cache.set(f"{key}:page", page)


def forget_what_this_process_kept() -> None:
    """Both process-local memories: the kept pages and the paths answered early (for tests)."""
    with _local_lock:
        _local_pages.clear()
    _early_paths.clear()


def build(response) -> SharedPage:
    """From a page rendered with CSRF_PLACEHOLDER as its token."""
    parts = tuple(response.content.split(CSRF_PLACEHOLDER.encode()))
    return SharedPage(
        parts=parts,
        deflated_parts=tuple(_deflate(part) for part in parts),
        content_type=response["Content-Type"],
        etag=hashlib.sha256(response.content).hexdigest()[:32],
    )


def respond(request, page: SharedPage) -> HttpResponse:
    token = get_token(request).encode() if page.has_tokens else b""
    csrf_secret = request.META.get("CSRF_COOKIE", "") if page.has_tokens else ""
    body = token.join(page.parts)
    if _accepts_gzip(request):
        response = HttpResponse(_gzip(page, token, body), content_type=page.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body, content_type=page.content_type)
    response["ETag"] = f'"{hashlib.sha256(f"{page.etag}:{csrf_secret}".encode()).hexdigest()[:32]}"'
    patch_vary_headers(response, ["Cookie", "Accept-Encoding"])
    return response


def _accepts_gzip(request) -> bool:
    accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return any(coding.split(";")[0].strip() == "gzip" for coding in accepted.split(","))


def _deflate(data: bytes) -> bytes:
    """A raw-deflate segment that ends on a byte boundary with no back-references beyond it,
    so segments compressed separately can be concatenated into one valid stream."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


_FINAL_BLOCK = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH)


def _stored_block(data: bytes) -> bytes:
    """`data` as a non-final, uncompressed ("stored") deflate block (RFC 1951, 3.2.4).

    The token is random, so compressing it gains nothing; left as it is, it costs no
    compressor per request and shares nothing with the page that a compression side channel
    could measure. The segment before it ends on a byte boundary (a full flush), as a stored
    block's header needs. Tokens are far shorter than a stored block's 65,535-byte limit."""
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def _gzip(page: SharedPage, token: bytes, body: bytes) -> bytes:
    deflated_token = _stored_block(token) if token else b""
    segments = [GZIP_HEADER, page.deflated_parts[0]]
    for part in page.deflated_parts[1:]:
        segments += [deflated_token, part]
    segments += [_FINAL_BLOCK, struct.pack("<II", zlib.crc32(body), len(body) & 0xFFFFFFFF)]
    return b"".join(segments)
