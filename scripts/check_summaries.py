"""Check that the site's summaries (data/ooh/summaries.json) are in the site's own words.

    python scripts/check_summaries.py [--source ../shared/data/ooh-2024-34]

For every profile, the summary must be one or two sentences of 60–240 characters and share no
run of six words in a row with the OOH page it summarises (its summary, duties and every other
tab). Exits 1 and lists each summary that fails; run it after writing or editing summaries.
"""

import argparse
import html
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "ooh-2024-34"
SUMMARIES = ROOT / "data" / "ooh" / "summaries.json"
RUN = 6
WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("’", "'"))


def page_text(raw: str) -> str:
    """The text of the page's tabs (summary to more information), without markup."""
    start, end = raw.find('id="tab-1"'), raw.find('id="tab-9"')
    return html.unescape(re.sub(r"<[^>]+>", " ", raw[max(start, 0) : end if end > 0 else None]))


def copied_runs(summary: str, source: str, run: int = RUN) -> list[str]:
    """Each run of `run` words of the summary that also appears in the source, in order."""
    source_words = words(source)
    known = {tuple(source_words[i : i + run]) for i in range(len(source_words) - run + 1)}
    mine = words(summary)
    return [
        " ".join(mine[i : i + run])
        for i in range(len(mine) - run + 1)
        if tuple(mine[i : i + run]) in known
    ]


def problems(summary: str, source: str) -> list[str]:
    found = []
    if not 60 <= len(summary) <= 240:
        found.append(f"{len(summary)} characters (60–240)")
    if len(re.findall(r"[.!?](?:\s|$)", summary)) > 2:
        found.append("more than two sentences")
    if runs := copied_runs(summary, source):
        found.append(f"BLS's words: {'; '.join(runs[:3])}")
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--summaries", type=Path, default=SUMMARIES)
    args = parser.parse_args(argv)
    summaries = json.loads(args.summaries.read_text(encoding="utf-8"))["summaries"]
    failing = 0
    for slug, summary in sorted(summaries.items()):
        page = args.source / "html" / f"{slug}.html"
        if not page.is_file():
            continue  # a summary for a page this source does not have (a sample)
        if found := problems(summary, page_text(page.read_text(encoding="utf-8"))):
            failing += 1
            print(f"{slug}: {', '.join(found)}")
    print(f"{len(summaries)} summaries checked, {failing} to rewrite")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
