"""The tile map of pay by state: its layout, its colour steps, its contrast and its markup.

No database: the map takes plain objects, so SimpleNamespace rows stand in for AreaPay.
"""

import itertools
import re
from decimal import Decimal
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from occupations.state_map import LAYOUT, MISSING_FILL, NAMES, PALETTE, state_map, text_colour

TERRITORIES = {"PR", "GU", "VI"}
STATES_AND_DC = set(LAYOUT) - TERRITORIES


def row(postal, median, name=None):
    return SimpleNamespace(
        postal=postal,
        area_name=name or NAMES.get(postal, postal),
        annual_median=None if median is None else Decimal(median),
    )


def every_area(missing=()):
    """One row per area, pay rising in postal order (AK lowest, WY highest), bar `missing`."""
    return [
        row(postal, None if postal in missing else 30000 + 1000 * index)
        for index, postal in enumerate(sorted(LAYOUT))
    ]


def link(postal):
    return f"/pay/{postal.lower()}/"


def luminance(colour):
    # Written out again here, not imported, so a slip in the module's formula cannot pass.
    def linear(channel):
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first, second):
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_layout_places_the_fifty_states_dc_and_three_territories_once_each():
    assert len(LAYOUT) == 54
    assert len(STATES_AND_DC) == 51
    assert set(LAYOUT) >= TERRITORIES
    assert len(set(LAYOUT.values())) == 54
    assert all(0 <= col < 12 and 0 <= line < 9 for col, line in LAYOUT.values())
    assert all(LAYOUT[postal][1] <= 7 for postal in STATES_AND_DC)


def test_tiles_cover_every_area_without_overlapping_and_fit_the_view_box():
    result = state_map(every_area(), link)
    assert sorted(tile.postal for tile in result.tiles) == sorted(LAYOUT)
    for one, other in itertools.combinations(result.tiles, 2):
        apart = (
            one.x + one.size <= other.x
            or other.x + other.size <= one.x
            or one.y + one.size <= other.y
            or other.y + other.size <= one.y
        )
        assert apart, (one.postal, other.postal)
    for tile in result.tiles:
        assert tile.x >= 0
        assert tile.x + tile.size <= result.width
        assert tile.y >= 0
        assert tile.y + tile.size <= result.height


def test_neighbours_sit_next_to_each_other():
    tiles = {tile.postal: tile for tile in state_map(every_area(), link).tiles}
    assert tiles["OR"].y == tiles["NV"].y
    assert tiles["OR"].x < tiles["NV"].x
    assert tiles["WA"].x == tiles["OR"].x == tiles["CA"].x
    assert tiles["ME"].x > tiles["NY"].x > tiles["CA"].x
    assert tiles["TX"].y > tiles["OK"].y > tiles["KS"].y


def test_legend_has_five_rising_steps_and_every_figure_falls_in_exactly_one():
    result = state_map(every_area(), link)
    legend = result.legend
    assert [step.fill for step in legend] == list(PALETTE)
    for step in legend:
        assert step.low <= step.high
    for lower, upper in itertools.pairwise(legend):
        assert lower.high < upper.low
    for tile in result.tiles:
        holding = [i for i, step in enumerate(legend) if step.low <= tile.median <= step.high]
        assert holding == [tile.step]
        assert tile.fill == legend[tile.step].fill


def test_steps_hold_about_a_fifth_of_the_areas_each():
    result = state_map(every_area(), link)
    counts = [sum(tile.step == i for tile in result.tiles) for i in range(5)]
    assert sum(counts) == 54
    assert max(counts) - min(counts) <= 1


def test_legend_labels_give_the_range_in_whole_dollars():
    legend = state_map(every_area(), link).legend
    assert legend[0].label == "$30,000–$40,000"
    assert legend[-1].label == "$74,000–$83,000"


def test_highest_pay_gets_the_darkest_step_and_lowest_the_lightest():
    figures = [row(postal, 50000) for postal in sorted(LAYOUT)]
    figures[sorted(LAYOUT).index("CA")] = row("CA", 91000)
    figures[sorted(LAYOUT).index("MS")] = row("MS", 31000)
    for position, figure in enumerate(figures):
        figure.annual_median += position  # distinct values, so all five steps are used
    result = state_map(figures, link)
    assert result.highest.postal == "CA"
    assert result.lowest.postal == "MS"
    assert result.highest.step == len(result.legend) - 1
    assert result.highest.fill == PALETTE[-1]
    assert result.lowest.step == 0
    assert result.lowest.fill == PALETTE[0]


def test_every_label_colour_contrasts_at_least_four_and_a_half_to_one():
    result = state_map(every_area(missing={"GU", "VI"}), link)
    for tile in result.tiles:
        assert tile.text_fill in {"#000000", "#ffffff"}
        assert contrast(tile.fill, tile.text_fill) >= 4.5, tile.postal
    # And fills beyond this data's: mid greys are where black and white come closest.
    for fill in (*PALETTE, MISSING_FILL, "#777777", "#767676", "#808080"):
        assert contrast(fill, text_colour(fill)) >= 4.5, fill


def test_missing_figures_are_grey_say_no_estimate_and_are_listed():
    result = state_map(every_area(missing={"GU", "VI", "WY"}), link)
    tiles = {tile.postal: tile for tile in result.tiles}
    for postal in ("GU", "VI", "WY"):
        assert tiles[postal].fill == MISSING_FILL
        assert tiles[postal].step is None
        assert tiles[postal].median is None
        assert tiles[postal].text_fill == "#000000"
    assert tiles["GU"].label == "GU (Guam): no estimate published"
    assert result.missing == ["Guam", "Virgin Islands", "Wyoming"]
    assert result.highest.postal == "WV"


def test_an_area_left_out_of_the_data_still_gets_a_named_grey_tile():
    figures = [figure for figure in every_area() if figure.postal != "PR"]
    tiles = {tile.postal: tile for tile in state_map(figures, link).tiles}
    assert tiles["PR"].fill == MISSING_FILL
    assert tiles["PR"].label == "PR (Puerto Rico): no estimate published"


def test_labels_name_the_area_and_its_median():
    figures = [row("CA", "61810.00", "California"), row("TX", "45000")]
    tiles = {tile.postal: tile for tile in state_map(figures, link).tiles}
    assert tiles["CA"].label == "CA (California): median $61,810 a year"
    assert tiles["CA"].name == "California"
    assert tiles["CA"].median == Decimal("61810.00")


def test_the_nation_is_ignored():
    figures = [*every_area(), row("US", 1_000_000, "United States")]
    result = state_map(figures, link)
    assert "US" not in {tile.postal for tile in result.tiles}
    assert result.highest.median < 1_000_000
    assert state_map([row("US", 50000), row("CA", 60000)], link) is None


@pytest.mark.parametrize(
    "figures",
    [
        [],
        [row("CA", 60000)],
        [row("CA", 60000), row("TX", None), row("US", 50000)],
    ],
)
def test_fewer_than_two_areas_with_a_median_gives_no_map(figures):
    assert state_map(figures, link) is None


def test_two_areas_still_use_the_lightest_and_darkest_colours():
    result = state_map([row("CA", 60000), row("TX", 50000)], link)
    assert [step.fill for step in result.legend] == [PALETTE[0], PALETTE[-1]]
    assert result.lowest.postal == "TX"
    assert result.lowest.fill == PALETTE[0]
    assert result.highest.postal == "CA"
    assert result.highest.fill == PALETTE[-1]


def test_equal_medians_share_a_step():
    figures = [row(postal, 50000) for postal in ("CA", "TX", "NY", "FL")] + [row("WA", 70000)]
    result = state_map(figures, link)
    tiles = {tile.postal: tile for tile in result.tiles}
    assert len({tiles[postal].step for postal in ("CA", "TX", "NY", "FL")}) == 1
    assert tiles["WA"].step == len(result.legend) - 1
    assert result.legend[0].label == "$50,000"


def test_two_figures_for_one_area_are_refused():
    with pytest.raises(ValueError, match="CA"):
        state_map([row("CA", 60000), row("CA", 61000), row("TX", 50000)], link)


def test_href_is_asked_for_every_tile():
    asked = []

    def href(postal):
        asked.append(postal)
        return link(postal)

    result = state_map(every_area(missing={"GU"}), href)
    assert sorted(asked) == sorted(LAYOUT)
    assert all(tile.href == link(tile.postal) for tile in result.tiles)


def test_the_same_figures_give_the_same_map_in_any_order():
    figures = every_area(missing={"VI"})
    assert state_map(figures, link) == state_map(list(reversed(figures)), link)


def rendered(result, **context):
    html = render_to_string("occupations/includes/state_map.html", {"map": result, **context})
    return html, BeautifulSoup(html, "html.parser")


def test_template_links_every_tile_with_its_label_and_no_inline_style():
    result = state_map(every_area(missing={"GU"}), link)
    html, page = rendered(result, caption="Source: BLS OEWS, May 2024.")
    svg = page.find("figure").find("svg")
    links = svg.find_all("a")
    assert len(links) == len(result.tiles) == html.count("<a ")
    for anchor, tile in zip(links, result.tiles, strict=True):
        assert anchor["href"] == tile.href
        assert anchor["aria-label"] == tile.label
        assert anchor.find("title").get_text() == tile.label
        assert anchor.find("rect")["fill"] == tile.fill
        assert anchor.find("text")["fill"] == tile.text_fill
        assert anchor.find("text").get_text() == tile.postal
    assert "style=" not in html
    assert "<style" not in html
    assert page.find("figcaption").get_text() == "Source: BLS OEWS, May 2024."


def test_template_names_the_svg_by_its_title_and_sizes_it_by_the_view_box():
    result = state_map(every_area(), link)
    _, page = rendered(result, map_id="pay-map")
    svg = page.find("svg")
    assert svg["viewbox"] == f"0 0 {result.width} {result.height}"
    assert "role" not in svg.attrs
    title = svg.find("title", recursive=False)
    assert svg["aria-labelledby"] == title["id"] == "pay-map-title"
    assert "Alaska ($30,000)" in title.get_text()
    assert "Wyoming ($83,000)" in title.get_text()


def test_template_legend_shows_each_step_and_no_estimate_only_when_needed():
    complete = state_map(every_area(), link)
    _, page = rendered(complete)
    items = page.find("ul", class_="list-inline").find_all("li")
    assert [item.get_text(strip=True) for item in items] == [s.label for s in complete.legend]
    assert [item.find("rect")["fill"] for item in items] == list(PALETTE)
    assert page.find("figcaption") is None

    gaps = state_map(every_area(missing={"GU", "VI"}), link)
    _, page = rendered(gaps)
    last = page.find("ul", class_="list-inline").find_all("li")[-1]
    assert last.find("rect")["fill"] == MISSING_FILL
    assert last.get_text(strip=True) == "No estimate: Guam, Virgin Islands"


def test_template_ids_are_unique_and_escaped_text_stays_escaped():
    figures = [row("CA", 60000, 'Cal<i>"fornia'), row("TX", 50000)]
    html, page = rendered(state_map(figures, link))
    assert "<i>" not in html
    assert (
        page.find("a", href="/pay/ca/")["aria-label"] == 'CA (Cal<i>"fornia): median $60,000 a year'
    )
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
