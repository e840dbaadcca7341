"""Building blocks shared by the content apps."""

import datetime

from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .freshness import ReviewState, add_months, review_state


class Status(models.TextChoices):
    """The editorial workflow: draft → in review → published (and unpublished back to draft)."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    PUBLISHED = "published", _("Published")


def published_q(prefix: str = "") -> Q:
    """What the public may see now: published, and its publish time (if any) has come.

    `prefix` filters through a relation, e.g. published_q("certification__").
    """
    now = timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED}) & (
        Q(**{f"{prefix}publish_at__isnull": True}) | Q(**{f"{prefix}publish_at__lte": now})
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Only what the public sees now (scheduled items appear once their time comes)."""
        return self.filter(published_q())

    def visible_to(self, user):
        """Everything for staff (so they can preview any state), only published for the public."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


class Publishable(models.Model):
    """Content the public sees only once a publisher publishes it (and its time has come)."""

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Optional. A published item with a later time stays hidden from the public until "
            "then; leave empty to show it as soon as it is published."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        """Whether the public sees it now (published, and not scheduled for later)."""
        return self.status == Status.PUBLISHED and not self.is_scheduled

    @property
    def is_scheduled(self) -> bool:
        """Published, but its publish time has not come yet."""
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def state_label(self) -> str:
        """The state as staff see it: Draft, In review, Scheduled or Published."""
        return _("Scheduled") if self.is_scheduled else self.get_status_display()


class Reviewable(models.Model):
    """Content an editor re-checks every so often. Subclasses name their “last reviewed” date
    field in `reviewed_field`."""

    reviewed_field = "last_reviewed"

    review_interval_months = models.PositiveSmallIntegerField(
        _("review every (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("How often the facts must be checked again; the admin flags it when due."),
    )

    class Meta:
        abstract = True

    @property
    def last_review_date(self) -> datetime.date | None:
        return getattr(self, self.reviewed_field)

    @property
    def review_due(self) -> datetime.date | None:
        last = self.last_review_date
        return add_months(last, self.review_interval_months) if last else None

    def review_state(self, today: datetime.date | None = None) -> ReviewState:
        return review_state(self.last_review_date, self.review_interval_months, today)


class ContentVersion(models.Model):
    """One row whose token changes whenever any published content changes.

    Cached page fragments are keyed by this token, so an editor's save invalidates them for
    every process at once, whatever the cache backend (see core.cache).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)
    # The next time a scheduled item becomes public: the first request after it changes the
    # token, so no cached page hides the item once its time has come (no cron job needed).
    next_publish_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"content version {self.token}"


def reviewable_models() -> list:
    """Every installed model an editor re-checks (Reviewable), by name."""
    models_ = [model for model in apps.get_models() if issubclass(model, Reviewable)]
    return sorted(models_, key=lambda model: str(model._meta.verbose_name))
