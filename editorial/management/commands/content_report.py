"""What needs an editor's attention: reviews that are overdue and pay figures that are old.

Exit status 1 when anything is listed, so a scheduled job (or CI) can alert someone.
"""

import datetime

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.freshness import STALE_AFTER_YEARS, ReviewState, review_state_q
from core.models import reviewable_models


class Command(BaseCommand):
    help = (
        "List guides and certifications overdue for review and pay figures whose reference "
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

        # Apps that hold dated figures say which are old (AppConfig.stale_figures(today)).
        stale = [
            line
            for config in apps.get_app_configs()
            if hasattr(config, "stale_figures")
            for line in config.stale_figures(today)
        ]
        problems += len(stale)
        self.section(f"Figures older than {STALE_AFTER_YEARS} years")
        for line in stale:
            self.stdout.write(f"  {line}")
        if not stale:
            self.stdout.write("  none")

        if problems:
            raise CommandError(f"{problems} item(s) need attention.", returncode=1)
        self.stdout.write(self.style.SUCCESS("Everything is up to date."))

    def section(self, title: str) -> None:
        self.stdout.write("")
        self.stdout.write(title)
