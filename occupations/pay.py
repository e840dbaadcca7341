"""A profile's pay for the current OEWS release: which code the headline is for, the nation,
the visitor's chosen state beside it, every state for the map, and each detailed occupation.

Levels are never mixed silently: the headline figure is the profile's group (or only) code
when OEWS publishes it; when it does not (a group BLS's pay survey does not tabulate), there
is no headline and each detailed occupation's figures are shown, labelled as such. The map
then shows the detailed occupation with the most jobs, and says so.
"""

from dataclasses import dataclass, field

from .models import AreaPay, AreaType, CodeLevel, PayRelease

PERCENTILES = (
    (10, "annual_p10", "hourly_p10"),
    (25, "annual_p25", "hourly_p25"),
    (50, "annual_median", "hourly_median"),
    (75, "annual_p75", "hourly_p75"),
    (90, "annual_p90", "hourly_p90"),
)
CHART_BAR_MAX = 260


@dataclass
class PayPoint:
    percentile: int
    annual: object
    hourly: object
    top_coded: bool
    width: int = 0
    y: int = 0


@dataclass
class AreaFigures:
    pay: AreaPay

    @property
    def points(self) -> list[PayPoint]:
        coded = set(self.pay.top_coded.split())
        return [
            PayPoint(
                percentile,
                getattr(self.pay, annual),
                getattr(self.pay, hourly),
                annual in coded,
            )
            for percentile, annual, hourly in PERCENTILES
        ]


@dataclass
class ProfilePay:
    release: PayRelease | None = None
    headline_code: object = None  # the OccupationCode the headline and map are for
    headline_is_group: bool = False
    map_code: object = None
    national: AreaPay | None = None
    state: AreaPay | None = None
    states: list = field(default_factory=list)  # AreaPay for map_code, one per state
    by_code: list = field(default_factory=list)  # (OccupationCode, national AreaPay or None)
    chart_points: list = field(default_factory=list)

    @property
    def has_figures(self) -> bool:
        return self.national is not None or any(pay for _, pay in self.by_code)

    @property
    def state_names(self) -> list[str]:
        return sorted(pay.area_name for pay in self.states)

    @property
    def comparison(self) -> list[tuple[PayPoint, PayPoint | None]]:
        national = AreaFigures(self.national).points if self.national else []
        state = AreaFigures(self.state).points if self.state else [None] * len(national)
        return list(zip(national, state, strict=False))


def release_pay(release, codes) -> dict[tuple[str, str], AreaPay]:
    """Every row of the release for these SOC codes, by (code, area name): one query."""
    if release is None or not codes:
        return {}
    rows = AreaPay.objects.filter(release=release, soc_code__in=codes)
    return {(row.soc_code, row.area_name): row for row in rows}


def profile_pay(occupation, state_name: str = "", release=None) -> ProfilePay:
    release = release or PayRelease.current()
    codes = list(occupation.codes.all())
    rows = release_pay(release, [code.soc_code for code in codes])
    result = ProfilePay(release=release)
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

    result.by_code = [(code, national(code)) for code in codes if code.level == CodeLevel.DETAILED]
    first = codes[0]

    def states(code):
        return sorted(
            (
                row
                for (soc, _), row in rows.items()
                if soc == code.soc_code and row.area_type != AreaType.NATIONAL
            ),
            key=lambda row: row.area_name,
        )

    if first.level != CodeLevel.DETAILED and national(first) is not None:
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
        result.state = next(
            (row for row in result.states if same_code and row.area_name == state_name), None
        )
        result.chart_points = chart(result.national)
    return result


def chart(pay: AreaPay) -> list[PayPoint]:
    points = [point for point in AreaFigures(pay).points if point.annual is not None]
    highest = max((point.annual for point in points), default=0)
    for index, point in enumerate(points):
        point.y = index * 44
        point.width = max(2, round(CHART_BAR_MAX * point.annual / highest)) if highest else 2
    return points


def sort_states(states, order: str) -> list:
    """The state table's rows: by name (default), or by median pay, highest first."""
    if order == "median":
        return sorted(
            states,
            key=lambda row: (row.annual_median is None, -(row.annual_median or 0), row.area_name),
        )
    return sorted(states, key=lambda row: row.area_name)
