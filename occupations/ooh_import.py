"""import_ooh: the handbook's facts (data/ooh/occupations-2024-34.json) as published profiles.

The whole file is checked before anything is written; one bad entry stops the run with the
file, line and profile it is on, and nothing is saved. Profiles are matched by slug, their
parts by natural key (SOC code, industry, similar profile), so a second run of the same file
reports 0 created and 0 updated. Imported facts follow the file. The summary is the site's own
text: a new profile takes it from data/ooh/summaries.json, and no import changes it later,
since an editor may have rewritten it.
"""

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import reversion
from django.db import transaction

from core.content_version import bump_content_version
from core.models import Status

from .models import (
    EntryEducation,
    Field,
    ImportRun,
    LargestEmployer,
    Occupation,
    OccupationCode,
    OutlookLabel,
    SimilarOccupation,
    Training,
    WorkExperience,
)
from .ooh_pay import HANDBOOK_RELEASE, pay_problem, store_handbook_pay

SEE_PROFILE = "See How to Become One"
FACTS = (
    "title",
    "field_id",
    "soc_codes",
    "pay_code",
    "ooh_url",
    "ooh_modified",
    "entry_education",
    "work_experience",
    "training",
    "jobs",
    "projected_jobs",
    "employment_change",
    "outlook_percent",
    "outlook_label",
    "openings_per_year",
)


class OOHFileError(Exception):
    """The file cannot be imported; the message names the file, line and profile."""


def _choices(choices) -> dict[str, str]:
    """BLS's wording → our stored value (apostrophes made plain, "See How to Become One")."""
    table = {str(label).replace("’", "'"): value for value, label in choices.choices}
    table[SEE_PROFILE] = choices.SEE_PROFILE if hasattr(choices, "SEE_PROFILE") else ""
    return table


CHOICES = {
    "entry_education": _choices(EntryEducation),
    "work_experience": _choices(WorkExperience),
    "on_the_job_training": _choices(Training),
    "outlook_label": {str(label): value for value, label in OutlookLabel.choices},
}


@dataclass
class OOHReport:
    file_name: str
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    summaries_kept: int = 0
    pay_created: int = 0
    pay_updated: int = 0

    def lines(self) -> list[str]:
        lines = [
            f"OOH import of {self.file_name}: {len(self.created)} created, "
            f"{len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.skipped)} skipped."
        ]
        lines.extend(f"  created {slug}" for slug in self.created[:20])
        if len(self.created) > 20:
            lines.append(f"  … and {len(self.created) - 20} more created")
        lines.extend(f"  updated {slug}" for slug in self.updated)
        lines.extend(f"  skipped {what}: {why}" for what, why in self.skipped)
        lines.append(
            f"Pay, {HANDBOOK_RELEASE} (the handbook's national figures): {self.pay_created} "
            f"created, {self.pay_updated} updated."
        )
        return lines


def profile_lines(raw: str) -> dict[str, int]:
    """{slug: the line its profile starts on}, read from the text itself (error messages)."""
    decoder = json.JSONDecoder()
    lines: dict[str, int] = {}
    position = raw.find("[", raw.find('"occupations"')) + 1
    # Newlines are counted from the previous profile on, not from the start each time: a file
    # ten times the size took 17× as long to import when every profile counted from the top.
    counted_to, line = 0, 1
    while 0 < position < len(raw):
        while position < len(raw) and raw[position] in " \t\r\n,":
            position += 1
        if position >= len(raw) or raw[position] == "]":
            break
        try:
            entry, end = decoder.raw_decode(raw, position)
        except json.JSONDecodeError:
            break
        if isinstance(entry, dict):
            line += raw.count("\n", counted_to, position)
            counted_to = position
            lines.setdefault(str(entry.get("slug")), line)
        position = end
    return lines


def read(path: Path, summaries_path: Path | None) -> tuple[dict, dict, str]:
    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as error:
        raise OOHFileError(f"{path}: cannot be read ({error.strerror}).") from error
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise OOHFileError(f"{path}, line {error.lineno}: not valid JSON ({error.msg}).") from None
    summaries = {}
    if summaries_path is not None:
        try:
            summaries = json.loads(summaries_path.read_text(encoding="utf-8"))["summaries"]
        except (OSError, KeyError, json.JSONDecodeError) as error:
            raise OOHFileError(f"{summaries_path}: no summaries could be read ({error}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("occupations"), list):
        raise OOHFileError(f"{path}, line 1: expected an object with a list of occupations.")
    return data, summaries, raw


def check(data: dict, raw: str, path: Path, skipped: list) -> list[dict]:
    """Every profile's values as the models store them; OOHFileError at the first bad one."""
    fields = {entry["slug"] for entry in data.get("fields", [])}
    repeated = Counter(entry.get("slug") for entry in data["occupations"])
    lines = profile_lines(raw)
    profiles = []
    for entry in data["occupations"]:
        slug = entry.get("slug") or "?"

        def fail(message, slug=slug):
            line = lines.get(slug, 1)
            raise OOHFileError(f"{path}, line {line} (profile {slug}): {message}")

        if repeated[entry.get("slug")] > 1:
            fail("the slug appears twice")
        for name in ("title", "url", "field"):
            if not entry.get(name):
                fail(f"“{name}” is missing")
        if entry["field"] not in fields:
            fail(f"field “{entry['field']}” is not one of the file's fields")
        values = {}
        for name, table in CHOICES.items():
            text = entry.get(name)
            if text is None:
                values[name] = ""
            elif text.replace("’", "'") in table:
                values[name] = table[text.replace("’", "'")]
            else:
                fail(f"{name} “{text}” is not one of BLS's categories")
        for name in ("jobs", "projected", "employment_change", "outlook_percent"):
            if entry.get(name) is not None and not isinstance(entry[name], int):
                fail(f"{name} “{entry[name]}” is not a whole number")
        for code in entry.get("soc_codes", []):
            if not isinstance(code, dict) or len(code.get("soc_code", "")) != 7:
                fail(f"SOC code {code!r} is not like 29-2072")
        for employer in entry.get("largest_employers", []):
            if not isinstance(employer.get("percent"), int) or not 0 <= employer["percent"] <= 100:
                fail(f"largest employer {employer.get('industry')!r}: percent is not 0–100")
        if problem := pay_problem(entry.get("pay_2024") or {}):
            fail(problem)
        profiles.append({**entry, "choices": values})
        for similar in entry.get("similar", []):
            if similar.get("slug") not in lines:
                skipped.append((slug, f"similar occupation {similar.get('slug')}: not in the file"))
    return profiles


def facts_of(entry: dict, field_ids: dict) -> dict:
    return {
        "title": entry["title"],
        "field_id": field_ids[entry["field"]],
        "soc_codes": " ".join(code["soc_code"] for code in entry.get("soc_codes", [])),
        "pay_code": next(
            (c["soc_code"] for c in entry.get("soc_codes", [])[:1] if c["level"] != "detailed"),
            "",
        ),
        "ooh_url": entry["url"],
        "ooh_modified": entry.get("last_modified"),
        "entry_education": entry["choices"]["entry_education"],
        "work_experience": entry["choices"]["work_experience"],
        "training": entry["choices"]["on_the_job_training"],
        "jobs": entry.get("jobs"),
        "projected_jobs": entry.get("projected"),
        "employment_change": entry.get("employment_change"),
        "outlook_percent": entry.get("outlook_percent"),
        "outlook_label": entry["choices"]["outlook_label"],
        "openings_per_year": entry.get("openings_per_year"),
    }


def import_ooh(path, summaries_path=None, *, dry_run=False) -> OOHReport:
    path = Path(path)
    summaries_path = Path(summaries_path) if summaries_path else None
    data, summaries, raw = read(path, summaries_path)
    report = OOHReport(file_name=path.name)
    profiles = check(data, raw, path, report.skipped)
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        reversion.set_comment(f"OOH import of {path.name}.")
        field_ids = _fields(data["fields"])
        existing = {occupation.slug: occupation for occupation in Occupation.objects.all()}
        new, changed = [], []
        for entry in profiles:
            facts = facts_of(entry, field_ids)
            occupation = existing.get(entry["slug"])
            if occupation is None:
                summary = summaries.get(entry["slug"], "").strip()
                if not summary:
                    report.skipped.append((entry["slug"], "no summary in the site's own words yet"))
                    continue
                occupation = Occupation(
                    slug=entry["slug"], summary=summary, status=Status.PUBLISHED, **facts
                )
                new.append(occupation)
                report.created.append(entry["slug"])
            elif any(_text(getattr(occupation, name)) != _text(facts[name]) for name in FACTS):
                for name in FACTS:
                    setattr(occupation, name, facts[name])
                changed.append(occupation)
            elif summaries.get(entry["slug"]) not in (None, occupation.summary):
                report.summaries_kept += 1
        Occupation.objects.bulk_create(new, batch_size=500)
        for occupation in changed:
            occupation.save()
        slugs = {o.slug: o for o in Occupation.objects.all()}
        parts_changed = _parts(profiles, slugs)
        for occupation in changed:
            report.updated.append(occupation.slug)
        for slug in sorted(parts_changed - set(report.created) - set(report.updated)):
            report.updated.append(slug)
        in_file = {entry["slug"] for entry in profiles} & set(slugs)
        report.unchanged = sorted(in_file - set(report.created) - set(report.updated))
        pay_codes = {slug: occupation.pay_code for slug, occupation in slugs.items()}
        report.pay_created, report.pay_updated = store_handbook_pay(profiles, pay_codes)
        touched = [slugs[slug] for slug in report.created + report.updated if slug in slugs]
        add_to_history(touched)
        _record(path, raw, report)
        if touched or report.pay_created or report.pay_updated:
            bump_content_version()
        if dry_run:
            transaction.set_rollback(True)
    return report


def add_to_history(profiles) -> None:
    """Each profile, with its parts, into the current revision. Prefetched: reversion follows
    them through their managers, and a similar link's str() would fetch its profile, a query
    apiece (2,600 for the handbook)."""
    parts = ("codes", "employers", "similar_links__similar", "duties")
    for occupation in Occupation.objects.filter(pk__in=[p.pk for p in profiles]).prefetch_related(
        *parts
    ):
        reversion.add_to_revision(occupation)


def _text(value) -> str:
    return "" if value is None else str(value)


def _fields(entries) -> dict[str, int]:
    ids = {}
    for entry in entries:
        found, _ = Field.objects.update_or_create(
            slug=entry["slug"], defaults={"name": entry["name"]}
        )
        ids[entry["slug"]] = found.pk
    return ids


def _parts(profiles: list[dict], slugs: dict) -> set[str]:
    """Bring each profile's codes, employers and similar links in line; the slugs that changed."""
    stored = {
        "codes": _stored(
            OccupationCode,
            ("soc_code", "title", "level", "jobs", "projected_jobs", "change_percent", "change"),
        ),
        "employers": _stored(LargestEmployer, ("industry", "percent")),
        "similar": _stored(SimilarOccupation, ("similar__slug",)),
    }
    changed = set()
    create = {"codes": [], "employers": [], "similar": []}
    stale = {"codes": [], "employers": [], "similar": []}
    for entry in profiles:
        occupation = slugs.get(entry["slug"])
        if occupation is None:
            continue
        wanted = {
            "codes": [
                (
                    c["soc_code"],
                    c["title"],
                    c["level"],
                    c.get("jobs"),
                    c.get("projected"),
                    c.get("change_percent"),
                    c.get("change"),
                )
                for c in entry.get("soc_codes", [])
            ],
            "employers": [
                (e["industry"], e["percent"]) for e in entry.get("largest_employers", [])
            ],
            "similar": [(s["slug"],) for s in entry.get("similar", []) if s["slug"] in slugs],
            # A link to a profile this site lacks is left out (the report says so).
        }
        for kind, rows in wanted.items():
            if stored[kind].get(occupation.pk, []) == rows:
                continue
            changed.add(occupation.slug)
            stale[kind].append(occupation.pk)
            create[kind].extend(
                _part(kind, occupation, position, row, slugs) for position, row in enumerate(rows)
            )
    for kind, model in (
        ("codes", OccupationCode),
        ("employers", LargestEmployer),
        ("similar", SimilarOccupation),
    ):
        model.objects.filter(occupation_id__in=stale[kind]).delete()
        model.objects.bulk_create(create[kind], batch_size=1000)
    return changed


def _stored(model, names) -> dict[int, list[tuple]]:
    rows: dict[int, list[tuple]] = {}
    for values in model.objects.order_by("occupation_id", "position", "pk").values_list(
        "occupation_id", *names
    ):
        rows.setdefault(values[0], []).append(tuple(values[1:]))
    return rows


def _part(kind, occupation, position, row, slugs):
    if kind == "codes":
        code, title, level, jobs, projected, percent, change = row
        return OccupationCode(
            occupation=occupation,
            position=position,
            soc_code=code,
            title=title,
            level=level,
            jobs=jobs,
            projected_jobs=projected,
            change_percent=percent,
            change=change,
        )
    if kind == "employers":
        return LargestEmployer(
            occupation=occupation, position=position, industry=row[0], percent=row[1]
        )
    return SimilarOccupation(occupation=occupation, position=position, similar=slugs[row[0]])


def _record(path: Path, raw: str, report: OOHReport) -> None:
    ImportRun.objects.create(
        kind="ooh",
        file_name=path.name,
        file_sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        created=len(report.created),
        updated=len(report.updated),
        unchanged=len(report.unchanged),
        skipped=len(report.skipped),
        report="\n".join(report.lines()),
    )
