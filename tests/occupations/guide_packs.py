"""Which handbook profiles the guides as they ship cover, read from the pack files
(content/guides/*.json) rather than typed out, so the tests follow the packs.

A profile a published guide covers has one page, the guide's: lists link straight to it and the
profile's own address redirects there.
"""

import json
from pathlib import Path

GUIDE_PACKS = Path(__file__).resolve().parents[2] / "content" / "guides"


def covering_guides() -> dict[str, str]:
    """{profile slug: the address of the published guide that covers it}."""
    covered = {}
    for path in sorted(GUIDE_PACKS.glob("*.json")):
        for guide in json.loads(path.read_text(encoding="utf-8"))["guides"]:
            if guide.get("occupation") and guide.get("status") == "published":
                covered[guide["occupation"]] = f"/careers/{guide['slug']}/"
    return covered


COVERED = covering_guides()


def page_of(slug: str) -> str:
    """Where a list links a profile: its guide's address if a guide covers it, else its own."""
    return COVERED.get(slug, f"/careers/{slug}/")
