"""Turn a guide's salary bands into what the pay section shows: one chart per region and period."""

from dataclasses import dataclass, field

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
    def sources(self) -> list:
        seen = {}
        for band in self.bands:
            seen.setdefault((band.source_name, band.source_url), band)
        return [{"name": name, "url": url} for name, url in seen]


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


def headline_median(charts: list[PayChart]):
    """The median band of the first chart, for the quick-facts box (None when there is none)."""
    for chart in charts[:1]:
        for band in chart.bands:
            if band.percentile == 50:
                return band
    return None
