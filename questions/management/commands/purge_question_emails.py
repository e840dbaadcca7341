"""manage.py purge_question_emails --older-than DAYS: forget visitors' emails after retention."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from questions.models import SubmittedQuestion


class Command(BaseCommand):
    help = "Remove the email addresses of questions asked more than DAYS days ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.QUESTION_EMAIL_DAYS,
            metavar="DAYS",
            help="Retention period in days (default: %(default)s, from QUESTION_EMAIL_DAYS).",
        )

    def handle(self, *args, older_than, **options):
        if older_than < 0:
            raise CommandError("--older-than must be 0 or more days.")
        cutoff = timezone.now() - datetime.timedelta(days=older_than)
        count = (
            SubmittedQuestion.objects.filter(created_at__lt=cutoff)
            .exclude(email="")
            .update(email="")
        )
        self.stdout.write(
            f"Removed {count} email address(es) from questions older than {older_than} days."
        )
