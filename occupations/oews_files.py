"""Reading BLS Occupational Employment and Wage Statistics (OEWS) files.

BLS publishes OEWS estimates as Excel workbooks (and CSV exports of them) with one row per area
and occupation; `scripts/extract_oews.py` writes the same layout, gzipped. This module reads
those rows; `occupations.oews_import` stores every national, state, metropolitan and
nonmetropolitan row, and the nation's rows by industry, as `AreaPay`.

Special values in the wage columns, as BLS documents them:
  "*"  the wage estimate is not available;
  "#"  the wage is at or above the top of the published range ($239,200 a year in 2025),
       so no exact figure exists.
Neither is stored as a number; the reports say which figures were left out and why.
"""

import csv
import gzip
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .models import NATIONAL_AREA_NAME as NATIONAL_REGION

OEWS_TABLES_URL = "https://www.bls.gov/oes/tables.htm"
ANNUAL_COLUMNS = ("A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90")
# The median is enough: files of areas and industries hold only the columns the site shows.
REQUIRED_COLUMNS = ("AREA_TITLE", "OCC_CODE", "A_MEDIAN")
# Optional: hourly wages at the same percentiles (BLS gives none, "*", for occupations paid by
# the year).
HOURLY_COLUMNS = ("H_MEAN", "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90")
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
    suffixes = "".join(path.suffixes[-2:]).lower()
    suffix = path.suffix.lower()
    if suffix == ".csv" or suffixes == ".csv.gz":
        rows = _csv_rows(path)
    elif suffix in {".xlsx", ".xlsm"}:
        rows = _excel_rows(path)
    else:
        raise OEWSFileError(
            f"{path.name}: expected a .csv, .csv.gz or .xlsx file (unzip BLS downloads first; "
            "save old .xls workbooks as .xlsx)."
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
    if path.suffix.lower() == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as error:
            raise OEWSFileError(f"{path.name}: not a readable gzip file ({error}).") from error
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


def _region(row: dict[str, str]) -> str:
    title = row.get("AREA_TITLE", "")
    area_type = row.get("AREA_TYPE", "")
    if not title:
        raise RowError("AREA_TITLE is empty")
    if area_type == NATIONAL_AREA or (not area_type and title in {"U.S.", "United States"}):
        return NATIONAL_REGION
    if area_type in STATE_AREAS or area_type in LOCAL_AREAS or not area_type:
        return title
    raise RowError(f"AREA_TYPE “{area_type}” is not an OEWS area type")


def _wage(column: str, value: str) -> Decimal:
    try:
        amount = Decimal(value)
    except InvalidOperation:
        raise RowError(f"{column} “{value[:40]}” is not a number") from None
    hourly = column in HOURLY_COLUMNS
    if not amount.is_finite() or amount < 0 or amount > (MAX_HOURLY_WAGE if hourly else MAX_WAGE):
        kind = "hourly" if hourly else "annual"
        raise RowError(f"{column} {value[:40]} is not a plausible {kind} wage")
    return amount.quantize(Decimal("0.01"))


def is_cross_industry(row: dict[str, str]) -> bool:
    """Whether a row is for all industries: NAICS "000000" (a spreadsheet may have turned it
    into the number 0), or no NAICS column at all."""
    all_industries = row.get("NAICS", "").strip("0") == ""
    return all_industries and row.get("I_GROUP", "cross-industry").lower() == "cross-industry"


def industry(row: dict[str, str]) -> tuple[str, str]:
    """(NAICS code, title) of an industry-specific row; RowError for a malformed code."""
    code = row.get("NAICS", "")
    if not re.fullmatch(r"\d{6}|\d{2}-{1,2}\d{2,3}", code):
        raise RowError(f"NAICS “{code[:20]}” is not an industry code like 621000")
    return code, row.get("NAICS_TITLE", "")[:200]
