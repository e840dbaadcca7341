"""The content version: one token that changes whenever anything the public sees changes.

Cached pages are keyed on it (core.public_pages), so an editor's save shows on the next
request. Any save or delete of content changes it: each content app names its models with
track() in its AppConfig.ready(), so core needs to know no content app. Each process
remembers the version for at most VERSION_TTL seconds to save a query per request; the process
that saved forgets it at once, so other processes see an edit within a second.

Scheduled publishing needs no cron job: the version row also holds the next time a scheduled
item becomes public, and the first request after that time changes the version, so no cached
page can hide the item (or a link to it) once its time has come.

When the database does not answer, the last version known is used, so pages already cached
are still served: from this process's memory, or, in a process that has not read it yet, from
the page cache, where every process leaves the version it last read.
"""

import logging
import time
import uuid
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from .models import ContentVersion, Publishable, Status

logger = logging.getLogger(__name__)

VERSION_TTL = 1.0
LAST_KNOWN_KEY = "content-version"

_memo = {"token": None, "expires": 0.0, "next_publish_at": None}
_deferred: list = []  # inside deferred_bumps(): the senders whose saves are waiting
_tracked: list = []  # the content models, in the order their apps named them (track())


def track(*models) -> None:
    """For a content app's AppConfig.ready(): what the public sees is made of these models.

    Any save or delete of one changes the content version; the Publishable ones also hold
    the publishing schedule (next_publish_at)."""
    for model in models:
        post_save.connect(
            bump_content_version, sender=model, dispatch_uid=f"bump-{model._meta.label}-save"
        )
        post_delete.connect(
            bump_content_version, sender=model, dispatch_uid=f"bump-{model._meta.label}-delete"
        )
        if model not in _tracked:
            _tracked.append(model)


def tracked_app_labels() -> list[str]:
    """The apps whose models track() was given, once each, in order."""
    return list(dict.fromkeys(model._meta.app_label for model in _tracked))


class VersionUnknown(Exception):
    """The database does not answer and no version is known to fall back on."""


def content_version() -> str:
    try:
        return _current_version()
    except DatabaseError as error:
        # Ask the database again in a second, not on every request of the outage.
        _memo["expires"] = time.monotonic() + VERSION_TTL
        token = _memo["token"] or caches[settings.CACHE_MIDDLEWARE_ALIAS].get(LAST_KNOWN_KEY)
        if token is None:
            raise VersionUnknown from error
        _memo["token"] = token
        return token


def _current_version() -> str:
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
    if row.token != _memo["token"]:
        caches[settings.CACHE_MIDDLEWARE_ALIAS].set(LAST_KNOWN_KEY, row.token, None)
    _memo.update(
        token=row.token,
        next_publish_at=row.next_publish_at,
        expires=time.monotonic() + VERSION_TTL,
    )


def _schedule_passed(moment) -> bool:
    return moment is not None and timezone.now() >= moment


def forget_content_version() -> None:
    _memo.update(token=None, expires=0.0, next_publish_at=None)


@contextmanager
def deferred_bumps():
    """For imports that save hundreds of objects: one bump at the end instead of one per save
    (each reads the publishing schedule). Nothing is cached from inside the import's
    transaction, so nothing stale can be served in between."""
    _deferred.append(set())
    try:
        yield
    finally:
        senders = _deferred.pop()
        if senders:
            publishable = any(s is None or issubclass(s, Publishable) for s in senders)
            bump_content_version(None if publishable else next(iter(senders)))


def bump_content_version(sender=None, **_signal_kwargs) -> None:
    """Signal receiver: content changed, so every cached page is out of date."""
    if _deferred:
        _deferred[-1].add(sender)
        return
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
        for model in _tracked
        if issubclass(model, Publishable)
    ]
    return min((moment for moment in upcoming if moment is not None), default=None)


def _new_token() -> str:
    return uuid.uuid4().hex
