"""The pathway map: /careers/pathway-map/ and the panel on each family guide."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from guides.models import CareerGuide, MoveKind, PathwayMove
from guides.pathway_map import NODE_HEIGHT, NODE_WIDTH, Node, layout, short_education
from occupations.models import (
    AreaPay,
    AreaType,
    CodeLevel,
    EntryEducation,
    OccupationCode,
    PayRelease,
)
from tests.conftest import forget_everything_cached, soup
from tests.factories import CareerGuideFactory, PathwayMoveFactory
from tests.family_pages import FAMILY

pytestmark = pytest.mark.django_db

MAP = "/careers/pathway-map/"


def group_line(guide):
    """For a guide on one occupation inside a group's profile: that occupation's line."""
    return OccupationCode.objects.select_related("occupation").get(
        soc_code=guide.detailed_code, level=CodeLevel.DETAILED
    )


def national_median(guide):
    """The national median of the guide's code: its profile's headline code, or its line's."""
    code = guide.detailed_code or guide.occupation.pay_code
    row = AreaPay.objects.get(
        release=PayRelease.current(), area_type=AreaType.NATIONAL, soc_code=code
    )
    return f"${row.annual_median:,.0f}"


def education(guide):
    """The entry education the map gives: its profile's, or its group's, labelled as such."""
    if guide.occupation is not None:
        return guide.occupation.get_entry_education_display()
    return group_line(guide).occupation.get_entry_education_display() + " (for the whole group)"


def test_the_map_draws_all_seven_careers_as_links_with_pay_and_education(client, seeded):
    page = soup(client.get(MAP))
    svg = page.find("svg", class_="pathway-map")
    assert svg["role"] == "group"
    assert svg.find("title").text.startswith("Map of")
    for slug in FAMILY:
        guide = CareerGuide.objects.get(slug=slug)
        node = svg.find("a", href=guide.get_absolute_url())
        assert node is not None, slug
        texts = [t.text for t in node.find_all("text")]
        assert f"{national_median(guide)} median" in texts, (slug, texts)
        assert texts[-1] == short_education(education(guide)), (slug, texts)
        assert education(guide).startswith(texts[-1].rstrip("…"))


def test_the_map_reads_each_careers_education_from_the_handbook(client, seeded):
    """One fact, one place: change a profile's education and the map follows, for a guide on
    the profile and for one on an occupation inside a group's profile alike."""
    flagship = CareerGuide.objects.get(slug="medical-records-specialist")
    secretary = CareerGuide.objects.get(slug="medical-secretary")
    for profile in (flagship.occupation, group_line(secretary).occupation):
        assert profile.entry_education != EntryEducation.ASSOCIATES
        profile.entry_education = EntryEducation.ASSOCIATES
        profile.save()

    page = soup(client.get(MAP))

    table = page.find("h2", string="The careers on the map").find_next("table")
    rows = {row.th.text.strip(): row.find_all("td")[-1].text.strip() for row in table.tbody("tr")}
    associates = str(EntryEducation.ASSOCIATES.label)
    assert rows[flagship.title] == associates
    assert rows[secretary.title] == f"{associates} (for the whole group)"
    svg = page.find("svg", class_="pathway-map")
    for guide in (flagship, secretary):
        node = svg.find("a", href=guide.get_absolute_url())
        assert node.find_all("text")[-1].text == short_education(associates)


def test_the_map_has_no_script_and_one_numbered_line_per_move(client, seeded):
    response = client.get(MAP)
    page = soup(response)
    assert not page.find("script", src=True)
    moves = PathwayMove.objects.count()
    assert moves >= 13
    badges = page.select("svg.pathway-map g[aria-hidden] text")
    assert sorted(int(b.text) for b in badges) == list(range(1, moves + 1))
    assert len(page.select("svg.pathway-map g[aria-hidden] path")) == moves
    assert len(page.select("ol.pathway-moves > li")) == moves


def test_the_text_equivalent_says_each_move_what_it_takes_and_its_source(client, seeded):
    page = soup(client.get(MAP))
    items = page.select("ol.pathway-moves > li")
    for move in PathwayMove.objects.select_related("guide", "to_guide"):
        item = next(
            li
            for li in items
            if li.find("a", href=move.guide.get_absolute_url())
            and li.find("a", href=move.to_guide.get_absolute_url())
        )
        assert move.what_it_takes in item.text
        assert item.find("a", href=move.source_url).text == move.source_name
        kind = "Sideways" if move.kind == MoveKind.SIDEWAYS else "Step up"
        assert item.find("strong").text == kind
    # Numbers on the drawing match the list's.
    assert [li["value"] for li in items] == [str(n) for n in range(1, len(items) + 1)]


def test_ways_in_are_the_careers_no_step_up_leads_to(client, seeded):
    page = soup(client.get(MAP))
    ways_in = page.find("h2", string="Ways in").find_parent("section")
    linked = {a.text for a in ways_in.find_all("a")}
    assert "Medical Records Specialist" in linked
    assert "Medical Assistant" in linked
    assert "Health Information Technologist" not in linked  # a step up from records
    assert "Medical and Health Services Manager" not in linked


def test_the_careers_table_gives_each_median_with_its_release(client, seeded):
    page = soup(client.get(MAP))
    table = page.find("h2", string="The careers on the map").find_next("table")
    assert PayRelease.current().name in table.caption.text
    rows = {row.th.text.strip(): row for row in table.tbody.find_all("tr")}
    for slug in FAMILY:
        guide = CareerGuide.objects.get(slug=slug)
        assert national_median(guide) in rows[guide.title].text
        # The whole education text, where the drawing has room for a shortened one.
        assert rows[guide.title].find_all("td")[-1].text.strip() == education(guide), slug


def test_every_move_rests_on_the_handbooks_own_statements(seeded):
    """Each move cites the handbook page of one of its two careers (an advancement statement,
    or the managers page naming where managers start); a sideways move links careers one of
    whose pages lists the other as a similar occupation."""
    for move in PathwayMove.objects.select_related("guide", "to_guide"):
        a, b = profile_of(move.guide), profile_of(move.to_guide)
        assert move.source_url in {a.ooh_url, b.ooh_url}, move
        if move.kind == MoveKind.SIDEWAYS:
            similar = set(a.similar_links.values_list("similar__slug", flat=True)) | set(
                b.similar_links.values_list("similar__slug", flat=True)
            )
            assert {a.slug, b.slug} & similar, move


def profile_of(guide):
    return guide.occupation or group_line(guide).occupation


@pytest.mark.parametrize("slug", FAMILY)
def test_each_family_guide_has_the_panel_with_itself_marked(client, seeded, slug):
    guide = CareerGuide.objects.get(slug=slug)
    page = soup(client.get(guide.get_absolute_url()))
    panel = page.find("section", id="pathway-map")
    assert panel is not None
    current = panel.select("a.pathway-node-current")
    assert [a["href"] for a in current] == [guide.get_absolute_url()]
    own = PathwayMove.objects.filter(guide=guide) | PathwayMove.objects.filter(to_guide=guide)
    assert len(panel.select("ol.pathway-moves > li")) == own.count() > 0
    assert panel.find("a", href=MAP)
    assert page.find("nav", class_="toc").find("a", href="#pathway-map")


def test_a_guide_without_moves_has_no_panel(client, seeded):
    lonely = CareerGuideFactory()
    page = soup(client.get(lonely.get_absolute_url()))
    assert page.find("section", id="pathway-map") is None


def test_a_draft_career_is_left_off_the_map_for_visitors_but_shown_to_staff(staff_client, seeded):
    CareerGuide.objects.filter(slug="medical-assistant").update(status="draft")
    href = "/careers/medical-assistant/"
    assert soup(Client().get(MAP)).find("svg", class_="pathway-map").find("a", href=href) is None
    assert soup(staff_client.get(MAP)).find("svg", class_="pathway-map").find("a", href=href)


def test_without_a_featured_guide_the_map_page_says_so(client, db):
    page = soup(client.get(MAP))
    assert page.find("svg", class_="pathway-map") is None
    assert "No careers are connected" in page.text


def test_the_map_page_costs_the_same_queries_however_many_careers(client, seeded):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MAP).status_code == 200
        return len(captured)

    before = queries()
    hub = CareerGuide.objects.get(featured=True)
    for _ in range(5):
        PathwayMoveFactory(guide=hub, kind=MoveKind.SIDEWAYS)
    forget_everything_cached()
    assert queries() == before


def test_the_map_is_in_the_sitemap(client, seeded):
    assert "/careers/pathway-map/" in client.get("/sitemap-sections.xml").content.decode()


# Layout, on plain objects.


class G:
    def __init__(self, pk, title, featured=False):
        self.pk, self.title, self.featured = pk, title, featured


class M:
    def __init__(self, pk, start, end, kind=MoveKind.STEP_UP):
        self.pk, self.guide_id, self.to_guide_id, self.kind, self.position = pk, start, end, kind, 0


def test_columns_follow_steps_up_and_the_hub_stands_after_the_ways_in():
    guides = [G(1, "Hub"), G(2, "Up one"), G(3, "Up two"), G(4, "Beside"), G(5, "Also beside")]
    moves = [
        M(1, 1, 2),
        M(2, 2, 3),
        M(3, 1, 3),
        M(4, 4, 1, MoveKind.SIDEWAYS),
        M(5, 5, 3),
    ]
    result = layout([Node(g) for g in guides], moves, hub_id=1)
    columns = {node.guide.title: node.column for node in result.nodes}
    assert columns == {"Beside": 0, "Also beside": 0, "Hub": 1, "Up one": 2, "Up two": 3}
    # No two careers overlap; all sit inside the drawing.
    boxes = [(n.x, n.y) for n in result.nodes]
    assert len(set(boxes)) == len(boxes)
    for node in result.nodes:
        assert node.x >= 0
        assert node.x + NODE_WIDTH <= result.width
        assert node.y >= 0
        assert node.y + NODE_HEIGHT <= result.height
    for edge in result.edges:
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", edge.path)]
        xs, ys = numbers[::2], numbers[1::2]
        assert 0 <= min(xs) <= max(xs) <= result.width, edge.path
        assert 0 <= min(ys) <= max(ys) <= result.height, edge.path
    # The list reads from the ways in to the top.
    assert [e.start.column for e in result.edges] == sorted(e.start.column for e in result.edges)


def test_a_step_up_cycle_does_not_loop_forever():
    guides = [G(1, "A"), G(2, "B")]
    result = layout([Node(g) for g in guides], [M(1, 1, 2), M(2, 2, 1)])
    assert len(result.nodes) == 2
