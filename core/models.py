"""Building blocks shared by the content apps."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED)

    def visible_to(self, user):
        """Everything for staff (so they can preview drafts), only published for the public."""
        if user.is_authenticated and user.is_staff:
            return self
        return self.published()


class Publishable(models.Model):
    """Content the public sees only once an editor publishes it."""

    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


class SourcedFigure(models.Model):
    """Where a figure comes from: every number the site shows names its source and period."""

    source_name = models.CharField(
        max_length=200, help_text=_("Who published the figure, e.g. “BLS OEWS”.")
    )
    source_url = models.URLField(max_length=500, blank=True)
    reference_period = models.CharField(
        max_length=40, help_text=_("The period the figure describes, e.g. “May 2024”.")
    )

    class Meta:
        abstract = True


class ContentVersion(models.Model):
    """One row whose token changes whenever any published content changes.

    Cached page fragments are keyed by this token, so an editor's save invalidates them for
    every process at once, whatever the cache backend (see core.cache).
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"content version {self.token}"
