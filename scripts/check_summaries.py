"""Check that the site's summaries and duties (data/ooh/) are in the site's own words.

    python scripts/check_summaries.py [--source ../shared/data/ooh-2024-34]
        [--onet ../shared/data/onet/30.1] [--duties data/ooh/duties.json]

For every profile, the summary must be one or two sentences of 60–240 characters and share no
run of six words in a row with the OOH page it summarises (its summary, duties and every other
tab). Its duties (four to eight, each one sentence of 30–200 characters) must share no such run
with that page nor with any O*NET task statement of the profile's occupations. Exits 1 and
lists each text that fails; run it after writing or editing summaries or duties.
"""

import argparse
import csv
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "ooh-2024-34"
DEFAULT_ONET = ROOT.parent / "shared" / "data" / "onet" / "30.1"
SUMMARIES = ROOT / "data" / "ooh" / "summaries.json"
DUTIES = ROOT / "data" / "ooh" / "duties.json"
PROFILES = ROOT / "data" / "ooh" / "occupations-2024-34.json"
RUN = 6
DUTIES_PER_PROFILE = (4, 8)
DUTY_LENGTH = (30, 200)
WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def page_text(raw: str) -> str:
    """The text of the page's tabs (summary to more information), without markup."""
    start, end = raw.find('id="tab-1"'), raw.find('id="tab-9"')
    return html.unescape(re.sub(r"<[^>]+>", " ", raw[max(start, 0) : end if end > 0 else None]))


def runs_of(source: str, run: int = RUN) -> set[tuple[str, ...]]:
    source_words = words(source)
    return {tuple(source_words[i : i + run]) for i in range(len(source_words) - run + 1)}


def copied_runs(text: str, source: str | set, run: int = RUN) -> list[str]:
    """Each run of `run` words of the text that also appears in the source, in order."""
    known = source if isinstance(source, set) else runs_of(source, run)
    mine = words(text)
    return [
        " ".join(mine[i : i + run])
        for i in range(len(mine) - run + 1)
        if tuple(mine[i : i + run]) in known
    ]


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


def problems(summary: str, source: str) -> list[str]:
    found = []
    if not 60 <= len(summary) <= 240:
        found.append(f"{len(summary)} characters (60–240)")
    if sentences(summary) > 2:
        found.append("more than two sentences")
    if runs := copied_runs(summary, source):
        found.append(f"BLS's words: {'; '.join(runs[:3])}")
    return found


def duty_problems(duties: list[str], page: str, tasks: list[str]) -> list[str]:
    """What is wrong with one profile's duties, checked against its page and O*NET's tasks."""
    low, high = DUTIES_PER_PROFILE
    found = [] if low <= len(duties) <= high else [f"{len(duties)} duties ({low}–{high})"]
    page_runs, task_runs = runs_of(page), runs_of("\n".join(tasks))
    for number, duty in enumerate(duties, 1):
        if not DUTY_LENGTH[0] <= len(duty) <= DUTY_LENGTH[1]:
            found.append(f"duty {number}: {len(duty)} characters (30–200)")
        if sentences(duty) != 1 or not duty.endswith("."):
            found.append(f"duty {number}: not one sentence ending in a full stop")
        if runs := copied_runs(duty, page_runs):
            found.append(f"duty {number}: BLS's words: {'; '.join(runs[:2])}")
        if runs := copied_runs(duty, task_runs):
            found.append(f"duty {number}: O*NET's words: {'; '.join(runs[:2])}")
    return found


def onet_tasks(onet: Path, profiles: Path) -> dict[str, list[str]]:
    """Each profile's O*NET task statements: those of every O*NET code inside its SOC codes."""
    by_code: dict[str, list[str]] = {}
    tasks_file = onet / "Task Statements.txt"
    if tasks_file.is_file():
        with tasks_file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                by_code.setdefault(row["O*NET-SOC Code"][:7], []).append(row["Task"])
    found = {}
    for profile in json.loads(profiles.read_text(encoding="utf-8"))["occupations"]:
        codes = {code["soc_code"] for code in profile["soc_codes"]}
        found[profile["slug"]] = [task for code in sorted(codes) for task in by_code.get(code, [])]
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--onet", type=Path, default=DEFAULT_ONET)
    parser.add_argument("--summaries", type=Path, default=SUMMARIES)
    parser.add_argument("--duties", type=Path, default=DUTIES)
    parser.add_argument("--profiles", type=Path, default=PROFILES)
    args = parser.parse_args(argv)
    summaries = json.loads(args.summaries.read_text(encoding="utf-8"))["summaries"]
    duties = (
        json.loads(args.duties.read_text(encoding="utf-8"))["duties"]
        if args.duties.is_file()
        else {}
    )
    tasks = onet_tasks(args.onet, args.profiles)
    failing = 0
    for slug in sorted(summaries.keys() | duties.keys()):
        page = args.source / "html" / f"{slug}.html"
        if not page.is_file():
            continue  # a text for a page this source does not have (a sample)
        text = page_text(page.read_text(encoding="utf-8"))
        found = problems(summaries[slug], text) if slug in summaries else []
        if slug in duties:
            found += duty_problems(duties[slug], text, tasks.get(slug, []))
        if found:
            failing += 1
            print(f"{slug}: {', '.join(found)}")
    checked = f"{len(summaries)} summaries and {len(duties)} profiles' duties checked"
    print(f"{checked}, {failing} to rewrite")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
