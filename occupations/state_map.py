"""A tile-grid cartogram of pay by state, laid out here and drawn by a template as inline SVG.

Every state gets one equal square, so small states (RI, DE, DC) are as easy to read and to
click as large ones, and the picture needs no geographic data or JavaScript. The caller hands
in plain objects (an `AreaPay` queryset works, as does anything with the same attributes), so
this module stays free of the database and can be tested on its own.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

TILE_SIZE = 44
TILE_GAP = 4
PITCH = TILE_SIZE + TILE_GAP
COLUMNS = 12
ROWS = 9
# The territories sit on a row of their own, set a little further down so they read as
# apart from the states rather than as neighbours of Florida and Hawaii.
TERRITORY_OFFSET = 12

# (column, row) in the NPR / FiveThirtyEight tile map, which keeps each state next to most of
# its real neighbours. Guam goes under Hawaii (the Pacific), Puerto Rico and the Virgin
# Islands to the east of Florida (the Caribbean).
LAYOUT: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (11, 0),
    "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2),
    "WI": (7, 2), "MI": (8, 2), "NY": (9, 2), "RI": (10, 2), "MA": (11, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3),
    "OH": (7, 3), "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4),
    "WV": (7, 4), "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5),
    "SC": (8, 5), "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7),
    "GU": (0, 8), "PR": (10, 8), "VI": (11, 8),
}  # fmt: skip
TERRITORIES = frozenset({"GU", "PR", "VI"})

# Used only for an area the data leaves out altogether, so its tile can still be named.
NAMES: dict[str, str] = {
    "AK": "Alaska", "AL": "Alabama", "AR": "Arkansas", "AZ": "Arizona", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DC": "District of Columbia", "DE": "Delaware",
    "FL": "Florida", "GA": "Georgia", "GU": "Guam", "HI": "Hawaii", "IA": "Iowa",
    "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "KS": "Kansas", "KY": "Kentucky",
    "LA": "Louisiana", "MA": "Massachusetts", "MD": "Maryland", "ME": "Maine",
    "MI": "Michigan", "MN": "Minnesota", "MO": "Missouri", "MS": "Mississippi",
    "MT": "Montana", "NC": "North Carolina", "ND": "North Dakota", "NE": "Nebraska",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NV": "Nevada",
    "NY": "New York", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "PR": "Puerto Rico", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
    "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VA": "Virginia",
    "VI": "Virgin Islands", "VT": "Vermont", "WA": "Washington", "WI": "Wisconsin",
    "WV": "West Virginia", "WY": "Wyoming",
}  # fmt: skip

# ColorBrewer "Blues", light to dark: sequential, so it reads as "more" without a key, and it
# stays ordered for every common form of colour blindness and in greyscale print.
PALETTE = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
MISSING_FILL = "#e5e5e5"
STEPS = len(PALETTE)
BLACK = "#000000"
WHITE = "#ffffff"


@dataclass(frozen=True, slots=True)
class LegendStep:
    low: Decimal
    high: Decimal
    fill: str
    label: str


@dataclass(frozen=True, slots=True)
class Tile:
    postal: str
    name: str
    median: Decimal | None
    x: int
    y: int
    size: int
    fill: str
    text_fill: str
    href: str
    label: str
    step: int | None

    @property
    def cx(self) -> int:
        """The tile's centre, where the template anchors the postal code (whole units, so no
        locale can write it with a decimal comma)."""
        return self.x + self.size // 2

    @property
    def cy(self) -> int:
        return self.y + self.size // 2


@dataclass(frozen=True, slots=True)
class StateMap:
    tiles: list[Tile]
    legend: list[LegendStep]
    width: int
    height: int
    missing: list[str]
    lowest: Tile
    highest: Tile

    @property
    def missing_fill(self) -> str:
        return MISSING_FILL

    @property
    def description(self) -> str:
        """One sentence for the SVG's title: the range, for people who cannot see the colours."""
        return _(
            "Tile map of US states and territories, shaded by median annual pay, from "
            "%(lowest)s (%(lowest_pay)s) to %(highest)s (%(highest_pay)s)."
        ) % {
            "lowest": self.lowest.name,
            "lowest_pay": dollars(self.lowest.median),
            "highest": self.highest.name,
            "highest_pay": dollars(self.highest.median),
        }


def state_map(figures: Iterable, href: Callable[[str], str]) -> StateMap | None:
    """The map for one occupation's state figures, or None when there is too little to compare.

    Every area of LAYOUT gets a tile, whether the figures include it or not: a gap in the grid
    would read as a rendering fault, not as "no estimate". Areas outside LAYOUT (the nation,
    "US", or anything unforeseen) are left out, since there is nowhere to put them.
    """
    by_postal = {}
    for figure in figures:
        if figure.postal not in LAYOUT:
            continue
        if figure.postal in by_postal:
            # Two rows for one state means the caller mixed releases or occupations; picking
            # either would show a figure the page does not describe.
            raise ValueError(f"More than one figure for {figure.postal}")
        by_postal[figure.postal] = figure

    medians = {
        postal: _median(figure)
        for postal, figure in by_postal.items()
        if _median(figure) is not None
    }
    top_coded = {postal for postal, figure in by_postal.items() if _is_top_coded(figure)}
    if len(medians) < 2:
        return None

    legend, step_of = _legend(sorted(medians.values()))
    # Postal order is also the order the links are tabbed through and listed by a screen
    # reader: alphabetical is the one order a visitor can predict from outside the picture.
    tiles = []
    for postal in sorted(LAYOUT):
        figure = by_postal.get(postal)
        name = figure.area_name if figure is not None else NAMES[postal]
        median = medians.get(postal)
        step = step_of[median] if median is not None else None
        fill = legend[step].fill if step is not None else MISSING_FILL
        column, row = LAYOUT[postal]
        tiles.append(
            Tile(
                postal=postal,
                name=name,
                median=median,
                x=column * PITCH,
                y=row * PITCH + (TERRITORY_OFFSET if postal in TERRITORIES else 0),
                size=TILE_SIZE,
                fill=fill,
                text_fill=text_colour(fill),
                href=href(postal),
                # The name starts with the letters on the tile (WCAG 2.5.3, Label in Name):
                # a voice-control user says "click CA" for the tile that shows "CA".
                label=_tile_label(postal, name, median, postal in top_coded),
                step=step,
            )
        )

    # Tiles are in postal order, so ties for lowest or highest go to the same state each time.
    with_median = [tile for tile in tiles if tile.median is not None]
    return StateMap(
        tiles=tiles,
        legend=legend,
        width=COLUMNS * PITCH - TILE_GAP,
        height=(ROWS - 1) * PITCH + TERRITORY_OFFSET + TILE_SIZE,
        missing=sorted(tile.name for tile in tiles if tile.median is None),
        lowest=min(with_median, key=lambda tile: tile.median),
        highest=max(with_median, key=lambda tile: tile.median),
    )


def _tile_label(postal: str, name: str, median, top_coded: bool) -> str:
    names = {"postal": postal, "name": name}
    if median is None:
        return _("%(postal)s (%(name)s): no estimate published") % names
    names["pay"] = dollars(median)
    if top_coded:
        return _("%(postal)s (%(name)s): median %(pay)s or more a year") % names
    return _("%(postal)s (%(name)s): median %(pay)s a year") % names


# BLS gives a median at or above its top wage only as "#" (footnote 5 of OEWS May 2025); it is
# drawn at that wage, in the darkest step, and labelled "or more", never as missing.
TOP_CODED_ANNUAL = Decimal("239200")


def _is_top_coded(figure) -> bool:
    return figure.annual_median is None and "annual_median" in getattr(figure, "top_coded", "")


def _median(figure):
    return TOP_CODED_ANNUAL if _is_top_coded(figure) else figure.annual_median


def _legend(values: list[Decimal]) -> tuple[list[LegendStep], dict[Decimal, int]]:
    """Quantile steps over the sorted medians, and the step each median falls in.

    Quantiles rather than equal widths, because a few high-cost states (and a low Puerto
    Rico) would otherwise leave most of the map in one colour. Equal medians always share a
    step, so a step can come out empty; empty steps are dropped and the colours spread over
    the rest, which keeps the darkest colour for the highest pay.
    """
    count = len(values)
    raw_step: dict[Decimal, int] = {}
    for index, value in enumerate(values):
        raw_step.setdefault(value, index * STEPS // count)
    used = sorted(set(raw_step.values()))
    renumber = {raw: new for new, raw in enumerate(used)}
    step_of = {value: renumber[raw] for value, raw in raw_step.items()}

    legend = []
    for step in range(len(used)):
        members = [value for value in values if step_of[value] == step]
        low, high = members[0], members[-1]
        label = dollars(low) if dollars(low) == dollars(high) else f"{dollars(low)}–{dollars(high)}"
        legend.append(LegendStep(low=low, high=high, fill=_colour(step, len(used)), label=label))
    return legend, step_of


def _colour(step: int, steps: int) -> str:
    if steps == 1:
        return PALETTE[STEPS // 2]
    return PALETTE[round(step * (STEPS - 1) / (steps - 1))]


def dollars(amount: Decimal) -> str:
    """Whole dollars with thousands separators, rounded as the site's `money` filter rounds."""
    return f"${amount.quantize(Decimal(1)):,}"


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour(fill: str) -> str:
    """Black or white, whichever contrasts more with the fill.

    One of the two always reaches 4.5:1 (the worst case, a mid grey, gets about 4.6:1), so
    any palette change keeps the labels readable without anyone checking by hand.
    """
    return BLACK if contrast_ratio(fill, BLACK) >= contrast_ratio(fill, WHITE) else WHITE
