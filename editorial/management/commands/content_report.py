"""What needs an editor's attention: reviews that are overdue and pay figures that are old.

Exit status 1 when anything is listed, so a scheduled job (or CI) can alert someone.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.freshness import ReviewState, review_state_q
from core.models import reviewable_models
from guides.models import SalaryBand
from guides.pay import period_order

STALE_AFTER_YEARS = 2


def period_is_stale(period: str, today: datetime.date) -> bool | None:
    """Whether a reference period such as “May 2024” (or “2024”) ended more than two years
    before `today`; None when the period names no year."""
    year, month, _ = period_order(period)
    if not year:
        return None
    return (year, month or 12) < (today.year - STALE_AFTER_YEARS, today.month)


class Command(BaseCommand):
    help = (
        "List guides and certifications overdue for review and salary bands whose reference "
        "period is more than two years old. Exits with status 1 when anything is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="Report as of this date (YYYY-MM-DD) instead of today.",
        )

    def handle(self, *args, today=None, **options):
        today = today or timezone.localdate()
        problems = 0
        self.stdout.write(f"Content report for {today:%d %B %Y}")

        for model in reviewable_models():
            overdue = list(
                model.objects.filter(review_state_q(model, ReviewState.OVERDUE, today)).order_by(
                    model.reviewed_field
                )
            )
            problems += len(overdue)
            self.section(f"{model._meta.verbose_name_plural.capitalize()} overdue for review")
            for item in overdue:
                days = (today - item.review_due).days if item.review_due else None
                self.stdout.write(
                    f"  {item} [{item.state_label}]: last reviewed "
                    f"{item.last_review_date or 'never'}, every {item.review_interval_months} "
                    f"months, due {item.review_due or 'now'}"
                    + (f" ({days} days overdue)" if days is not None else "")
                )
            if not overdue:
                self.stdout.write("  none")

        stale, undated = [], []
        bands = SalaryBand.objects.select_related("guide").order_by("guide__title", "position")
        for band in bands:
            verdict = period_is_stale(band.reference_period, today)
            if verdict is None:
                undated.append(band)
            elif verdict:
                stale.append(band)
        problems += len(stale) + len(undated)
        self.section(f"Salary bands older than {STALE_AFTER_YEARS} years")
        for band in stale:
            self.stdout.write(f"  {band.guide}: {band} from {band.source_name}")
        if not stale:
            self.stdout.write("  none")
        if undated:
            self.section("Salary bands whose period has no year (fix the period)")
            for band in undated:
                self.stdout.write(f"  {band.guide}: {band}")

        if problems:
            raise CommandError(f"{problems} item(s) need attention.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Everything is up to date."))

    def section(self, title: str) -> None:
        self.stdout.write("")
        self.stdout.write(title)
