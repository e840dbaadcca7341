"""When content is due for review: “last reviewed” plus the item's review interval in months.

The same cut-off dates serve Python (one item) and the database (a list filter, a report), so
both always agree: an item is overdue when its due date has passed, due soon when it falls in
the next DUE_SOON_DAYS days, up to date otherwise.
"""

import calendar
import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DUE_SOON_DAYS = 30


class ReviewState(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due within 30 days")
    UP_TO_DATE = "up_to_date", _("Up to date")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """31 January + 1 month → 28 (or 29) February: the day is kept where the month allows."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def review_state(last_reviewed, interval_months: int, today=None) -> ReviewState:
    if last_reviewed is None:
        return ReviewState.OVERDUE
    today = today or timezone.localdate()
    due = add_months(last_reviewed, interval_months)
    if due < today:
        return ReviewState.OVERDUE
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return ReviewState.DUE_SOON
    return ReviewState.UP_TO_DATE


def reviewed_on_or_after(day: datetime.date, interval_months: int) -> datetime.date:
    """The earliest review date whose due date is `day` or later."""
    cutoff = add_months(day, -interval_months)
    one_day = datetime.timedelta(days=1)
    while add_months(cutoff, interval_months) < day:  # month-end clamping
        cutoff += one_day
    while add_months(cutoff - one_day, interval_months) >= day:
        cutoff -= one_day
    return cutoff


def review_state_q(model, state: str, today=None) -> Q:
    """A filter for the items of `model` (a core.models.Reviewable) in the given review state.

    One query for the distinct intervals in use, then exact date cut-offs per interval: month
    arithmetic stays in Python and works the same on every database.
    """
    today = today or timezone.localdate()
    field = model.reviewed_field
    intervals = (
        model._default_manager.order_by()
        .values_list("review_interval_months", flat=True)
        .distinct()
    )
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS + 1)
    condition = Q(pk__in=[])
    for months in intervals:
        not_overdue = reviewed_on_or_after(today, months)
        not_due_soon = reviewed_on_or_after(soon, months)
        by_state = {
            ReviewState.OVERDUE: Q(**{f"{field}__lt": not_overdue}),
            ReviewState.DUE_SOON: Q(**{f"{field}__gte": not_overdue, f"{field}__lt": not_due_soon}),
            ReviewState.UP_TO_DATE: Q(**{f"{field}__gte": not_due_soon}),
        }
        condition |= Q(review_interval_months=months) & by_state[state]
    if state == ReviewState.OVERDUE:
        condition |= Q(**{f"{field}__isnull": True})
    return condition


# Dated figures: a figure describes a period ("May 2024"); it is old two years after it. -------

STALE_AFTER_YEARS = 2
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def period_order(period: str) -> tuple[int, int, str]:
    """ "May 2024" → (2024, 5, …), so periods sort by time; unrecognised ones sort first."""
    words = period.replace(",", " ").split()
    year = next((int(word) for word in reversed(words) if word.isdigit() and len(word) == 4), 0)
    month = next((MONTHS[word.title()] for word in words if word.title() in MONTHS), 0)
    return (year, month, period)


def period_is_stale(period: str, today: datetime.date) -> bool | None:
    """Whether a reference period such as “May 2024” (or “2024”) ended more than two years
    before `today`; None when the period names no year."""
    year, month, _ = period_order(period)
    if not year:
        return None
    return (year, month or 12) < (today.year - STALE_AFTER_YEARS, today.month)
