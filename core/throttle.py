"""Per-client limits for public forms (questions, feedback), counted in the configured cache.

Clients are told apart by a hash of their IP address (the address itself is never stored).
If the cache is unavailable the limit is not enforced and the failure is logged: a slow or
broken cache must never stop a visitor from using the site.
"""

import hashlib
import logging
import time
from dataclasses import dataclass

from django.core.cache import cache

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Throttle:
    scope: str
    limit: int
    period: int  # seconds

    def allow(self, request) -> bool:
        """Count this attempt; False when the client has used up its limit for the period."""
        key = self.key(request)
        try:
            if cache.add(key, 1, timeout=self.period):
                return True
            return cache.incr(key) <= self.limit
        except Exception:  # any cache backend error: fail open, but say so
            logger.exception("throttle %s: cache unavailable, not limiting", self.scope)
            return True

    def key(self, request) -> str:
        address = request.META.get("REMOTE_ADDR", "")
        client = hashlib.sha256(address.encode()).hexdigest()[:32]
        window = int(time.time() // self.period)
        return f"throttle:{self.scope}:{client}:{window}"
