"""import_onet: the O*NET data of data/onet/ into the database, all or nothing.

The whole file is checked before anything is written; a bad entry stops the run, naming the
occupation and what is wrong. A release already imported from the same bytes changes nothing.
Otherwise, in one transaction, the occupations of every earlier import go (with everything
under them) and the file's come in, bulk. What an editor hid stays hidden: items are matched
by occupation code and what they are (a title's text, a technology's name, a rating's
element), and the new rows of those are hidden too.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from core.content_version import bump_content_version

from .models import ImportRun
from .onet_models import (
    OnetCareerCode,
    OnetOccupation,
    OnetRating,
    OnetRelated,
    OnetRelease,
    OnetTechnology,
    OnetTitle,
    RatingKind,
    Technology,
    TitleKind,
)

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "data" / "onet" / "onet-30.1.json"
CODE = re.compile(r"^\d{2}-\d{4}\.\d{2}$")
SOC = re.compile(r"^\d{2}-\d{4}$")
BATCH = 2000


class OnetFileError(Exception):
    """The file cannot be imported; the message says where and why."""


@dataclass
class OnetReport:
    release: str
    unchanged: bool = False
    counts: dict = field(default_factory=dict)

    def lines(self) -> list[str]:
        if self.unchanged:
            return [f"{self.release}: already imported from this file; nothing changed."]
        return [f"{self.release}: " + ", ".join(f"{n:,} {what}" for what, n in self.counts.items())]


def _rating(value, low, high, where) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise OnetFileError(f"{where}: {value!r} is not a number") from None
    if not low <= number <= high:
        raise OnetFileError(f"{where}: {value} is outside {low}–{high}")
    return number


def check(data: dict) -> None:
    """Every entry, before anything is written."""
    release = data.get("release") or {}
    if not release.get("version") or not release.get("name"):
        raise OnetFileError("the file names no O*NET release (release.version and .name)")
    occupations = data.get("occupations")
    if not isinstance(occupations, dict) or not occupations:
        raise OnetFileError("the file has no occupations")
    for code, occupation in occupations.items():
        where = f"occupation {code}"
        if not CODE.match(code):
            raise OnetFileError(f"{where}: not an O*NET-SOC code like 29-2072.00")
        if not occupation.get("title"):
            raise OnetFileError(f"{where}: no title")
        if not occupation.get("careers") or not all(SOC.match(c) for c in occupation["careers"]):
            raise OnetFileError(f"{where}: careers must be SOC codes like 29-2072")
        if occupation.get("job_zone") not in (None, 1, 2, 3, 4, 5):
            raise OnetFileError(f"{where}: job zone {occupation['job_zone']} is not 1–5")
        for letter, score in occupation.get("interests", {}).items():
            if letter not in "RIASEC":
                raise OnetFileError(f"{where}: {letter!r} is not a RIASEC interest")
            _rating(score, 1, 7, f"{where}, interest {letter}")
        for category, share in occupation.get("education", {}).items():
            _rating(share, 0, 100, f"{where}, education level {category}")
        for kind in ("skills", "knowledge"):
            for element, values in occupation.get(kind, {}).items():
                _rating(values.get("IM"), 1, 5, f"{where}, {element} importance")
                _rating(values.get("LV"), 0, 7, f"{where}, {element} level")
        for item in occupation.get("technology", []):
            if item[1] not in data.get("commodities", {}):
                raise OnetFileError(f"{where}: technology {item[0]!r} has an unknown commodity")
        for related, _tier, _index in occupation.get("related", []):
            if related not in occupations:
                raise OnetFileError(f"{where}: related occupation {related} is not in the file")


def _hidden() -> dict[str, set]:
    """What editors hid, by what it is, so that a new import hides it again."""
    return {
        "titles": set(
            OnetTitle.objects.filter(hidden=True).values_list("occupation__code", "kind", "title")
        ),
        "technology": set(
            OnetTechnology.objects.filter(hidden=True).values_list(
                "occupation__code", "technology__name"
            )
        ),
        "ratings": set(
            OnetRating.objects.filter(hidden=True).values_list(
                "occupation__code", "kind", "element_id"
            )
        ),
    }


def _technologies(data: dict) -> dict[str, Technology]:
    """Every product the file names, made once; kept across releases (a page's address)."""
    wanted = {}
    for occupation in data["occupations"].values():
        for name, commodity, *_ in occupation.get("technology", []):
            wanted[name] = commodity
    existing = {t.name: t for t in Technology.objects.all()}
    taken = {t.slug for t in existing.values()}
    new = []
    for name in sorted(set(wanted) - set(existing)):
        slug = base = slugify(name)[:240] or "technology"
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        code = wanted[name]
        title = data["commodities"][code]
        new.append(Technology(name=name, slug=slug, commodity_code=code, commodity_title=title))
    Technology.objects.bulk_create(new, batch_size=BATCH)
    return {t.name: t for t in Technology.objects.filter(name__in=wanted)}


def _write(data: dict, release: OnetRelease) -> dict:
    hidden = _hidden()
    OnetOccupation.objects.all().delete()
    entries = data["occupations"]
    OnetOccupation.objects.bulk_create(
        [
            OnetOccupation(
                release=release,
                code=code,
                title=o["title"],
                job_zone=o.get("job_zone"),
                interests=o.get("interests", {}),
                high_points="".join(o.get("high_points", [])),
                education=o.get("education", {}),
                work_styles=o.get("work_styles", {}),
                work_values={
                    "extent": o.get("work_values", {}),
                    "high_points": o.get("value_high_points", []),
                },
            )
            for code, o in sorted(entries.items())
        ],
        batch_size=BATCH,
    )
    ids = dict(release.occupations.values_list("code", "pk"))
    technologies = _technologies(data)
    elements = data.get("elements", {})
    careers, titles, uses, ratings, related = [], [], [], [], []
    for code, o in entries.items():
        pk = ids[code]
        careers += [OnetCareerCode(occupation_id=pk, soc_code=soc) for soc in o["careers"]]
        for kind, key in (
            (TitleKind.REPORTED, "reported_titles"),
            (TitleKind.ALTERNATE, "alternate_titles"),
        ):
            seen = set()
            for title, extra in o.get(key, []):
                if title in seen:
                    continue  # O*NET lists a few titles twice (with different sources)
                seen.add(title)
                titles.append(
                    OnetTitle(
                        occupation_id=pk,
                        kind=kind,
                        title=title,
                        short_title=extra if kind == TitleKind.ALTERNATE else "",
                        in_my_next_move=extra is True,
                        hidden=(code, kind.value, title) in hidden["titles"],
                    )
                )
        for name, _commodity, hot, in_demand in o.get("technology", []):
            uses.append(
                OnetTechnology(
                    occupation_id=pk,
                    technology=technologies[name],
                    hot=hot,
                    in_demand=in_demand,
                    hidden=(code, name) in hidden["technology"],
                )
            )
        for kind, key in ((RatingKind.SKILL, "skills"), (RatingKind.KNOWLEDGE, "knowledge")):
            for element, values in o.get(key, {}).items():
                ratings.append(
                    OnetRating(
                        occupation_id=pk,
                        kind=kind,
                        element_id=element,
                        name=elements.get(element, element),
                        importance=_rating(values.get("IM"), 1, 5, code),
                        level=_rating(values.get("LV"), 0, 7, code),
                        hidden=(code, kind.value, element) in hidden["ratings"],
                    )
                )
        related += [
            OnetRelated(occupation_id=pk, related_id=ids[other], tier=tier, index=index)
            for other, tier, index in o.get("related", [])
        ]
    for model, rows in (
        (OnetCareerCode, careers),
        (OnetTitle, titles),
        (OnetTechnology, uses),
        (OnetRating, ratings),
        (OnetRelated, related),
    ):
        model.objects.bulk_create(rows, batch_size=BATCH)
    return {
        "occupations": len(entries),
        "career codes": len(careers),
        "titles": len(titles),
        "technology examples": len(uses),
        "technologies": len(technologies),
        "skill and knowledge ratings": len(ratings),
        "related occupations": len(related),
    }


def import_onet(path=DEFAULT_FILE, *, dry_run=False) -> OnetReport:
    path = Path(path)
    raw = path.read_bytes()
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise OnetFileError(f"{path.name} is not JSON: {error}") from None
    check(data)
    meta = data["release"]
    digest = hashlib.sha256(raw).hexdigest()
    report = OnetReport(release=meta["name"])
    if OnetRelease.objects.filter(version=meta["version"], file_sha256=digest).exists():
        report.unchanged = True
        return report
    with transaction.atomic():
        release, _ = OnetRelease.objects.update_or_create(
            version=meta["version"],
            defaults={
                "name": meta["name"],
                "released": meta.get("released", ""),
                "skills_version": meta.get("skills_and_knowledge", {}).get("version", ""),
                "licence": meta.get("licence", "CC BY 4.0"),
                "licence_url": meta.get("licence_url", OnetRelease.licence_url.field.default),
                "source_url": meta.get("url", OnetRelease.source_url.field.default),
                "file_sha256": digest,
            },
        )
        report.counts = _write(data, release)
        if dry_run:
            transaction.set_rollback(True)
        else:
            bump_content_version()  # bulk writes send no signals
            ImportRun.objects.create(
                kind="onet",
                file_name=path.name,
                file_sha256=digest,
                created=report.counts["occupations"],
                report="\n".join(report.lines()),
            )
    return report
