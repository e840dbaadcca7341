"""Store the rows of OEWS files as `AreaPay` for their release, in bulk: the nation, states,
metropolitan and nonmetropolitan areas, and the nation by industry.

Rows are matched by (release, SOC code, area, industry), so a second run of the same files
creates and updates nothing. Bad rows stop the run (the caller rolls everything back): a
release is stored completely or not at all.
"""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import batched
from pathlib import Path

from django.db import connection, transaction

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
    industry,
    is_cross_industry,
    read_table,
    validate_period,
)
from .pay_models import ALL_INDUSTRIES, LOCAL_AREA_TYPES

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
    "states",
    "industry_title",
    "employment",
    *WAGE_COLUMNS,
    "top_coded",
    "annual_only",
    "hourly_only",
)
# BLS's AREA_TYPE: 4 metropolitan (5, New England's city areas, in older files), 6 nonmetro.
AREA_TYPES = {
    "1": AreaType.NATIONAL,
    "2": AreaType.STATE,
    "3": AreaType.TERRITORY,
    "4": AreaType.METRO,
    "5": AreaType.METRO,
    "6": AreaType.NONMETRO,
}


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


def area_values(line: int, row: dict[str, str]) -> tuple[tuple[str, str, str], dict]:
    """((SOC code, area code, industry code), AreaPay field values) of one row; RowError, or
    SkipRow for a row the site does not use."""
    soc_code = row.get("OCC_CODE", "")
    if not SOC_CODE.match(soc_code):
        raise RowError(f"OCC_CODE “{soc_code}” is not an occupation code like 29-2072")
    region = _region(row)
    national = region == NATIONAL_AREA_NAME
    # Older exports lack AREA or AREA_TYPE; the area's name then stands for both.
    area_type = AREA_TYPES.get(row.get("AREA_TYPE", "")) or (
        AreaType.NATIONAL if national else AreaType.STATE
    )
    area_code = row.get("AREA", "") or ("99" if national else region)
    if national:
        area_code = "99"
    industry_code, industry_title = ALL_INDUSTRIES, ""
    if not is_cross_industry(row):
        if area_type != AreaType.NATIONAL:
            raise SkipRow("an industry-specific row outside the nation")
        industry_code, industry_title = industry(row)
        area_type = AreaType.INDUSTRY
    postal = (row.get("PRIM_STATE", "") or "")[:2]
    local = area_type in LOCAL_AREA_TYPES
    values = {
        "soc_title": row.get("OCC_TITLE", "")[:200],
        "area_type": area_type,
        "area_name": region[:100] if area_type != AreaType.INDUSTRY else NATIONAL_AREA_NAME,
        "postal": postal,
        "states": (row.get("AREA_STATES", "") or postal)[:40] if local else "",
        "industry_title": industry_title,
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
    return (soc_code, area_code, industry_code), values


def _employment(text: str) -> int | None:
    text = text.replace(",", "")
    if text in ("", "*", "**"):
        return None
    if not text.isdigit():
        raise RowError(f"TOT_EMP “{text[:20]}” is not a number of jobs")
    return int(text)


def existing_pay(release) -> dict:
    """The release's stored rows, as {field: value} with their "pk", by (SOC code, area code,
    industry code). Plain values, not model instances: a rerun reads 190,000 of them."""
    names = ["pk", "soc_code", "area_code", "industry_code", *FIELDS]
    return {
        row[1:4]: dict(zip(names, row, strict=True))
        for row in release.pay.values_list(*names).iterator(chunk_size=5000)
    }


def import_area_pay(path, release, existing: dict) -> PayReport:
    """Store the file's rows; the caller runs this inside a transaction and rolls back when
    `report.bad_rows` is not empty. `existing` is the release's rows (existing_pay), shared by
    the files of one run (a row a file adds joins it, without a "pk")."""
    report = PayReport(file_name=str(path), release=release.name)
    seen: dict[tuple[str, str, str], int] = {}
    new, changed = [], []
    for line, row in read_table(path):
        try:
            key, values = area_values(line, row)
        except SkipRow as reason:
            report.skipped.append((line, str(reason)))
            continue
        except RowError as error:
            report.bad_rows.append((line, str(error)))
            continue
        where = ", ".join(part for part in key if part != ALL_INDUSTRIES)
        if key in seen:
            report.bad_rows.append((line, f"repeats line {seen[key]} ({where})"))
            continue
        seen[key] = line
        stored = existing.get(key)
        if stored is not None and "pk" not in stored:
            report.bad_rows.append((line, f"repeats a row of an earlier file ({where})"))
            continue
        values["top_coded"] = _top_coded(stored, values)
        if stored is None:
            soc_code, area_code, industry_code = key
            values.update(soc_code=soc_code, area_code=area_code, industry_code=industry_code)
            new.append(values)
            existing[key] = values
        elif any(_differs(stored[name], value) for name, value in values.items()):
            stored.update(values)
            changed.append(AreaPay(release=release, **stored))
        else:
            report.unchanged += 1
    if report.bad_rows:
        return report
    insert_rows(release, new)
    AreaPay.objects.bulk_update(changed, FIELDS, batch_size=1000)
    report.created, report.updated = len(new), len(changed)
    return report


def analyze_pay() -> None:
    """Refresh the database's statistics of the pay table after a bulk load. Without them
    SQLite's planner read a code's national figure through the (release, code, area name)
    index, walking all of the code's 500 areas: the home page's queries took 88 ms, not 3."""
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(AreaPay._meta.db_table)}")


def insert_rows(release, rows: list[dict]) -> None:
    """Insert new rows with one prepared statement. bulk_create compiles SQL for every row:
    measured on 190,000 rows (every area), 44 of its 56 seconds went to building statements.
    The values are those AreaPay's fields take as they are (text, integers, Decimals, bools),
    and the database's own constraints still check them."""
    fields = [field for field in AreaPay._meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model)
        quote(AreaPay._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    defaults = {field.name: field.get_default() for field in fields}
    defaults["release"] = release.pk
    names = [field.name for field in fields]
    with connection.cursor() as cursor:
        for batch in batched(rows, 5000):
            cursor.executemany(
                sql, [[row.get(name, defaults[name]) for name in names] for row in batch]
            )


def _top_coded(stored: dict | None, values: dict) -> str:
    """The figures at BLS's top wage: those the file marks, and those stored before for
    columns the file does not have."""
    names = set(values["top_coded"])
    if stored is not None:
        names |= {name for name in stored["top_coded"].split() if name not in values}
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


def import_release(path, period, **options) -> PayReport:
    """The pay report for one OEWS file; BadRows (and nothing saved) for bad input."""
    return import_files([path], period, **options)[0]


def import_files(paths, period, *, dry_run=False, source_url=OEWS_TABLES_URL, published=None):
    """The pay reports (one per file) for OEWS files of one release (BLS publishes the nation
    and states, the metropolitan areas, and the nation by industry as separate files), in one
    transaction; BadRows (and nothing saved) for bad input in any of them."""
    paths = [Path(path) for path in paths]
    period = validate_period(period)
    reports = []
    with transaction.atomic():
        release = release_for(period, published, source_url)
        existing = existing_pay(release)
        for path in paths:
            pay = import_area_pay(path, release, existing)
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
            pay.dry_run = dry_run
            reports.append(pay)
        if any(pay.created or pay.updated for pay in reports):
            bump_content_version()  # bulk writes send no signals
            analyze_pay()
        if dry_run:
            transaction.set_rollback(True)
    return reports
