"""Redis as a cache that may fail: when Redis does not answer, the cache reads as empty.

Django's own RedisCache raises redis-py's ConnectionError on every call while Redis is down,
which turned every page into a 500. A cache is an optimisation, so here a Redis that is down
(or too slow to answer within the socket timeouts set in settings) behaves like an empty
cache that keeps nothing: gets miss, sets are dropped, `add` succeeds, counters do not exist.

After a failure the server is left alone for RETRY_SECONDS: a Redis that hangs then costs one
timeout per interval instead of one per call, and the outage is logged once per interval, not
once per request. redis-py reconnects by itself, so caching resumes when Redis is back.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)


class Availability:
    """Whether a Redis server is worth asking; shared by every thread of the process."""

    def __init__(self, name: str):
        self.name = name
        self.lock = threading.Lock()
        self.failed_at = 0.0
        self.down = False

    def worth_asking(self) -> bool:
        return not self.down or time.monotonic() - self.failed_at >= RETRY_SECONDS

    def failed(self, error: Exception) -> None:
        with self.lock:
            self.failed_at = time.monotonic()
            self.down = True
        logger.warning(
            "cache %s is unavailable (%s: %s); serving without it, next try in %.0f s",
            self.name,
            type(error).__name__,
            error,
            RETRY_SECONDS,
        )

    def answered(self) -> None:
        if self.down:
            with self.lock:
                was_down, self.down = self.down, False
            if was_down:
                logger.warning("cache %s answers again", self.name)


_availability: dict[str, Availability] = {}
_availability_lock = threading.Lock()


def availability_of(name: str) -> Availability:
    with _availability_lock:
        return _availability.setdefault(name, Availability(name))


def forget_outages() -> None:
    """Every server counts as up again (for tests)."""
    with _availability_lock:
        for availability in _availability.values():
            availability.down = False


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, except that a Redis that is down reads as an empty cache."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self.availability = availability_of(",".join(self._servers))

    def _try(self, when_down, call, *args, **kwargs):
        if not self.availability.worth_asking():
            return when_down
        try:
            result = call(*args, **kwargs)
        except UNAVAILABLE as error:
            self.availability.failed(error)
            return when_down
        self.availability.answered()
        return result

    def get(self, key, default=None, version=None):
        return self._try(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._try({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._try(False, super().has_key, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # An empty cache has no such key, so adding "succeeds" (and keeps nothing).
        return self._try(True, super().add, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._try(None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(list(data), super().set_many, data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._try(False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        self._try(None, super().delete_many, keys, version)

    def clear(self):
        return self._try(False, super().clear)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._try(missing, super().incr, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found.")  # what an empty cache says
        return result
