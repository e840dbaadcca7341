"""CSRF tokens for the whole-page cache's hot path, at a fraction of get_token()'s cost.

Django's get_token() draws every random character with secrets.choice(), which reads the
operating system's random source once per character: 64 reads (about 0.1 ms) for a visitor
who arrives without a CSRF cookie, more than everything else core.page_cache does for them.
This module makes exactly the same thing from one read of the same source: a secret for the
CSRF cookie (when the visitor has none) and the token masked with a fresh random mask, in
Django's format, recorded in request.META the way get_token() records it, so that
CsrfViewMiddleware sets the cookie and checks later posts as usual. Tests check a token from
here against Django's own middleware, so a change of format in Django cannot pass unnoticed.
"""

import os

from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

_CHARS = CSRF_ALLOWED_CHARS
_INDEX = {char: index for index, char in enumerate(_CHARS)}
# Byte b becomes character b % 62, except bytes 248-255 (248 = 4 × 62), which are dropped:
# they would make the first eight characters likelier than the rest.
_UNBIASED_LIMIT = 256 - 256 % len(_CHARS)
_BYTE_TO_CHAR = bytes(ord(_CHARS[byte % len(_CHARS)]) for byte in range(256))
_BIASED_BYTES = bytes(range(_UNBIASED_LIMIT, 256))


def get_token(request) -> str:
    """Like django.middleware.csrf.get_token(request): the masked token for this visitor."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        secret, mask = _split(random_chars(2 * CSRF_SECRET_LENGTH))
    else:
        mask = random_chars(CSRF_SECRET_LENGTH)
    # What get_token() records: the secret for the cookie, and that the cookie must be sent
    # (which also renews its expiry).
    request.META.update({"CSRF_COOKIE": secret, "CSRF_COOKIE_NEEDS_UPDATE": True})
    return mask + _cipher(secret, mask)


def random_chars(count: int) -> str:
    """`count` characters drawn uniformly from CSRF_ALLOWED_CHARS, from os.urandom."""
    chars = b""
    while len(chars) < count:
        # 25% more bytes than needed: dropped bytes (3% on average) rarely force a second read.
        chars += os.urandom(count + count // 4).translate(_BYTE_TO_CHAR, _BIASED_BYTES)
    return chars[:count].decode()


def _split(chars: str) -> tuple[str, str]:
    return chars[:CSRF_SECRET_LENGTH], chars[CSRF_SECRET_LENGTH:]


def _cipher(secret: str, mask: str) -> str:
    """Django's masking: each secret character shifted by the mask character's position."""
    return "".join(
        _CHARS[(_INDEX[s] + _INDEX[m]) % len(_CHARS)] for s, m in zip(secret, mask, strict=True)
    )
