"""Extract the facts of the BLS Occupational Outlook Handbook (2024–34) into data/ooh/.

    python scripts/extract_ooh.py [--source ../shared/data/ooh-2024-34] [--out data/ooh]

Reads the 342 saved occupation pages and `occupations.json` and writes
`occupations-2024-34.json`: for every profile its title, canonical address, field, quick facts
(entry education, experience, training, jobs, projection, outlook, openings), the SOC codes of
its projections table (the group and each detailed occupation), its May 2024 pay (the Quick
Facts' median a year and an hour, the Pay tab's median, 10th and 90th percentiles, for the
profile or, on some group pages, for each detailed occupation), its largest employers and its
similar occupations. Only facts and figures are kept, never BLS's sentences: the site writes its
own (data/ooh/summaries.json).

The output is canonical JSON (sorted keys, fixed indent, a final newline), so running the script
again on the same pages changes no byte; each page's sha256 is recorded beside its facts, so a
changed page shows up in the diff.
"""

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "ooh-2024-34"
DEFAULT_OUT = ROOT / "data" / "ooh"
OUTPUT_NAME = "occupations-2024-34.json"
EDITION = "2024–34"
PROJECTION_PERIOD = "2024–34"
OOH_ROOT = "https://www.bls.gov"

# The handbook's 25 fields: the slug in its addresses → the name its menus give.
FIELDS = {
    "architecture-and-engineering": "Architecture and Engineering",
    "arts-and-design": "Arts and Design",
    "building-and-grounds-cleaning": "Building and Grounds Cleaning",
    "business-and-financial": "Business and Financial",
    "community-and-social-service": "Community and Social Service",
    "computer-and-information-technology": "Computer and Information Technology",
    "construction-and-extraction": "Construction and Extraction",
    "education-training-and-library": "Education, Training, and Library",
    "entertainment-and-sports": "Entertainment and Sports",
    "farming-fishing-and-forestry": "Farming, Fishing, and Forestry",
    "food-preparation-and-serving": "Food Preparation and Serving",
    "healthcare": "Healthcare",
    "installation-maintenance-and-repair": "Installation, Maintenance, and Repair",
    "legal": "Legal",
    "life-physical-and-social-science": "Life, Physical, and Social Science",
    "management": "Management",
    "math": "Math",
    "media-and-communication": "Media and Communication",
    "military": "Military",
    "office-and-administrative-support": "Office and Administrative Support",
    "personal-care-and-service": "Personal Care and Service",
    "production": "Production",
    "protective-service": "Protective Service",
    "sales": "Sales",
    "transportation-and-material-moving": "Transportation and Material Moving",
}

QUICK_FACTS = {
    "Typical Entry-Level Education": "entry_education",
    "Work Experience in a Related Occupation": "work_experience",
    "On-the-job Training": "on_the_job_training",
}
FACT_NAMES = (
    *QUICK_FACTS.values(),
    "jobs",
    "outlook_percent",
    "outlook_label",
    "employment_change",
)
SOC = re.compile(r"^\d{2}-\d{4}$")
OUTLOOK = re.compile(r"^(-?\d+)%\s*\((.+)\)$")
OPENINGS = re.compile(r"[Aa]bout ([\d,]+) openings for .{0,160}? projected each year")
MODIFIED = re.compile(r"Last Modified Date:\s*\w+,\s*(\w+ \d{1,2}, \d{4})")
MONTHS = "January February March April May June July August September October November December"

# Pay, May 2024 (OEWS). BLS top-codes wages at $239,200 a year, $115.00 an hour: a figure at the
# top code means "equal to or greater than" it. Hourly wages are kept as written ("24.16").
STATS = ("median", "p10", "p90")
PAY_FIGURES = tuple(f"{unit}_{stat}" for unit in ("annual", "hourly") for stat in STATS)
TOP_CODE = {"annual": 239200, "hourly": "115.00"}
UNIT = {"year": "annual", "hour": "hourly"}
DOLLARS = r"\$([\d,]+(?:\.\d+)?)"
PER = re.compile(rf"{DOLLARS} per (year|hour)")
AT_LEAST = "This wage is equal to or greater than "
WAGE = re.compile(rf"[Tt]he median (annual|hourly) wage for (.+?) was {DOLLARS} in May (\d{{4}})\.")
TOP_MEDIAN = re.compile(rf"a median wage equal to or greater than {DOLLARS} per (year|hour)\.")
PERCENTILES = re.compile(
    rf"[Tt]he lowest 10 percent earned less than {DOLLARS},? and the highest 10 percent earned "
    rf"more than {DOLLARS}\."
)


class PageError(ValueError):
    """A page lacks a fact every profile must have; the message names the page and the fact."""


def text(node) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def number(value: str) -> int | None:
    value = value.replace(",", "").strip()
    return int(value) if re.fullmatch(r"-?\d+", value) else None


def iso_date(value: str) -> str:
    month, day, year = value.replace(",", "").split()
    return f"{year}-{MONTHS.split().index(month) + 1:02d}-{int(day):02d}"


def quick_facts(soup, slug: str) -> dict:
    table = soup.find("table", id="quickfacts")
    if table is None:
        raise PageError(f"{slug}: no Quick Facts table")
    facts = {}
    for row in table.tbody.find_all("tr"):
        label, value = text(row.th), text(row.td)
        if label in QUICK_FACTS:
            facts[QUICK_FACTS[label]] = value
        elif label.startswith("Number of Jobs"):
            facts["jobs"] = number(value)
        elif label.startswith("Job Outlook"):
            match = OUTLOOK.match(value)
            facts["outlook_percent"] = int(match.group(1)) if match else None
            facts["outlook_label"] = match.group(2) if match else value
        elif label.startswith("Employment Change"):
            facts["employment_change"] = number(value)
    missing = [name for name in (*QUICK_FACTS.values(), "jobs") if name not in facts]
    if missing:
        raise PageError(f"{slug}: Quick Facts lack {', '.join(missing)}")
    return facts


def projections_table(soup, slug: str):
    table = soup.find("table", id="outlook-table")
    if table is None:
        raise PageError(f"{slug}: no employment projections table")
    return table


def projected_total(soup, slug: str) -> int | None:
    """Projected jobs in 2034 for the whole profile: the table's first row, which is the group
    even where BLS gives the group no SOC code of its own ("—")."""
    first = projections_table(soup, slug).tbody.find("tr")
    cells = {cell.get("data-label", "").strip(): text(cell) for cell in first.find_all("td")}
    return number(cells.get("projected employment, 2034:", ""))


def soc_codes(soup, slug: str) -> list[dict]:
    """The projections table: one row for a single occupation, or the group then its parts."""
    table = projections_table(soup, slug)
    rows = []
    for row in table.tbody.find_all("tr"):
        cells = {cell.get("data-label", "").strip(): text(cell) for cell in row.find_all("td")}
        code = cells.get("SOC Code:", "")
        if not SOC.match(code):
            continue  # BLS marks a few rows "—" (a title with no code of its own)
        detailed = row.th.find("p", class_="sub1") is not None
        rows.append(
            {
                "soc_code": code,
                "title": text(row.th),
                "level": "detailed" if detailed else "group",
                "jobs": number(cells.get("employment, 2024:", "")),
                "projected": number(cells.get("projected employment, 2034:", "")),
                "change_percent": number(cells.get("change, 2024–34 (percent):", "")),
                "change": number(cells.get("change, 2024–34 (numeric):", "")),
            }
        )
    if not rows:
        raise PageError(f"{slug}: the projections table has no SOC code")
    if len(rows) == 1:
        rows[0]["level"] = "single"
    return rows


def dollars(value: str, unit: str, slug: str) -> int | str:
    """A yearly wage in whole dollars; an hourly one as its text, with its two decimals."""
    value = value.replace(",", "")
    if unit == "annual" and value.isdigit():
        return int(value)
    if unit == "hourly" and re.fullmatch(r"\d+\.\d\d", value):
        return value
    raise PageError(f"{slug}: ${value} is not an {unit} wage")


def top_coded(name: str, value) -> bool:
    return value == TOP_CODE[name.split("_")[0]]


def pay_figures(figures: dict) -> dict:
    """The six figures (None where the page gives none) and the names of those top-coded."""
    figures = {name: figures.get(name) for name in PAY_FIGURES}
    return {
        **figures,
        "top_coded": [name for name, value in figures.items() if top_coded(name, value)],
    }


def quick_facts_pay(soup, slug: str) -> dict:
    """Quick Facts' "2024 Median Pay": "$50,250 per year $24.16 per hour", one of the two, none
    (a page whose newest figures are older) or "This wage is equal to or greater than …"."""
    table = soup.find("table", id="quickfacts")
    rows = table.tbody.find_all("tr") if table else []
    cell = next((text(row.td) for row in rows if "Median Pay" in text(row.th)), "")
    found = PER.findall(cell)
    medians = {f"{UNIT[per]}_median": dollars(value, UNIT[per], slug) for value, per in found}
    rest = PER.sub("", cell.removeprefix(AT_LEAST)).strip(" .")
    if rest not in ("", "or") or len(medians) != len(found):
        raise PageError(f"{slug}: the Quick Facts' median pay “{cell}” is not in a known form")
    if cell.startswith(AT_LEAST) and not all(top_coded(*median) for median in medians.items()):
        raise PageError(f"{slug}: “{cell}” is not BLS's top code ({TOP_CODE})")
    return medians


def pay_tab(soup, slug: str, codes: list[dict]) -> tuple[dict, list[dict]]:
    """The Pay tab's wage paragraphs: one for the whole profile, or one for each of the detailed
    occupations it names (some group pages). Figures of another year than 2024 are left out."""
    detailed = {c["title"].lower(): c["soc_code"] for c in codes if c["level"] == "detailed"}
    pane = soup.find("div", id="tab-5")
    own, parts = None, []
    for paragraph in pane.find_all("p") if pane else []:
        words = text(paragraph)
        wages, top = WAGE.findall(words), TOP_MEDIAN.search(words)
        if len(wages) > 1:
            raise PageError(f"{slug}: a Pay tab paragraph gives {len(wages)} medians")
        if wages and wages[0][3] != "2024":
            continue  # e.g. fishers: "… was $28,530 in May 2017", not May 2024 pay
        if wages:
            unit, name, median, _year = wages[0]
            spread = PERCENTILES.search(words)
            if spread is None:
                raise PageError(f"{slug}: the Pay tab gives {name}'s median without percentiles")
            values = [dollars(value, unit, slug) for value in (median, *spread.groups())]
            figures = {f"{unit}_{stat}": v for stat, v in zip(STATS, values, strict=True)}
        elif top:
            unit, name = UNIT[top.group(2)], None
            figures = {f"{unit}_median": dollars(top.group(1), unit, slug)}
            if not top_coded(unit, figures[f"{unit}_median"]):
                raise PageError(f"{slug}: “{top.group(0)}” is not BLS's top code ({TOP_CODE})")
        elif "percent earned" in words:
            raise PageError(f"{slug}: a Pay tab paragraph gives percentiles in an unknown form")
        else:
            continue
        if name is not None and name.lower() in detailed:
            parts.append({"soc_code": detailed[name.lower()], **pay_figures(figures)})
        elif own is not None:
            raise PageError(f"{slug}: the Pay tab gives the whole profile's pay twice")
        else:
            own = figures
    return own or {}, parts


def pay(soup, slug: str, codes: list[dict]) -> dict:
    """May 2024 pay: the Quick Facts' medians, each checked against the Pay tab's where both
    give one, and the Pay tab's percentiles; `detailed` lists the Pay tab's detailed figures."""
    medians = quick_facts_pay(soup, slug)
    own, parts = pay_tab(soup, slug, codes)
    for name, value in own.items():
        if name in medians and medians[name] != value:
            raise PageError(
                f"{slug}: the Quick Facts' {name.replace('_', ' ')} ({medians[name]}) "
                f"is not the Pay tab's ({value})"
            )
    parts.sort(key=lambda part: part["soc_code"])
    return {**pay_figures({**own, **medians}), "detailed": parts}


def largest_employers(soup) -> list[dict]:
    """The table after "The largest employers of … were as follows" (group pages first have
    a table of their detailed occupations' jobs, which is not it)."""
    pane = soup.find("div", id="tab-3")
    table = None
    for candidate in pane.find_all("table") if pane else []:
        introduction = candidate.find_previous("p")
        if introduction and "largest employers" in text(introduction):
            table = candidate
            break
    employers = []
    for row in table.find_all("tr") if table else []:
        cells = [text(cell) for cell in row.find_all(["td", "th"])]
        if len(cells) == 2 and (percent := number(cells[1].rstrip("%"))) is not None:
            employers.append({"industry": cells[0], "percent": percent})
    return employers


def similar_occupations(soup) -> list[dict]:
    table = soup.find("table", id="similar-occupations")
    similar = []
    for row in table.tbody.find_all("tr") if table else []:
        link = row.find("td", attrs={"headers": re.compile(r"-0-1$")})
        anchor = link.find("a") if link else None
        if anchor is None:
            continue
        href = anchor["href"]
        similar.append(
            {
                "title": text(anchor),
                "slug": Path(href.split("#")[0]).stem,
                "url": href if href.startswith("http") else OOH_ROOT + href,
            }
        )
    return similar


def extract_page(path: Path, entry: dict) -> dict:
    raw = path.read_bytes()
    soup = BeautifulSoup(raw.decode("utf-8"), "html.parser")
    slug = entry["slug"]
    outlook_pane = text(soup.find("div", id="tab-6"))
    openings = OPENINGS.search(outlook_pane)
    modified = MODIFIED.search(text(soup))
    if soup.find("table", id="quickfacts") is None and soup.find(id="outlook-table") is None:
        # Military careers: the handbook describes them without BLS's statistics (no SOC code
        # of the civilian kind, no projections, no OEWS pay). Only what the page has is kept.
        codes, facts = [], dict.fromkeys(FACT_NAMES)
    else:
        codes, facts = soc_codes(soup, slug), quick_facts(soup, slug)
    return {
        "slug": slug,
        "title": entry["title"],
        "url": entry["url"],
        "field": entry["category"],
        "soc_codes": codes,
        **facts,
        "projected": projected_total(soup, slug) if codes else None,
        "pay_2024": pay(soup, slug, codes),
        "openings_per_year": number(openings.group(1)) if openings else None,
        "largest_employers": largest_employers(soup),
        "similar": similar_occupations(soup),
        "last_modified": iso_date(modified.group(1)) if modified else None,
        "page_sha256": hashlib.sha256(raw).hexdigest(),
    }


def extract(source: Path) -> dict:
    entries = json.loads((source / "occupations.json").read_text(encoding="utf-8"))
    unknown = sorted({entry["category"] for entry in entries} - FIELDS.keys())
    if unknown:
        raise PageError(f"occupations.json: unknown field(s) {', '.join(unknown)}")
    profiles = [
        extract_page(source / "html" / f"{entry['slug']}.html", entry)
        for entry in sorted(entries, key=lambda entry: entry["slug"])
    ]
    return {
        "source": "BLS, Occupational Outlook Handbook",
        "edition": EDITION,
        "projection_period": PROJECTION_PERIOD,
        "fields": [{"slug": slug, "name": name} for slug, name in sorted(FIELDS.items())],
        "occupations": profiles,
    }


def canonical_json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    try:
        data = extract(args.source)
    except (PageError, FileNotFoundError) as error:
        print(f"extract_ooh: {error}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / OUTPUT_NAME
    target.write_text(canonical_json(data), encoding="utf-8")
    print(f"{len(data['occupations'])} profiles → {target}")
    for profile in data["occupations"]:
        pay = profile["pay_2024"]
        if not profile["soc_codes"]:
            print(f"  {profile['slug']}: no Quick Facts or projections on the page; kept as such")
        elif pay["annual_median"] is None and pay["hourly_median"] is None:
            print(f"  {profile['slug']}: no May 2024 median pay on the page; kept as none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
