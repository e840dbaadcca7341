"""The careers' words in Spanish: data/ooh/spanish.json, written by the site like the English.

The file holds, per profile (by slug), its title, summary and duties in Spanish and the other
names people type for the job, and the handbook's field names. `import_spanish` gives each
translated field that is empty the file's text and never replaces a Spanish text an editor
wrote. A profile's Spanish duties are given only while its English duties are still the ones
data/ooh/duties.json gave it (same sentences, same order): duties an editor rewrote need
Spanish of their own, and until then the page shows the English with a note.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import reversion
from django.conf import settings
from django.db import transaction
from django.utils import translation

from core.content_version import bump_content_version

from .duties import MAX_LENGTH, Duty, read_duties
from .models import Field, Occupation
from .ooh_import import add_to_history

TEXT_LIMITS = {"title": 200, "summary": 300, "search": 300}


class SpanishFileError(Exception):
    """The file cannot be used; the message names the file and the entry."""


@dataclass
class SpanishReport:
    file_name: str
    fields: int = 0
    titles: int = 0
    summaries: int = 0
    search_terms: int = 0
    duties: int = 0
    duties_left: int = 0  # profiles whose English duties an editor changed

    def lines(self) -> list[str]:
        return [
            f"{self.file_name}: Spanish given to {self.fields} field names, {self.titles} "
            f"titles, {self.summaries} summaries, {self.search_terms} profiles' search terms, "
            f"{self.duties} duties; {self.duties_left} profiles' duties left (changed in English)."
        ]


def read_spanish(path: Path) -> dict:
    """{"fields": {slug: name}, "careers": {slug: {...}}}, every entry checked first."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        fields, careers = data["fields"], data["careers"]
    except (OSError, KeyError, TypeError, json.JSONDecodeError) as error:
        raise SpanishFileError(f"{path}: no Spanish could be read ({error}).") from None
    for slug, name in fields.items():
        if not isinstance(name, str) or not name.strip():
            raise SpanishFileError(f"{path} (field {slug}): the name must be text.")
    for slug, career in careers.items():
        texts = {key: career.get(key) for key in ("title", "summary")}
        texts["search"] = ", ".join(career.get("search") or [])
        for key, text in texts.items():
            if not isinstance(text, str) or len(text) > TEXT_LIMITS[key]:
                raise SpanishFileError(
                    f"{path} (career {slug}): {key} must be text of at most "
                    f"{TEXT_LIMITS[key]} characters."
                )
        duties = career.get("duties")
        if not isinstance(duties, list) or any(
            not isinstance(duty, str) or not duty.strip() or len(duty) > MAX_LENGTH
            for duty in duties
        ):
            raise SpanishFileError(
                f"{path} (career {slug}): duties must be a list of sentences "
                f"of at most {MAX_LENGTH} characters."
            )
    return {"fields": fields, "careers": careers}


def import_spanish(path, duties_path, *, dry_run=False) -> SpanishReport:
    data = read_spanish(path)
    english_duties = read_duties(duties_path)
    report = SpanishReport(file_name=Path(path).name)
    # A field's own name ("title") is the active language's: the English, as every import.
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        with reversion.create_revision(manage_manually=True):
            reversion.set_comment(f"Spanish from {report.file_name} where there was none.")
            changed = _fill(data, english_duties, report)
            add_to_history(Occupation.objects.filter(pk__in=changed))
            if changed or report.fields:
                bump_content_version()
        if dry_run:
            transaction.set_rollback(True)
    return report


def _fill(data, english_duties, report) -> set[int]:
    for field_row in Field.objects.filter(slug__in=list(data["fields"])):
        if not field_row.name_es:
            field_row.name_es = data["fields"][field_row.slug]
            field_row.save(update_fields=["name_es"])
            report.fields += 1
    changed = set()
    careers = data["careers"]
    profiles = Occupation.objects.filter(slug__in=list(careers)).prefetch_related("duties")
    for profile in profiles:
        career, names = careers[profile.slug], []
        for name, key, counter in (
            ("title_es", "title", "titles"),
            ("summary_es", "summary", "summaries"),
            ("search_terms_es", "search", "search_terms"),
        ):
            text = career[key] if key != "search" else ", ".join(career.get("search") or [])
            if text and not getattr(profile, name):
                setattr(profile, name, text)
                names.append(name)
                setattr(report, counter, getattr(report, counter) + 1)
        if names:
            profile.save(update_fields=names)
            changed.add(profile.pk)
        duties = sorted(profile.duties.all(), key=lambda duty: duty.position)
        if [duty.text_en for duty in duties] != english_duties.get(profile.slug):
            report.duties_left += bool(duties)
            continue
        given = []
        for duty, text in zip(duties, career["duties"], strict=False):
            if not duty.text_es:
                duty.text_es = text
                given.append(duty)
        Duty.objects.bulk_update(given, ["text_es"])
        report.duties += len(given)
        changed.update({profile.pk} if given else set())
    return changed
