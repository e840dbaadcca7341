"""The metropolitan and nonmetropolitan areas of an OEWS release: their list, their addresses,
and finding the one a visitor means from what they typed (a code, a name, part of a name).

The areas live in the one pay table (`AreaPay` rows of the local area types); their list is
read in one query and kept in the cache for the release and content version, since every
"Pay near you" lookup needs it. A cache that is down is a miss: the query runs again.
"""

import unicodedata
from dataclasses import dataclass, field

from django.core.cache import cache
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.content_version import content_version

from .pay_models import LOCAL_AREA_TYPES, AreaPay, AreaType

MAX_TYPED = 80  # longer than any area's name (73 characters): the rest is not a name


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    area_type: str
    postal: str
    states: tuple[str, ...]

    @property
    def slug(self) -> str:
        return slugify(self.name)

    @property
    def is_metro(self) -> bool:
        return self.area_type == AreaType.METRO

    def get_absolute_url(self) -> str:
        return reverse("pay:area", args=[self.slug])

    def __str__(self) -> str:
        return self.name


@dataclass
class AreaSearch:
    """What a typed area came to: the one area, or the candidates, or nothing (`error`)."""

    typed: str = ""
    area: Area | None = None
    candidates: list = field(default_factory=list)
    error: str = ""


_memo: dict[str, list[Area]] = {}  # this process's copy of the list for one content version


def forget_areas() -> None:
    _memo.clear()


def release_areas(release) -> list[Area]:
    """Every local area of the release, by name: from this process's memory, else the shared
    cache, else one DISTINCT over the release's area rows (137 ms on SQLite with every area,
    more at 10× the careers), each for the release and content version."""
    if release is None:
        return []
    key = f"areas:{release.pk}:{content_version()}"
    areas = _memo.get(key) or cache.get(key)
    if areas is None:
        rows = (
            AreaPay.objects.filter(release=release, area_type__in=LOCAL_AREA_TYPES)
            .values_list(*AREA_COLUMNS)
            .distinct()
            .order_by("area_name", "area_code")
        )
        areas = [_area(row) for row in rows]
        cache.set(key, areas, 60 * 60)
    if key not in _memo:
        _memo.clear()  # one list, the current version's
        _memo[key] = areas
    return areas


def areas_by_state(areas) -> list[tuple[str, list[Area]]]:
    """(postal code, its areas) for every state an area lies in, an area spanning two states
    under both."""
    grouped: dict[str, list[Area]] = {}
    for area in areas:
        for postal in area.states:
            grouped.setdefault(postal, []).append(area)
    return sorted(grouped.items())


def area_by_slug(release, slug: str) -> Area | None:
    return next((area for area in release_areas(release) if area.slug == slug), None)


def _folded(text: str) -> str:
    """Lower case without accents or punctuation: "Cañon City" and "canon city" are alike."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join("".join(char if char.isalnum() else " " for char in text).split())


# An area's columns in its pay rows, and the Area they make.
AREA_COLUMNS = ("area_code", "area_name", "area_type", "postal", "states")


def _area(row) -> Area:
    code, name, kind, postal, states = row
    return Area(code, name, kind, postal, tuple((states or postal).split()))


def career_areas(release, soc_code: str) -> list[Area]:
    """The areas that publish one code: an indexed query of a few hundred rows, where the
    whole list (release_areas) reads every area row of the release when it is not cached."""
    rows = release.pay.filter(soc_code=soc_code, area_type__in=LOCAL_AREA_TYPES)
    return [_area(row) for row in rows.values_list(*AREA_COLUMNS).order_by("area_name")]


def _printable(typed: str) -> str:
    """What was typed with its control characters (a NUL, an escape) made spaces: no area's
    name holds one, and a NUL can neither be stored nor sent back in a page."""
    return "".join(" " if unicodedata.category(char) == "Cc" else char for char in typed or "")


def find_area(release, typed: str, soc_code: str = "") -> AreaSearch:
    """The area a visitor means by `typed`: its BLS code, its name or its address, or the only
    area whose name holds every word typed. Several such areas are candidates to choose from.
    With a `soc_code`, the areas that publish it are searched first (a career's page)."""
    raw, typed = (typed or "").strip(), " ".join(_printable(typed).split())
    search = AreaSearch(typed=typed[:MAX_TYPED])
    if raw and not typed:
        search.error = _("That is not a place’s name. Type a city or an area’s name.")
        return search
    if not typed or release is None:
        return search
    if len(typed) > MAX_TYPED:
        search.error = _("That is longer than any area’s name. Type a city or an area’s name.")
        return search
    if typed.isdigit():  # BLS's code, as every link the site makes carries: one indexed query
        found = _by_code(release, typed)
        if found is not None:
            search.area = found
            return search
    if soc_code:
        found = _matching(career_areas(release, soc_code), typed)
        if len(found) == 1:
            search.area = found[0]
            return search
    matches = _matching(release_areas(release), typed)
    if len(matches) == 1:
        search.area = matches[0]
    elif matches:
        search.candidates = matches
        search.error = ngettext(
            "%(count)s area matches “%(typed)s”. Choose one.",
            "%(count)s areas match “%(typed)s”. Choose one.",
            len(matches),
        ) % {"count": len(matches), "typed": search.typed}
    else:
        search.error = _(
            "We know no metropolitan or nonmetropolitan area called “%(typed)s”. Type a "
            "city’s name (e.g. Boise) or choose from the list of areas."
        ) % {"typed": search.typed}
    return search


def _by_code(release, code: str) -> Area | None:
    rows = release.pay.filter(area_code=code, area_type__in=LOCAL_AREA_TYPES)
    row = rows.values_list(*AREA_COLUMNS).first()
    return _area(row) if row is not None else None


def _matching(areas, typed: str) -> list[Area]:
    """The areas `typed` names exactly (code, address or name), else those whose name holds
    every word typed."""
    wanted = _folded(typed)
    exact = [
        area for area in areas if typed in (area.code, area.slug) or wanted == _folded(area.name)
    ]
    words = wanted.split()
    return exact or [
        area for area in areas if words and all(word in _folded(area.name) for word in words)
    ]


def area_pay(release, soc_code: str, area: Area | None) -> AreaPay | None:
    """The code's figures in the area (all industries), one query; None when BLS publishes
    none for it there."""
    if release is None or area is None or not soc_code:
        return None
    rows = release.pay.filter(soc_code=soc_code, area_code=area.code, area_type=area.area_type)
    return rows.first()


# The lists that offer `?area=` beside `?state=` (the finder, careers side by side, the
# matcher's results, next steps) read each listed career's figure there in one query.


def area_medians(release, area: Area | None, soc_codes) -> dict[str, AreaPay]:
    """{SOC code: its figures in the area (all industries)} for every code BLS publishes there,
    one query however many codes: a code missing from it has no figure in that area."""
    wanted = {code for code in soc_codes if code}
    if release is None or area is None or not wanted:
        return {}
    rows = AreaPay.objects.filter(
        release=release, area_code=area.code, area_type=area.area_type, soc_code__in=wanted
    )
    return {row.soc_code: row for row in rows}
