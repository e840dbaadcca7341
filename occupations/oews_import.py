"""Store every national and state row of an OEWS file as `AreaPay` for its release, in bulk.

Rows are matched by (release, SOC code, area), so a second run of the same file creates and
updates nothing. Bad rows stop the run (the caller rolls everything back): a release is stored
completely or not at all.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from core.content_version import bump_content_version

from .models import NATIONAL_AREA_NAME, AreaPay, AreaType, ImportRun, PayRelease
from .oews_files import (
    NOT_AVAILABLE,
    OEWS_TABLES_URL,
    SOC_CODE,
    TOP_CODED,
    RowError,
    SkipRow,
    _region,
    _wage,
    is_cross_industry,
    read_table,
    validate_period,
)

# The releases the site knows: BLS's code and the day BLS published each.
KNOWN_RELEASES = {
    "May 2025": ("2025A01", datetime.date(2026, 5, 15)),
    "May 2024": ("2024A01", datetime.date(2025, 4, 2)),
    "May 2023": ("2023A01", datetime.date(2024, 4, 3)),
}
WAGE_COLUMNS = {
    "annual_mean": "A_MEAN",
    "annual_p10": "A_PCT10",
    "annual_p25": "A_PCT25",
    "annual_median": "A_MEDIAN",
    "annual_p75": "A_PCT75",
    "annual_p90": "A_PCT90",
    "hourly_mean": "H_MEAN",
    "hourly_p10": "H_PCT10",
    "hourly_p25": "H_PCT25",
    "hourly_median": "H_MEDIAN",
    "hourly_p75": "H_PCT75",
    "hourly_p90": "H_PCT90",
}
FIELDS = (
    "soc_title",
    "area_type",
    "area_name",
    "postal",
    "employment",
    *WAGE_COLUMNS,
    "top_coded",
    "annual_only",
    "hourly_only",
)
AREA_TYPES = {"1": AreaType.NATIONAL, "2": AreaType.STATE, "3": AreaType.TERRITORY}


@dataclass
class PayReport:
    file_name: str
    release: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        mode = " (dry run: nothing was saved)" if self.dry_run else ""
        lines = [
            f"OEWS import of {Path(self.file_name).name} for {self.release}{mode}",
            f"Pay by area ({self.release}): {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged, {len(self.skipped)} skipped.",
        ]
        reasons: dict[str, int] = {}
        for _line, reason in self.skipped:
            reasons[reason] = reasons.get(reason, 0) + 1
        lines.extend(f"  skipped {count}: {reason}" for reason, count in sorted(reasons.items()))
        return lines


def release_for(
    period: str, published: datetime.date | None = None, source_url: str = OEWS_TABLES_URL
) -> PayRelease:
    known = KNOWN_RELEASES.get(period)
    if known is None and published is None:
        raise RowError(f"{period} is not a release the site knows; give its publication date")
    code = known[0] if known else f"{period.split()[-1]}A01"
    release, _ = PayRelease.objects.get_or_create(
        name=period,
        defaults={"code": code, "published": published or known[1], "source_url": source_url},
    )
    return release


def area_values(line: int, row: dict[str, str]) -> tuple[str, str, dict]:
    """(SOC code, area code, AreaPay field values) of one row; RowError or SkipRow."""
    soc_code = row.get("OCC_CODE", "")
    if not SOC_CODE.match(soc_code):
        raise RowError(f"OCC_CODE “{soc_code}” is not an occupation code like 29-2072")
    region = _region(row)  # SkipRow for metropolitan and other local areas
    national = region == NATIONAL_AREA_NAME
    # Older exports lack AREA or AREA_TYPE; the area's name then stands for both.
    area_type = AREA_TYPES.get(row.get("AREA_TYPE", "")) or (
        AreaType.NATIONAL if national else AreaType.STATE
    )
    area_code = row.get("AREA", "") or ("99" if national else region)
    if national:
        area_code = "99"
    values = {
        "soc_title": row.get("OCC_TITLE", "")[:200],
        "area_type": area_type,
        "area_name": NATIONAL_AREA_NAME if area_type == AreaType.NATIONAL else region,
        "postal": (row.get("PRIM_STATE", "") or "")[:2],
    }
    # A column the file does not have (hourly wages are optional) says nothing: the figure
    # stored from an earlier file stays. An empty cell in a column it has is "not published".
    optional = {
        "employment": ("TOT_EMP", lambda text: _employment(text)),
        "annual_only": ("ANNUAL", lambda text: text.upper() == "TRUE"),
        "hourly_only": ("HOURLY", lambda text: text.upper() == "TRUE"),
    }
    for name, (column, read) in optional.items():
        if column in row:
            values[name] = read(row[column] or "")
    top_coded = []
    for name, column in WAGE_COLUMNS.items():
        if column not in row:
            continue
        text = (row[column] or "").replace(",", "").replace("$", "")
        if text == TOP_CODED:
            top_coded.append(name)
        values[name] = None if text in ("", NOT_AVAILABLE, TOP_CODED) else _wage(column, text)
    values["top_coded"] = top_coded  # a list until stored: see _top_coded
    annual = [values.get(name) for name in WAGE_COLUMNS if name.startswith("annual_p")]
    known = [amount for amount in annual if amount is not None]
    if known != sorted(known):
        raise RowError("the percentiles are not in increasing order")
    return soc_code, area_code, values


def _employment(text: str) -> int | None:
    text = text.replace(",", "")
    if text in ("", "*", "**"):
        return None
    if not text.isdigit():
        raise RowError(f"TOT_EMP “{text[:20]}” is not a number of jobs")
    return int(text)


def import_area_pay(path, period: str, published=None, source_url=OEWS_TABLES_URL) -> PayReport:
    """Store the file's rows; the caller runs this inside a transaction and rolls back when
    `report.bad_rows` is not empty."""
    report = PayReport(file_name=str(path), release=period)
    release = release_for(period, published, source_url)
    existing = {(pay.soc_code, pay.area_code): pay for pay in release.pay.all()}
    seen: dict[tuple[str, str], int] = {}
    new, changed = [], []
    for line, row in read_table(path):
        if not is_cross_industry(row):
            report.skipped.append((line, "an industry-specific row"))
            continue
        try:
            soc_code, area_code, values = area_values(line, row)
        except SkipRow:
            report.skipped.append((line, "a metropolitan or other local area"))
            continue
        except RowError as error:
            report.bad_rows.append((line, str(error)))
            continue
        key = (soc_code, area_code)
        if key in seen:
            report.bad_rows.append((line, f"repeats line {seen[key]} ({soc_code}, {area_code})"))
            continue
        seen[key] = line
        pay = existing.get(key)
        values["top_coded"] = _top_coded(pay, values)
        if pay is None:
            new.append(AreaPay(release=release, soc_code=soc_code, area_code=area_code, **values))
        elif any(_differs(getattr(pay, name), value) for name, value in values.items()):
            for name, value in values.items():
                setattr(pay, name, value)
            changed.append(pay)
        else:
            report.unchanged += 1
    if report.bad_rows:
        return report
    AreaPay.objects.bulk_create(new, batch_size=2000)
    AreaPay.objects.bulk_update(changed, FIELDS, batch_size=1000)
    report.created, report.updated = len(new), len(changed)
    return report


def _top_coded(pay, values: dict) -> str:
    """The figures at BLS's top wage: those the file marks, and those stored before for
    columns the file does not have."""
    names = set(values["top_coded"])
    if pay is not None:
        names |= {name for name in pay.top_coded.split() if name not in values}
    return " ".join(name for name in WAGE_COLUMNS if name in names)


def _differs(stored, value) -> bool:
    if isinstance(value, Decimal) and stored is not None:
        return Decimal(stored) != value
    return stored != value


# A whole release, in one transaction ----------------------------------------------------------


class BadRows(Exception):
    """Some rows are malformed: the run saved nothing. `lines` says which and why."""

    def __init__(self, path, bad_rows):
        self.lines = [f"{Path(path).name}, line {line}: {reason}" for line, reason in bad_rows]
        super().__init__(f"{len(bad_rows)} bad row(s) in {Path(path).name}; nothing was imported.")


def import_release(path, period, *, dry_run=False, source_url=OEWS_TABLES_URL, published=None):
    """The pay report for an OEWS file; BadRows (and nothing saved) for bad input."""
    path = Path(path)
    period = validate_period(period)
    with transaction.atomic():
        pay = import_area_pay(path, period, published, source_url)
        if pay.bad_rows:
            transaction.set_rollback(True)
            raise BadRows(path, pay.bad_rows)
        ImportRun.objects.create(
            kind="oews",
            file_name=path.name,
            file_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            created=pay.created,
            updated=pay.updated,
            unchanged=pay.unchanged,
            skipped=len(pay.skipped),
            report="\n".join(pay.lines()),
        )
        if pay.created or pay.updated:
            bump_content_version()  # bulk writes send no signals
        if dry_run:
            transaction.set_rollback(True)
    pay.dry_run = dry_run
    return pay
