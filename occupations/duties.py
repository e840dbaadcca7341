"""What a career's people do: four to eight duties in the site's own words, per profile.

The duties are the site's editorial text, like the summary: written from the handbook's "What
they do" and O*NET's task statements (scripts/check_summaries.py checks they copy neither) and
shipped in data/ooh/duties.json. `import_duties` gives a profile that has no duties the file's;
a profile that has some keeps them, since an editor may have rewritten, reordered or removed
them. The seven guides show their own editors' duties instead.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core.content_version import bump_content_version

from .models import Occupation, OccupationPart
from .ooh_import import add_to_history

PER_PROFILE = (4, 8)
MAX_LENGTH = 300


@reversion.register()
class Duty(OccupationPart):
    """One thing people in the job do, in one sentence of the site's own words."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="duties")
    text = models.CharField(
        max_length=MAX_LENGTH, help_text=_("One duty, one plain sentence (no Markdown).")
    )

    class Meta(OccupationPart.Meta):
        verbose_name_plural = _("duties")
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="duty_text_not_empty")
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return f"{self.occupation.get_absolute_url()}#duties"


class DutiesFileError(Exception):
    """The file cannot be used; the message names the file and the profile."""


@dataclass
class DutiesReport:
    file_name: str
    added: list[str] = field(default_factory=list)  # profiles that had no duties
    kept: int = 0  # profiles whose own duties were left alone
    missing: list[str] = field(default_factory=list)  # profiles the file has none for

    def lines(self) -> list[str]:
        return [
            f"{self.file_name}: profiles given duties: {len(self.added)}; kept their own: "
            f"{self.kept}; with codes but none in the file: {len(self.missing)}."
        ]


def read_duties(path: Path) -> dict[str, list[str]]:
    """{slug: duties}, every entry checked before anything is written."""
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))["duties"]
    except (OSError, KeyError, TypeError, json.JSONDecodeError) as error:
        raise DutiesFileError(f"{path}: no duties could be read ({error}).") from None
    low, high = PER_PROFILE
    for slug, duties in entries.items():
        if not isinstance(duties, list) or not low <= len(duties) <= high:
            raise DutiesFileError(f"{path} (profile {slug}): expected a list of {low}–{high}.")
        for duty in duties:
            if not isinstance(duty, str) or not duty.strip() or len(duty) > MAX_LENGTH:
                raise DutiesFileError(
                    f"{path} (profile {slug}): each duty is a sentence of 1–{MAX_LENGTH} "
                    f"characters; {duty!r} is not."
                )
    return entries


def import_duties(path, *, dry_run=False) -> DutiesReport:
    entries = read_duties(path)
    report = DutiesReport(file_name=Path(path).name)
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        reversion.set_comment(f"Duties from {report.file_name} for profiles without any.")
        has_duties = set(Duty.objects.values_list("occupation_id", flat=True).distinct())
        new = []
        for occupation in Occupation.objects.order_by("slug"):
            if occupation.pk in has_duties:
                report.kept += 1
            elif occupation.slug in entries:
                report.added.append(occupation.slug)
                new += [
                    Duty(occupation=occupation, position=position, text=text.strip())
                    for position, text in enumerate(entries[occupation.slug])
                ]
            elif occupation.soc_codes:
                report.missing.append(occupation.slug)
        Duty.objects.bulk_create(new, batch_size=1000)
        # Each profile that gained duties, with them.
        add_to_history(Occupation.objects.filter(slug__in=report.added))
        if new:
            bump_content_version()
        if dry_run:
            transaction.set_rollback(True)
    return report
