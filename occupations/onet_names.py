"""O*NET's names said in the page's language.

O*NET publishes its skills, knowledge areas, work styles and values, education levels and
kinds of technology in English only. data/onet/spanish.json holds the site's own Spanish for
each, by O*NET's ids (element ids, education category numbers, commodity codes); the English
stays in the database as O*NET gives it. A name with no Spanish is shown in English.
"""

import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

SPANISH_FILE = Path(settings.BASE_DIR) / "data" / "onet" / "spanish.json"


@cache
def _spanish() -> dict[str, dict[str, str]]:
    return json.loads(SPANISH_FILE.read_text(encoding="utf-8"))


def _said(section: str, key, english: str) -> str:
    if get_language() != "es":
        return english
    return _spanish()[section].get(str(key), english)


def element_name(element_id: str, english: str) -> str:
    """A skill's, knowledge area's, work style's or value's name: "Pensamiento crítico"."""
    return _said("elements", element_id, english)


def education_level(category, english: str) -> str:
    """One of O*NET's education categories (1–12) by its number."""
    return _said("education_levels", category, english)


def commodity_title(code: str, english: str) -> str:
    """A kind of technology ("Programas de hojas de cálculo") by its commodity code."""
    return _said("commodities", code, english)
