"""Extract the O*NET data the site's careers carry into data/onet/.

    python scripts/extract_onet.py [--source ../shared/data/onet] [--ooh data/ooh/...json]
                                   [--out data/onet]

Reads the O*NET 30.1 text files and the 29.3 Skills and Knowledge workbooks (the 30.1 copies
of those two could not be had; the elements and scales are the same), checks every file it
reads against the release's SHA256SUMS, and keeps only the O*NET occupations of the site's
careers: those whose SOC code is one of a handbook profile's codes, the finer `.01`, `.02` …
occupations inside them, the occupations inside a code BLS projects as one but O*NET splits
(13-1020 → 13-1021 … 13-1023), and the four projection aggregates the data README names.

For each it writes the facts, never O*NET's sentences (task statements and descriptions are
read from the source by scripts/check_summaries.py, not copied): title, job zone, interests
(the six RIASEC scores and the high points), the education levels of people in the job, work
styles and work values, skills and knowledge (importance and level), alternate and reported
titles, technology examples (with hot-technology and in-demand flags and their commodity), and
related occupations kept by the same rule. Names shared by many occupations (elements,
commodities, education levels) are written once.

The output is canonical JSON, one occupation a line (sorted keys, fixed separators, a final
newline), so a rerun on the same files changes no byte, and each source file's sha256 is
recorded, so a new release shows in the diff.
"""

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "onet"
DEFAULT_OOH = ROOT / "data" / "ooh" / "occupations-2024-34.json"
DEFAULT_OUT = ROOT / "data" / "onet"
OUTPUT_NAME = "onet-30.1.json"

RELEASE = {
    "version": "30.1",
    "name": "O*NET 30.1 Database",
    "released": "December 2025",
    "skills_and_knowledge": {"version": "29.3", "released": "May 2025"},
    "publisher": "U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)",
    "licence": "CC BY 4.0",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "url": "https://www.onetcenter.org/database.html",
}
TEXT_FILES = {
    "occupations": "30.1/Occupation Data.txt",
    "alternate_titles": "30.1/Alternate Titles.txt",
    "reported_titles": "30.1/Sample of Reported Titles.txt",
    "interests": "30.1/Interests.txt",
    "job_zones": "30.1/Job Zones.txt",
    "technology": "30.1/Technology Skills.txt",
    "related": "30.1/Related Occupations.txt",
    "education": "30.1/Education, Training, and Experience.txt",
    "education_levels": "30.1/Education, Training, and Experience Categories.txt",
    "work_styles": "30.1/Work Styles.txt",
    "work_values": "30.1/Work Values.txt",
}
WORKBOOKS = {"skills": "29.3/Skills.xlsx", "knowledge": "29.3/Knowledge.xlsx"}
# BLS projects these as one occupation; O*NET describes the two inside (data README).
AGGREGATES = {
    "21-1018": ("21-1011", "21-1014"),
    "25-2052": ("25-2055", "25-2056"),
    "25-9045": ("25-9042", "25-9043"),
    "51-2028": ("51-2022", "51-2023"),
}
RIASEC = "RIASEC"  # O*NET's high-point values 1–6, in this order; 0 is "none"
HIGH_POINTS = ("First", "Second", "Third")


class SourceError(Exception):
    pass


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checked_sources(source: Path, names) -> dict[str, str]:
    """Each file's sha256, refused unless it is the one the release's SHA256SUMS lists."""
    sums_file = source / "SHA256SUMS"
    if not sums_file.exists():
        raise SourceError(f"{sums_file} is missing: the files cannot be checked")
    listed = {}
    for line in sums_file.read_text(encoding="utf-8").splitlines():
        digest, _, name = line.partition("  ")
        listed[name.strip()] = digest.strip()
    sums = {}
    for name in sorted(names):
        path = source / name
        if not path.exists():
            raise SourceError(f"{path} is missing")
        if name not in listed:
            raise SourceError(f"{name} is not in {sums_file}")
        if (actual := sha256(path)) != listed[name]:
            raise SourceError(f"{name}: sha256 {actual}, but SHA256SUMS says {listed[name]}")
        sums[name] = actual
    return sums


def rows(source: Path, name: str) -> list[dict]:
    with (source / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def workbook_rows(source: Path, name: str) -> list[dict]:
    from openpyxl import load_workbook

    book = load_workbook(source / name, read_only=True)
    try:
        values = book.active.iter_rows(values_only=True)
        header = next(values)
        return [dict(zip(header, row, strict=True)) for row in values]
    finally:
        book.close()


def number(value) -> str:
    """A rating as O*NET gives it, kept exact: "4.33", not a float that prints 4.3300000001."""
    text = f"{value}" if not isinstance(value, float) else f"{value:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def site_codes(ooh: Path) -> set[str]:
    data = json.loads(ooh.read_text(encoding="utf-8"))
    return {code["soc_code"] for o in data["occupations"] for code in o["soc_codes"]}


def careers_of(onet_codes, codes: set[str]) -> dict[str, list[str]]:
    """O*NET code → the site's SOC codes it describes (usually one)."""
    exact = {code[:7] for code in onet_codes}
    careers = defaultdict(list)
    for onet in onet_codes:
        soc = onet[:7]
        if soc in codes:
            careers[onet].append(soc)
        for aggregate, parts in AGGREGATES.items():
            if aggregate in codes and soc in parts:
                careers[onet].append(aggregate)
        # A code BLS projects but O*NET splits (13-1020): the ones that start like it.
        broad = soc[:6] + "0"
        if broad != soc and broad in codes and broad not in exact:
            careers[onet].append(broad)
    return {onet: sorted(set(socs)) for onet, socs in careers.items()}


def extract(source: Path, ooh: Path) -> dict:
    sources = checked_sources(source, [*TEXT_FILES.values(), *WORKBOOKS.values()])
    titles = {
        row["O*NET-SOC Code"]: row["Title"] for row in rows(source, TEXT_FILES["occupations"])
    }
    careers = careers_of(titles, site_codes(ooh))
    kept = {code: {"title": titles[code], "careers": careers[code]} for code in careers}
    elements: dict[str, str] = {}

    def each(kind):
        for row in rows(source, TEXT_FILES[kind]):
            if row["O*NET-SOC Code"] in kept:
                yield kept[row["O*NET-SOC Code"]], row

    for occupation, row in each("job_zones"):
        occupation["job_zone"] = int(row["Job Zone"])
    for occupation, row in each("interests"):
        if row["Scale ID"] == "OI":
            occupation.setdefault("interests", {})[row["Element Name"][0]] = number(
                row["Data Value"]
            )
        elif row["Element Name"].split()[0] in HIGH_POINTS and float(row["Data Value"]) > 0:
            place = HIGH_POINTS.index(row["Element Name"].split()[0])
            points = occupation.setdefault("high_points", ["", "", ""])
            points[place] = RIASEC[int(float(row["Data Value"])) - 1]
    for occupation in kept.values():
        if "high_points" in occupation:
            occupation["high_points"] = [point for point in occupation["high_points"] if point]
    for occupation, row in each("education"):
        if row["Scale ID"] == "RL" and row["Recommend Suppress"] != "Y":
            occupation.setdefault("education", {})[row["Category"]] = number(row["Data Value"])
    for kind, scales in (("work_styles", ("WI", "DR")), ("work_values", ("EX",))):
        for occupation, row in each(kind):
            if row["Scale ID"] in scales:
                elements[row["Element ID"]] = row["Element Name"]
                values = occupation.setdefault(kind, {}).setdefault(row["Element ID"], {})
                values[row["Scale ID"]] = number(row["Data Value"])
            elif row["Scale ID"] == "VH" and float(row["Data Value"]) > 0:
                # High point k is the k-th work value (1.B.2.a … 1.B.2.f).
                element = "1.B.2." + "abcdef"[int(float(row["Data Value"])) - 1]
                occupation.setdefault("value_high_points", []).append(element)
    for occupation, row in each("alternate_titles"):
        short = row["Short Title"] if row["Short Title"] != "n/a" else ""
        occupation.setdefault("alternate_titles", []).append([row["Alternate Title"], short])
    for occupation, row in each("reported_titles"):
        shown = row["Shown in My Next Move"] == "Y"
        occupation.setdefault("reported_titles", []).append([row["Reported Job Title"], shown])
    commodities: dict[str, str] = {}
    for occupation, row in each("technology"):
        commodities[row["Commodity Code"]] = row["Commodity Title"]
        occupation.setdefault("technology", []).append(
            [
                row["Example"],
                row["Commodity Code"],
                row["Hot Technology"] == "Y",
                row["In Demand"] == "Y",
            ]
        )
    for occupation, row in each("related"):
        if row["Related O*NET-SOC Code"] in kept:
            occupation.setdefault("related", []).append(
                [row["Related O*NET-SOC Code"], row["Relatedness Tier"], int(row["Index"])]
            )
    for kind, name in WORKBOOKS.items():
        ratings = defaultdict(dict)
        for row in workbook_rows(source, name):
            code = row["O*NET-SOC Code"]
            if code not in kept or row["Recommend Suppress"] == "Y":
                continue
            if row["Scale ID"] == "LV" and row["Not Relevant"] == "Y":
                continue
            elements[row["Element ID"]] = row["Element Name"]
            ratings[(code, row["Element ID"])][row["Scale ID"]] = number(row["Data Value"])
        for (code, element), values in sorted(ratings.items()):
            kept[code].setdefault(kind, {})[element] = values
    levels = {
        row["Category"]: row["Category Description"]
        for row in rows(source, TEXT_FILES["education_levels"])
        if row["Scale ID"] == "RL"
    }
    for occupation in kept.values():
        for kind in ("alternate_titles", "reported_titles"):
            occupation.get(kind, []).sort()
        occupation.get("technology", []).sort(key=lambda item: (item[1], item[0]))
        occupation.get("related", []).sort(key=lambda item: item[2])  # O*NET's own order
    return {
        "release": RELEASE,
        "sources": sources,
        "elements": elements,
        "commodities": commodities,
        "education_levels": levels,
        "occupations": kept,
    }


def canonical_json(data: dict) -> str:
    """Sorted keys and one occupation a line: small, diffable, the same bytes every run."""

    def dump(value):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    head = {key: value for key, value in data.items() if key != "occupations"}
    lines = [f"{dump(key)}:{dump(value)}" for key, value in sorted(head.items())]
    occupations = [
        f"{dump(code)}:{dump(occupation)}"
        for code, occupation in sorted(data["occupations"].items())
    ]
    return "{\n" + ",\n".join(lines) + ',\n"occupations":{\n' + ",\n".join(occupations) + "\n}}\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--ooh", type=Path, default=DEFAULT_OOH)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        data = extract(args.source, args.ooh)
    except (SourceError, FileNotFoundError) as error:
        print(f"extract_onet: {error}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / OUTPUT_NAME
    target.write_text(canonical_json(data), encoding="utf-8")
    occupations = data["occupations"]
    print(f"{len(occupations)} O*NET occupations of the site's careers → {target}")
    for kind in ("interests", "job_zone", "technology", "skills", "alternate_titles", "related"):
        print(f"  with {kind.replace('_', ' ')}: {sum(kind in o for o in occupations.values())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
