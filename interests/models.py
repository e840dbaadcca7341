"""The activities of the interest questionnaire (/careers/match/): each a short piece of work
in the site's own words, tagged with the one interest area it speaks to. Editors write them,
publishers publish them; the questionnaire asks the published ones in their order. Never
O*NET Interest Profiler's items (a copyrighted instrument: ../shared/data/README.md)."""

import reversion
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.interest_areas import InterestArea as Area
from core.models import Publishable


@reversion.register()
class InterestItem(Publishable):
    text = models.CharField(
        max_length=80,
        unique=True,
        help_text=_("A short activity a visitor can picture, e.g. “Check invoices for mistakes”."),
    )
    area = models.CharField(max_length=1, choices=Area.choices)
    position = models.PositiveSmallIntegerField(
        default=0,
        help_text=_("Lower numbers are asked first; mix the areas so none comes in a block."),
    )

    class Meta:
        ordering = ["position", "pk"]
        permissions = [("publish_interestitem", "Can publish, schedule and unpublish activities")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="interest_item_has_text"),
            models.CheckConstraint(
                condition=models.Q(area__in=Area.values), name="interest_item_area_is_riasec"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return f"{reverse('careers:match')}#item-{self.pk}"
