"""manage.py build_next_steps: each O*NET occupation's closest occupations (what carries over),
for "where my experience can take me". Run after import_onet (make seed does)."""

import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from core.content_version import bump_content_version
from occupations.onet_models import (
    OnetOccupation,
    OnetRating,
    OnetRelated,
    OnetSimilar,
    OnetTechnology,
)
from occupations.onet_similarity import closest


class Command(BaseCommand):
    help = (
        "Compute, for every O*NET occupation, the occupations its skills, knowledge and tools "
        "carry over to best (occupations/onet_similarity.py), replacing the last computation."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        ratings: dict[str, dict[str, float]] = {}
        for code, element, importance in OnetRating.objects.filter(
            importance__isnull=False
        ).values_list("occupation__code", "element_id", "importance"):
            ratings.setdefault(code, {})[element] = float(importance)
        kinds: dict[str, set[str]] = {}
        for code, kind in OnetTechnology.objects.values_list(
            "occupation__code", "technology__commodity_code"
        ):
            kinds.setdefault(code, set()).add(kind)
        related: dict[str, dict[str, str]] = {}
        for code, other, tier in OnetRelated.objects.values_list(
            "occupation__code", "related__code", "tier"
        ):
            related.setdefault(code, {})[other] = tier
        ids = dict(OnetOccupation.objects.values_list("code", "pk"))
        for code in ids:
            kinds.setdefault(code, set())
        found = closest(ratings, kinds, related)
        rows = [
            OnetSimilar(occupation_id=ids[code], other_id=ids[other], score=score)
            for code, pairs in found.items()
            if code in ids
            for other, score in pairs
            if other in ids
        ]
        with transaction.atomic():
            # One statement: the rows are derived, nothing follows them, and Django's delete()
            # would load all 10,000 to send each a signal (the content version is bumped once).
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {OnetSimilar._meta.db_table}")  # noqa: S608
            OnetSimilar.objects.bulk_create(rows, batch_size=2000)
            bump_content_version()
        self.stdout.write(
            f"Next steps: {len(rows):,} closest occupations for {len(found):,} O*NET occupations "
            f"in {time.monotonic() - started:.1f} s."
        )
