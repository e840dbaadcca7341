"""A career's pay, for a handbook profile and a guide alike: which code the headline is for,
the nation in the current OEWS release, the visitor's chosen state and area beside it, every
state for the map, each detailed occupation, the industries that employ the most, and the
nation's figures in every release the site holds (how pay changed).

Pay lives in one table, `AreaPay` under its `PayRelease`; this is the one module that reads it
for a page. Levels are never mixed silently: the headline figure is the career's group (or
only) code when OEWS publishes it; when it does not (a group BLS's pay survey does not
tabulate), there is no headline and each detailed occupation's figures are shown, labelled as
such. The map then shows the detailed occupation with the most jobs, and says so.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from .areas import area_pay
from .models import AreaPay, AreaType, CodeLevel, PayRelease
from .pay_models import ALL_INDUSTRIES

# The map and the state table: the nation, the states and DC, the territories.
STATE_LEVEL = (AreaType.NATIONAL, AreaType.STATE, AreaType.TERRITORY)
INDUSTRIES_SHOWN = 8

PERCENTILES = (
    (10, "annual_p10", "hourly_p10"),
    (25, "annual_p25", "hourly_p25"),
    (50, "annual_median", "hourly_median"),
    (75, "annual_p75", "hourly_p75"),
    (90, "annual_p90", "hourly_p90"),
)
# What a visitor calls the percentiles a job seeker cares most about (labels, not figures).
BAND_LABELS = {10: _("Entry level"), 50: _("Median"), 90: _("Experienced")}
CHART_BAR_MAX = 260
CHART_ROW_HEIGHT = 44


@dataclass
class PayPoint:
    percentile: int
    annual: object
    hourly: object
    top_coded: bool
    width: int = 0
    y: int = 0

    @property
    def label(self) -> str:
        return BAND_LABELS.get(self.percentile, "")


def points(pay: AreaPay) -> list[PayPoint]:
    coded = set(pay.top_coded.split())
    return [
        PayPoint(percentile, getattr(pay, annual), getattr(pay, hourly), annual in coded)
        for percentile, annual, hourly in PERCENTILES
    ]


@dataclass
class PayChange:
    """The national median in the two latest releases that give one."""

    earlier: AreaPay
    later: AreaPay

    @property
    def percent(self) -> Decimal:
        change = (self.later.annual_median - self.earlier.annual_median) * 100
        return abs(change / self.earlier.annual_median).quantize(Decimal("0.1"))

    @property
    def direction(self) -> str:
        if self.later.annual_median == self.earlier.annual_median:
            return "unchanged"
        return "rose" if self.later.annual_median > self.earlier.annual_median else "fell"


@dataclass
class CareerPay:
    release: PayRelease | None = None
    headline_code: object = None  # the OccupationCode the headline and map are for
    headline_is_group: bool = False
    map_code: object = None
    national: AreaPay | None = None
    state: AreaPay | None = None
    area: AreaPay | None = None  # a metropolitan or nonmetropolitan area's, when one is chosen
    states: list = field(default_factory=list)  # AreaPay for map_code, one per state
    by_code: list = field(default_factory=list)  # (OccupationCode, national AreaPay or None)
    chart_points: list = field(default_factory=list)
    history: list = field(default_factory=list)  # the headline's national AreaPay, oldest first

    @property
    def has_figures(self) -> bool:
        return self.national is not None or any(pay for _, pay in self.by_code)

    @property
    def state_names(self) -> list[str]:
        return sorted(pay.area_name for pay in self.states)

    @property
    def places(self) -> list[AreaPay]:
        """The columns of the percentile table: the nation, then the state, then the area."""
        return [pay for pay in (self.national, self.state, self.area) if pay is not None]

    @property
    def comparison(self) -> list[tuple[PayPoint, list[PayPoint]]]:
        """One row per percentile: the nation's point and each place's beside it."""
        columns = [points(pay) for pay in self.places]
        return [(row[0], list(row[1:])) for row in zip(*columns, strict=True)]

    @property
    def change(self) -> PayChange | None:
        with_median = [pay for pay in self.history if pay.annual_median is not None]
        if len(with_median) < 2 or with_median[-1] != self.national:
            return None
        return PayChange(with_median[-2], with_median[-1])

    @property
    def history_rows(self) -> list[tuple[int, list]]:
        """One row per percentile any release gives, one cell per release (oldest first; None
        where it is missing). Percentiles as rows keep the table narrow enough for a phone."""
        by_release = [{point.percentile: point for point in points(pay)} for pay in self.history]
        return [
            (percentile, [cells[percentile] for cells in by_release])
            for percentile, _, _ in PERCENTILES
            if any(cells[percentile].annual is not None for cells in by_release)
        ]


def release_pay(release, codes) -> dict[tuple[str, str], AreaPay]:
    """Every row of the release for these SOC codes, by (code, area name): one query."""
    if release is None or not codes:
        return {}
    rows = AreaPay.objects.filter(release=release, soc_code__in=codes, area_type__in=STATE_LEVEL)
    return {(row.soc_code, row.area_name): row for row in rows}


CURRENT = object()  # career_pay's default: the current release, looked up


def career_pay(codes, state_name: str = "", release=CURRENT, area=None) -> CareerPay:
    """Pay for a career whose codes are `codes` (a profile's, or the one detailed code a guide
    inside a group profile is about): the first code is the headline when it is the group's or
    the only one. With an `area` (occupations.areas.Area), its figures join the nation's and
    the state's (the area's own state when none is chosen)."""
    if release is CURRENT:
        release = PayRelease.current()
    codes = list(codes)
    rows = release_pay(release, [code.soc_code for code in codes])
    result = CareerPay(release=release)
    if not codes or not rows:
        return result

    def national(code):
        return next(
            (
                row
                for (soc, _), row in rows.items()
                if soc == code.soc_code and row.area_type == AreaType.NATIONAL
            ),
            None,
        )

    def states(code):
        return sorted(
            (
                row
                for (soc, _), row in rows.items()
                if soc == code.soc_code and row.area_type != AreaType.NATIONAL
            ),
            key=lambda row: row.area_name,
        )

    first = codes[0]
    if len(codes) > 1:
        result.by_code = [
            (code, national(code)) for code in codes if code.level == CodeLevel.DETAILED
        ]
    if (first.level != CodeLevel.DETAILED or len(codes) == 1) and national(first) is not None:
        result.headline_code = first
        result.headline_is_group = first.level == CodeLevel.GROUP
        result.national = national(first)
    # The map shows the headline code; where BLS publishes no state figures for it (some
    # groups have national figures only), the group's largest detailed occupation, named.
    candidates = [first] if result.headline_code else []
    candidates += sorted(
        (code for code, pay in result.by_code if pay is not None),
        key=lambda code: -(code.jobs or 0),
    )
    for code in candidates:
        if len(states(code)) >= 2:
            result.map_code, result.states = code, states(code)
            break
    if result.national is not None:
        same_code = result.map_code == result.headline_code
        if area is not None:
            result.area = area_pay(release, result.national.soc_code, area)
            state_name = state_name or (area.states[0] if result.area else "")
        result.state = next(
            (
                row
                for row in result.states
                if same_code and state_name in (row.area_name, row.postal)
            ),
            None,
        )
        result.chart_points = chart(result.national)
        result.history = national_history(result.national, release)
    return result


def industry_pay(release, soc_code: str, limit: int = INDUSTRIES_SHOWN) -> list[AreaPay]:
    """The industries that employ the most people in the code nationally, most first, each
    with its median: one query."""
    if release is None or not soc_code:
        return []
    rows = release.pay.filter(soc_code=soc_code, area_type=AreaType.INDUSTRY)
    rows = rows.exclude(industry_code=ALL_INDUSTRIES)
    return list(rows.order_by(F("employment").desc(nulls_last=True), "industry_title")[:limit])


def national_history(current: AreaPay, release: PayRelease) -> list[AreaPay]:
    """The code's national figures in every release up to `release` (the current row's), oldest
    first; empty when there is only the one (one query)."""
    # Releases as a subquery, so the (release, code, area type) index answers: a join on
    # the release's date scanned all 190,000 rows of pay (19 ms a page on SQLite, now 1).
    releases = PayRelease.objects.filter(published__lte=release.published)
    rows = list(
        AreaPay.objects.filter(
            soc_code=current.soc_code, area_type=AreaType.NATIONAL, release__in=releases
        )
        .select_related("release")
        .order_by("release__published")
    )
    return rows if len(rows) > 1 else []


def chart(pay: AreaPay) -> list[PayPoint]:
    drawn = [point for point in points(pay) if point.annual is not None]
    highest = max((point.annual for point in drawn), default=0)
    for index, point in enumerate(drawn):
        point.y = index * CHART_ROW_HEIGHT
        point.width = max(2, round(CHART_BAR_MAX * point.annual / highest)) if highest else 2
    return drawn


def sort_states(states, order: str) -> list:
    """The state table's rows: by name (default), or by median pay, highest first."""
    if order == "median":
        return sorted(
            states,
            key=lambda row: (row.annual_median is None, -(row.annual_median or 0), row.area_name),
        )
    return sorted(states, key=lambda row: row.area_name)
