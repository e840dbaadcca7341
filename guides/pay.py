"""Turn a guide's salary bands into what the pay section shows: one chart per region and period."""

import calendar
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache

from core.content_version import content_version

from .models import SalaryBand

CHART_BAR_MAX = 260  # SVG user units for the widest bar (the chart is 480 wide)
CHART_ROW_HEIGHT = 44


@dataclass
class PayBar:
    band: object
    y: int
    width: int


@dataclass
class PayChart:
    region: str
    reference_period: str
    bands: list = field(default_factory=list)
    bars: list = field(default_factory=list)

    @property
    def height(self) -> int:
        return CHART_ROW_HEIGHT * len(self.bands) + 8

    @property
    def has_hourly(self) -> bool:
        return any(band.hourly_amount is not None for band in self.bands)

    @property
    def sources(self) -> list:
        """Each publisher once (the first link given for it), in the order of the bands."""
        seen = {}
        for band in self.bands:
            seen.setdefault(band.source_name, band.source_url)
        return [{"name": name, "url": url} for name, url in seen.items()]


def pay_charts(bands) -> list[PayChart]:
    """Group bands by (region, period) in the editor's order; bars scaled to the highest pay."""
    charts: dict[tuple[str, str], PayChart] = {}
    for band in bands:
        key = (band.region, band.reference_period)
        charts.setdefault(key, PayChart(region=band.region, reference_period=band.reference_period))
        charts[key].bands.append(band)
    highest = max((band.annual_amount for band in bands), default=0)
    for chart in charts.values():
        chart.bands.sort(key=lambda band: band.percentile)
        chart.bars = [
            PayBar(
                band=band,
                y=index * CHART_ROW_HEIGHT,
                width=max(2, round(CHART_BAR_MAX * band.annual_amount / highest)) if highest else 2,
            )
            for index, band in enumerate(chart.bands)
        ]
    return list(charts.values())


# The pay explorer: national figures, one state beside them, and how pay changed. -------------

NATIONAL_REGION = "United States"
MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def period_order(period: str) -> tuple[int, int, str]:
    """ "May 2024" → (2024, 5, …), so periods sort by time; unrecognised ones sort first."""
    words = period.replace(",", " ").split()
    year = next((int(word) for word in reversed(words) if word.isdigit() and len(word) == 4), 0)
    month = next((MONTHS[word.title()] for word in words if word.title() in MONTHS), 0)
    return (year, month, period)


@dataclass
class PayChange:
    """The median of the main region in its two latest periods."""

    earlier: object
    later: object

    @property
    def percent(self) -> Decimal:
        change = (self.later.annual_amount - self.earlier.annual_amount) * 100
        return abs(change / self.earlier.annual_amount).quantize(Decimal("0.1"))

    @property
    def direction(self) -> str:
        if self.later.annual_amount == self.earlier.annual_amount:
            return "unchanged"
        return "rose" if self.later.annual_amount > self.earlier.annual_amount else "fell"


@dataclass
class ComparisonRow:
    percentile: int
    main: object = None
    state: object = None


@dataclass
class PayExplorer:
    main: PayChart | None = None
    state: PayChart | None = None
    states: list[str] = field(default_factory=list)
    history: list[PayChart] = field(default_factory=list)
    change: PayChange | None = None

    @property
    def headline_median(self):
        return _median(self.main)

    @property
    def history_percentiles(self) -> list[int]:
        return sorted({band.percentile for chart in self.history for band in chart.bands})

    @property
    def history_rows(self) -> list[tuple[int, list]]:
        """One row per percentile, one cell per period (oldest first; None where it is missing).

        Percentiles as rows keep the table narrow enough for a phone whatever the number of
        percentiles; there are only ever a few periods.
        """
        by_period = [{band.percentile: band for band in chart.bands} for chart in self.history]
        return [
            (percentile, [bands.get(percentile) for bands in by_period])
            for percentile in self.history_percentiles
        ]

    @property
    def comparison(self) -> list[ComparisonRow]:
        if not (self.main and self.state):
            return []
        rows: dict[int, ComparisonRow] = {}
        for band in self.main.bands:
            rows.setdefault(band.percentile, ComparisonRow(band.percentile)).main = band
        for band in self.state.bands:
            rows.setdefault(band.percentile, ComparisonRow(band.percentile)).state = band
        return [rows[percentile] for percentile in sorted(rows)]


def pay_explorer(bands, state: str = "") -> PayExplorer:
    """The latest national chart, the chosen state's latest chart beside it, and the history."""
    charts = pay_charts(bands)
    if not charts:
        return PayExplorer()
    main = main_region(charts)
    history = sorted(
        (chart for chart in charts if chart.region == main),
        key=lambda chart: period_order(chart.reference_period),
    )
    state_charts = [chart for chart in charts if chart.region == state and state != main]
    change = None
    if len(history) > 1:
        earlier, later = _median(history[-2]), _median(history[-1])
        change = PayChange(earlier, later) if earlier and later else None
    return PayExplorer(
        main=history[-1],
        state=max(state_charts, key=lambda c: period_order(c.reference_period), default=None),
        states=pay_states(bands),
        history=history if len(history) > 1 else [],
        change=change,
    )


def main_region(charts_or_bands) -> str:
    """The United States when the guide has national figures; otherwise the first region (for
    guides about other countries). Every other region is a state a visitor can pick."""
    regions = [item.region for item in charts_or_bands]
    return NATIONAL_REGION if NATIONAL_REGION in regions else regions[0]


def pay_states(bands) -> list[str]:
    if not bands:
        return []
    main = main_region(bands)
    return sorted({band.region for band in bands if band.region != main})


def _median(chart):
    if chart is None:
        return None
    return next((band for band in chart.bands if band.percentile == 50), None)


def known_regions() -> frozenset[str]:
    """Every region with pay figures, cached per content version (cheap cache-key checks)."""
    key = f"pay-regions:{content_version()}"
    regions = cache.get(key)
    if regions is None:
        regions = frozenset(SalaryBand.objects.values_list("region", flat=True).distinct())
        cache.set(key, regions)
    return regions
