"""manage.py update_content --previous OLD [NEW …]: bring shipped corrections to this site."""

from django.core.management.base import BaseCommand, CommandError

from content_packs.format import PackError
from content_packs.update import update_pack
from content_packs.validate import content_dir, read_files


class Command(BaseCommand):
    help = (
        "Apply corrected content packs (default: the repository's content/) to a site that was "
        "loaded from earlier ones (--previous: the packs as last shipped, files or directories). "
        "A field changes only where the site still holds the previous pack's value; fields an "
        "editor changed are left as they are and reported as skipped. Running it again changes "
        "nothing. All or nothing: a pack with any error is rejected and nothing is saved."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "packs", nargs="*", help="The new pack files or directories (default: content/)."
        )
        parser.add_argument(
            "--previous",
            nargs="+",
            required=True,
            metavar="OLD",
            help="The packs this site was last seeded or updated from (files or directories), "
            "e.g. a copy of content/ from the release before: "
            "git archive RELEASE content | tar -x -C /tmp/previous",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be created, updated, deleted or skipped; save nothing.",
        )

    def handle(self, *args, packs=(), previous, dry_run=False, **options):
        try:
            report = update_pack(
                read_files(previous), read_files(packs or [content_dir()]), dry_run=dry_run
            )
        except PackError as error:
            raise CommandError(f"Nothing was updated, nothing was saved. {error}") from error
        for line in report.lines():
            self.stdout.write(line)
