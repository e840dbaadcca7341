"""Importing pay from the BLS Occupational Employment and Wage Statistics (OEWS) files.

BLS publishes OEWS estimates as Excel workbooks (and CSV exports of them) with one row per area
and occupation. This module reads those rows, keeps the national and state rows for the
occupation codes of our guides, and writes their annual percentiles (with the hourly wage
where the file gives one) as salary bands, matched by (guide, percentile, region, period) so
that importing the same file again changes nothing.

Special values in the wage columns, as BLS documents them:
  "*"  the wage estimate is not available;
  "#"  the wage is at or above the top of the published range (e.g. $239,200 a year in 2024),
       so no exact figure exists.
Neither is stored; the report says which figures were left out and why.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import reversion
from django.db import transaction

from .models import CareerGuide, SalaryBand
from .pay import NATIONAL_REGION

OEWS_TABLES_URL = "https://www.bls.gov/oes/tables.htm"
OEWS_NAME = "BLS Occupational Employment and Wage Statistics (OEWS)"

# Percentile → (column in the OEWS file, label for a new band).
PERCENTILES = {
    10: ("A_PCT10", "Entry level"),
    25: ("A_PCT25", "Early career"),
    50: ("A_MEDIAN", "Median"),
    75: ("A_PCT75", "Established"),
    90: ("A_PCT90", "Experienced"),
}
REQUIRED_COLUMNS = ("AREA_TITLE", "OCC_CODE", *(column for column, _ in PERCENTILES.values()))
# Optional: hourly wages at the same percentiles. BLS gives none ("*") for occupations paid
# by the year; a band then simply has no hourly figure.
HOURLY_COLUMNS = {10: "H_PCT10", 25: "H_PCT25", 50: "H_MEDIAN", 75: "H_PCT75", 90: "H_PCT90"}
NOT_AVAILABLE = "*"
TOP_CODED = "#"

# AREA_TYPE codes: 1 U.S., 2 state, 3 U.S. territory, 4 metropolitan, 6 non-metropolitan area.
NATIONAL_AREA, STATE_AREAS, LOCAL_AREAS = "1", {"2", "3"}, {"4", "5", "6"}
SOC_CODE = re.compile(r"^\d{2}-\d{4}$")
PERIOD = re.compile(
    r"^(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (19|20)\d{2}$"
)
MAX_WAGE = Decimal("10000000")
MAX_HOURLY_WAGE = Decimal("10000")


class OEWSFileError(Exception):
    """The file as a whole cannot be read (missing, wrong format, missing columns)."""


class RowError(ValueError):
    """One row is malformed; the rest of the file is still imported."""


class SkipRow(Exception):
    """A well-formed row the site does not use (e.g. a metropolitan area)."""


@dataclass
class WageRow:
    line: int
    occ_code: str
    region: str
    amounts: dict[int, Decimal]
    left_out: list[str] = field(default_factory=list)
    hourly: dict[int, Decimal] = field(default_factory=dict)


@dataclass
class ImportReport:
    file_name: str
    period: str
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)
    other_occupations: int = 0

    def lines(self) -> list[str]:
        mode = " (dry run: nothing was saved)" if self.dry_run else ""
        out = [f"OEWS import of {self.file_name} for {self.period}{mode}"]
        for title, items in (
            ("Created", self.created),
            ("Updated", self.updated),
            ("Unchanged", self.unchanged),
        ):
            out.append(f"{title}: {len(items)}")
            out.extend(f"  {item}" for item in items if title != "Unchanged")
        out.append(f"Skipped: {len(self.skipped)}")
        out.extend(f"  line {line}: {reason}" for line, reason in self.skipped)
        out.append(f"Bad rows (not imported): {len(self.bad_rows)}")
        out.extend(f"  line {line}: {reason}" for line, reason in self.bad_rows)
        out.append(f"Rows for occupations without a guide: {self.other_occupations}")
        return out


def period_from_file_name(name: str) -> str | None:
    """OEWS estimates describe May of their year: "state_M2024_dl.xlsx", "oesm24nat" → May 2024."""
    if match := re.search(r"M_?((?:19|20)\d{2})(?!\d)", name):
        return f"May {match.group(1)}"
    if match := re.search(r"oesm(\d{2})(?!\d)", name, flags=re.IGNORECASE):
        return f"May 20{match.group(1)}"
    return None


def validate_period(period: str) -> str:
    period = " ".join(period.split()).title()
    if not PERIOD.match(period):
        raise OEWSFileError(f"“{period}” is not a period like “May 2024”.")
    return period


# Reading files -------------------------------------------------------------------------------


def read_table(path: Path):
    """Yield (line number, {COLUMN: text}) for each data row of a CSV or Excel file."""
    if not path.is_file():
        raise OEWSFileError(f"No such file: {path}")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in {".xlsx", ".xlsm"}:
        rows = _excel_rows(path)
    else:
        raise OEWSFileError(
            f"{path.name}: expected a .csv or .xlsx file (unzip BLS downloads first; save old "
            ".xls workbooks as .xlsx)."
        )
    header_line, header = next(rows, (1, []))
    columns = [str(name or "").strip().upper() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise OEWSFileError(
            f"{path.name}: line {header_line} is not an OEWS header; missing column(s) "
            f"{', '.join(missing)}."
        )
    for line, values in rows:
        cells = [_text(value) for value in values]
        if any(cells):
            yield line, dict(zip(columns, cells, strict=False))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _csv_rows(path: Path):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # older BLS exports
    reader = csv.reader(io.StringIO(text, newline=""))
    for values in reader:
        yield reader.line_num, values


def _excel_rows(path: Path):
    from openpyxl import load_workbook  # only needed for workbooks

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise OEWSFileError(f"{path.name}: not a readable Excel workbook ({error}).") from error
    try:
        sheet = workbook.worksheets[0]
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        workbook.close()


# Parsing rows --------------------------------------------------------------------------------


def parse_row(line: int, row: dict[str, str]) -> WageRow:
    """A row for one of our occupations → its region and the wages it gives; RowError if bad."""
    occ_code = row.get("OCC_CODE", "")
    if not SOC_CODE.match(occ_code):
        raise RowError(f"OCC_CODE “{occ_code}” is not an occupation code like 29-2072")
    region = _region(row)
    parsed = WageRow(line=line, occ_code=occ_code, region=region, amounts={})
    for percentile, (column, _) in PERCENTILES.items():
        value = row.get(column, "").replace(",", "").replace("$", "")
        if value in ("", NOT_AVAILABLE):
            parsed.left_out.append(f"{column} not available (“*”)")
        elif value == TOP_CODED:
            parsed.left_out.append(f"{column} is at or above the top published wage (“#”)")
        else:
            parsed.amounts[percentile] = _wage(column, value)
    amounts = [parsed.amounts[p] for p in sorted(parsed.amounts)]
    if amounts != sorted(amounts):
        raise RowError("the percentiles are not in increasing order")
    if not amounts:
        raise RowError("no annual wage figures in A_PCT10 … A_PCT90")
    for percentile in parsed.amounts:
        column = HOURLY_COLUMNS[percentile]
        value = row.get(column, "").replace(",", "").replace("$", "")
        if value not in ("", NOT_AVAILABLE, TOP_CODED):
            parsed.hourly[percentile] = _wage(column, value)
    return parsed


def _region(row: dict[str, str]) -> str:
    title = row.get("AREA_TITLE", "")
    area_type = row.get("AREA_TYPE", "")
    if not title:
        raise RowError("AREA_TITLE is empty")
    if area_type == NATIONAL_AREA or (not area_type and title in {"U.S.", "United States"}):
        return NATIONAL_REGION
    if area_type in STATE_AREAS or not area_type:
        return title
    if area_type in LOCAL_AREAS:
        raise SkipRow(f"{title}: local area (AREA_TYPE {area_type}); the site shows states")
    raise RowError(f"AREA_TYPE “{area_type}” is not an OEWS area type")


def _wage(column: str, value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise RowError(f"{column} “{value[:40]}” is not a number") from None
    hourly = column in HOURLY_COLUMNS.values()
    if not amount.is_finite() or amount < 0 or amount > (MAX_HOURLY_WAGE if hourly else MAX_WAGE):
        kind = "hourly" if hourly else "annual"
        raise RowError(f"{column} {value[:40]} is not a plausible {kind} wage")
    return amount.quantize(Decimal("0.01"))


def is_cross_industry(row: dict[str, str]) -> bool:
    """National files also break occupations down by industry; only the all-industry row counts.

    Its NAICS code is "000000" (a spreadsheet may have turned it into the number 0).
    """
    all_industries = row.get("NAICS", "").strip("0") == ""
    return all_industries and row.get("I_GROUP", "cross-industry").lower() == "cross-industry"


def percentile_name(percentile: int) -> str:
    return "median" if percentile == 50 else f"{percentile}th percentile"


# Writing bands -------------------------------------------------------------------------------


def import_oews(path, period, *, dry_run=False, source_url=OEWS_TABLES_URL) -> ImportReport:
    path = Path(path)
    report = ImportReport(file_name=path.name, period=validate_period(period), dry_run=dry_run)
    guides = {guide.soc_code: guide for guide in CareerGuide.objects.exclude(soc_code="")}
    seen: dict[tuple[str, str], int] = {}
    with transaction.atomic(), reversion.create_revision():
        # Each guide whose pay changed gets a version in its history, as an editor's save would.
        reversion.set_comment(f"OEWS import of {path.name} for {report.period}.")
        for line, row in read_table(path):
            if row.get("OCC_CODE") not in guides:
                report.other_occupations += 1
                continue
            if not is_cross_industry(row):
                report.skipped.append(
                    (line, "an industry-specific row; the all-industry row is used")
                )
                continue
            try:
                wage_row = parse_row(line, row)
            except SkipRow as skip:
                report.skipped.append((line, str(skip)))
                continue
            except RowError as error:
                report.bad_rows.append((line, str(error)))
                continue
            key = (wage_row.occ_code, wage_row.region)
            if key in seen:
                report.bad_rows.append(
                    (line, f"{wage_row.region} repeats line {seen[key]} for {wage_row.occ_code}")
                )
                continue
            seen[key] = line
            if save_bands(guides[wage_row.occ_code], wage_row, report, source_url):
                reversion.add_to_revision(guides[wage_row.occ_code])
        if dry_run:
            transaction.set_rollback(True)
    return report


def save_bands(guide, wage_row: WageRow, report: ImportReport, source_url: str) -> bool:
    """Create or update the guide's bands for one area; True when anything changed."""
    changed = False
    for note in wage_row.left_out:
        report.skipped.append((wage_row.line, f"{wage_row.region}: {note}"))
    existing = {
        band.percentile: band
        for band in SalaryBand.objects.filter(
            guide=guide, region=wage_row.region, reference_period=report.period
        )
    }
    labels_in_use = {band.label for band in existing.values()}
    for position, (percentile, amount) in enumerate(sorted(wage_row.amounts.items())):
        name = f"{guide.title}, {wage_row.region}, {percentile_name(percentile)}: ${amount:,.0f}"
        band = existing.get(percentile)
        if band is None:
            label = PERCENTILES[percentile][1]
            if label in labels_in_use:  # an editor gave another band this name
                label = f"{label} ({percentile}th percentile)"
            SalaryBand.objects.create(
                guide=guide,
                position=position,
                label=label,
                percentile=percentile,
                annual_amount=amount,
                hourly_amount=wage_row.hourly.get(percentile),
                currency="USD",
                region=wage_row.region,
                reference_period=report.period,
                source_name=OEWS_NAME,
                source_url=source_url,
            )
            report.created.append(name)
            changed = True
            continue
        # A file without an hourly figure leaves the band's (perhaps an editor's) as it is.
        hourly = wage_row.hourly.get(percentile, band.hourly_amount)
        if (band.annual_amount, band.hourly_amount) != (amount, hourly):
            band.annual_amount, band.hourly_amount = amount, hourly
            band.save(update_fields=["annual_amount", "hourly_amount"])
            report.updated.append(name)
            changed = True
        else:
            report.unchanged.append(name)
    return changed
