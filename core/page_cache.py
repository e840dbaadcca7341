"""Whole public pages for visitors who bring no state, ready to send (and already compressed).

Most requests come from visitors with no session and no pending messages: for them a page is
the same for everyone except its CSRF tokens. Such a page is rendered once per content version
with a placeholder where the tokens go, split at the placeholders and stored in the cache both
plain and as raw-deflate segments. Each request then only joins the parts around a freshly
masked token for this visitor (Django masks tokens per request, which is also what keeps the
secret safe from compression side channels such as BREACH) and, for gzip, compresses just the
token and appends the CRC. Visitors with a session (a plan, staff) or a message waiting get the
fragment path in core.cache, which renders their own parts.
"""

import hashlib
import struct
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

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


def _gzip(page: SharedPage, token: bytes, body: bytes) -> bytes:
    deflated_token = _deflate(token) if token else b""
    segments = [GZIP_HEADER, page.deflated_parts[0]]
    for part in page.deflated_parts[1:]:
        segments += [deflated_token, part]
    segments += [_FINAL_BLOCK, struct.pack("<II", zlib.crc32(body), len(body) & 0xFFFFFFFF)]
    return b"".join(segments)
