"""The pathway map: how a family of careers connect, laid out here and drawn by a template as
inline SVG (no JavaScript), with an ordered list of the same moves as its text equivalent.

Careers are the guides; moves are their `PathwayMove` parts. Columns follow the steps up: a
career no step leads to starts on the left, and each step up moves one column right. The hub
(the featured guide) gets a column of its own after the ways in, so the careers beside it fan
into it. `layout()` works on plain objects and does no queries; `family_map()` loads them.
"""

import re
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from occupations.models import AreaPay, AreaType, PayRelease

from .models import CareerGuide, MoveKind, PathwayMove
from .selectors import attach_facts

NODE_WIDTH = 216
NODE_HEIGHT = 96
COLUMN_GAP = 84
ROW_GAP = 30
MARGIN_X = 64  # room on the left for the arcs between careers in the same column
MARGIN_Y = 72  # room above and below for moves that skip a column
TITLE_WIDTH = 26  # characters a line of a title holds at the node's font size


@dataclass(eq=False)  # identity: a node is one career on one map
class Node:
    guide: object
    median: Decimal | None = None
    top_coded: bool = False
    education: str = ""
    column: int = 0
    x: int = 0
    y: int = 0
    current: bool = False

    @property
    def title_lines(self) -> list[str]:
        return textwrap.wrap(self.guide.title, TITLE_WIDTH)[:2]

    @property
    def cx(self) -> int:
        return self.x + NODE_WIDTH // 2

    @property
    def cy(self) -> int:
        return self.y + NODE_HEIGHT // 2

    @property
    def right(self) -> int:
        return self.x + NODE_WIDTH

    @property
    def bottom(self) -> int:
        return self.y + NODE_HEIGHT

    @property
    def text_lines(self) -> list[tuple[int, str, str]]:
        """(y, css class, text) of each line the node shows."""
        lines = [("node-title", line) for line in self.title_lines]
        if self.median is not None:
            pay = (
                gettext("%(amount)s or more median")
                if self.top_coded
                else gettext("%(amount)s median")
            )
            lines.append(("node-pay", pay % {"amount": f"${self.median:,.0f}"}))
        if self.education:
            lines.append(("node-education", short_education(self.education)))
        top = self.cy - (len(lines) - 1) * 9
        return [(top + index * 18, kind, text) for index, (kind, text) in enumerate(lines)]


def short_education(text: str) -> str:
    """“High school diploma or equivalent (BLS)” → “High school diploma or equivalent”: the
    node has room for one line; the table under the map gives the whole text."""
    text = re.sub(r"\s*\([^)]*\)", "", text).split(",")[0].strip()
    return textwrap.shorten(text, 34, placeholder="…")


@dataclass(eq=False)
class Edge:
    number: int
    move: object
    start: Node
    end: Node
    path: str = ""
    badge: tuple[int, int] = (0, 0)

    @property
    def sideways(self) -> bool:
        return self.move.kind == MoveKind.SIDEWAYS

    def touches(self, node: Node) -> bool:
        return node in (self.start, self.end)


@dataclass
class PathwayMap:
    nodes: list[Node]
    edges: list[Edge]
    width: int = 0
    height: int = 0
    release: object = None
    current: Node | None = None
    columns: list[list[Node]] = field(default_factory=list)

    @property
    def description(self) -> str:
        titles = ", ".join(node.guide.title for node in self.nodes)
        return gettext("Map of %(moves)s moves between %(careers)s careers: %(titles)s.") % {
            "moves": len(self.edges),
            "careers": len(self.nodes),
            "titles": titles,
        }

    def entry_nodes(self) -> list[Node]:
        """Ways in: careers no step up leads to."""
        stepped_into = {e.end for e in self.edges if not e.sideways}
        return [node for node in self.nodes if node not in stepped_into]

    def edges_of(self, node: Node) -> list[Edge]:
        return [edge for edge in self.edges if edge.touches(node)]


def component(guide_ids: set, moves: list, start) -> set:
    """The careers reachable from `start` through moves in either direction."""
    neighbours: dict = {}
    for move in moves:
        neighbours.setdefault(move.guide_id, set()).add(move.to_guide_id)
        neighbours.setdefault(move.to_guide_id, set()).add(move.guide_id)
    seen, todo = {start}, [start]
    while todo:
        for other in neighbours.get(todo.pop(), ()):
            if other in guide_ids and other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def columns_of(nodes: dict, moves: list, hub_id) -> dict:
    """{guide id: column}: the longest run of steps up that leads to each career."""
    below: dict = {}
    for move in moves:
        if move.kind == MoveKind.STEP_UP:
            below.setdefault(move.to_guide_id, set()).add(move.guide_id)
    found: dict = {}

    def column(guide_id, path=()):
        if guide_id not in found:
            base = 1 if guide_id == hub_id else 0
            earlier = [
                column(g, (*path, guide_id)) for g in below.get(guide_id, ()) if g not in path
            ]
            found[guide_id] = max([base, *(c + 1 for c in earlier)])
        return found[guide_id]

    for guide_id in nodes:
        column(guide_id)
    return found


def layout(nodes: list[Node], moves: list, hub_id=None) -> PathwayMap:
    by_id = {node.guide.pk: node for node in nodes}
    moves = [m for m in moves if m.guide_id in by_id and m.to_guide_id in by_id]
    columns = columns_of(by_id, moves, hub_id if hub_id in by_id else None)
    if columns and min(columns.values()) > 0:  # no way in beside the hub: close the gap
        shift = min(columns.values())
        columns = {key: value - shift for key, value in columns.items()}
    highest_target: dict = {}
    for move in moves:
        if move.kind == MoveKind.STEP_UP:
            target = columns[move.to_guide_id]
            highest_target[move.guide_id] = max(highest_target.get(move.guide_id, 0), target)
    stacks: list[list[Node]] = [[] for _ in range(max(columns.values(), default=-1) + 1)]
    for node in nodes:
        node.column = columns[node.guide.pk]
        stacks[node.column].append(node)
    for stack in stacks:
        # Careers that step furthest go on top, so their long moves pass over the others.
        stack.sort(key=lambda n: (-highest_target.get(n.guide.pk, 0), n.guide.title))
    tallest = max((len(stack) for stack in stacks), default=0)
    pitch = NODE_HEIGHT + ROW_GAP
    for index, stack in enumerate(stacks):
        offset = (tallest - len(stack)) * pitch // 2
        for row, node in enumerate(stack):
            node.x = MARGIN_X + index * (NODE_WIDTH + COLUMN_GAP)
            node.y = MARGIN_Y + offset + row * pitch
    width = MARGIN_X + len(stacks) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP + 24
    height = 2 * MARGIN_Y + tallest * pitch - ROW_GAP
    ordered = sorted(moves, key=lambda m: (move_order(m, by_id), m.position, m.pk or 0))
    edges = [
        Edge(number, move, by_id[move.guide_id], by_id[move.to_guide_id])
        for number, move in enumerate(ordered, start=1)
    ]
    ports = allocate_ports(edges)
    for edge in edges:
        route(edge, ports)
    return PathwayMap(
        nodes=[node for stack in stacks for node in stack],
        edges=edges,
        width=width,
        height=height,
        columns=stacks,
    )


def move_order(move, by_id) -> tuple:
    """The list reads from the ways in to the top: by the column a move starts from, then the
    row, steps up before sideways moves."""
    start = by_id[move.guide_id]
    return (start.column, start.y, move.kind != MoveKind.STEP_UP, by_id[move.to_guide_id].column)


def sides(edge: Edge) -> tuple[str, str]:
    """Where the line leaves the career it starts from and reaches the other: careers in one
    column are joined on their left; the next column side to side; a longer move passes above
    (or below) the careers between and comes down on (or up to) its career."""
    a, b = edge.start, edge.end
    if a.column == b.column:
        return "left", "left"
    left, right = (a, b) if a.column < b.column else (b, a)
    if right.column - left.column == 1:
        pair = ("right", "left")
    else:
        pair = ("right", "top" if left.cy <= right.cy else "bottom")
    return pair if left is a else pair[::-1]


def allocate_ports(edges: list[Edge]) -> dict:
    """{(edge number, node): (x, y)}: the lines meeting one side of a career share it out,
    in the order that keeps them from crossing."""
    by_side: dict = {}
    for edge in edges:
        ends = sides(edge)
        for node, other, side, other_side in zip(
            (edge.start, edge.end), (edge.end, edge.start), ends, ends[::-1], strict=True
        ):
            # Lines to a career's top leave from higher up than those to its middle.
            height = {"top": other.y - 60, "bottom": other.bottom + 60}.get(other_side, other.cy)
            by_side.setdefault((id(node), side), (node, []))[1].append((edge, other, height))
    ports = {}
    for (_, side), (node, attached) in by_side.items():
        if side in ("left", "right"):
            attached.sort(key=lambda item: (item[2], item[1].x))
            x = node.x if side == "left" else node.right
            span, first = NODE_HEIGHT - 32, node.y + 16
            for index, (edge, _, _) in enumerate(attached):
                y = first + span * (index + 1) / (len(attached) + 1)
                ports[(edge.number, id(node))] = (x, round(y))
        else:
            # The move from furthest away arrives furthest right, above (or below) the others.
            far = (lambda o: o.cy) if side == "top" else (lambda o: -o.cy)
            attached.sort(key=lambda item: (-far(item[1]), item[1].x))
            y = node.y if side == "top" else node.bottom
            span, first = NODE_WIDTH - 48, node.x + 24
            for index, (edge, _, _) in enumerate(attached):
                x = (
                    first + span * index / max(len(attached) - 1, 1)
                    if len(attached) > 1
                    else node.cx - 40
                )
                ports[(edge.number, id(node))] = (round(x), y)
    return ports


def route(edge: Edge, ports: dict) -> Edge:
    """A cubic Bézier between the two ports, and where its number sits (the curve's midpoint)."""
    a, b = edge.start, edge.end
    start, end = ports[(edge.number, id(a))], ports[(edge.number, id(b))]
    side_a, side_b = sides(edge)
    if side_a == side_b == "left":
        bend = 36 + 8 * abs(a.y - b.y) // (NODE_HEIGHT + ROW_GAP)
        points = [start, (start[0] - bend, start[1]), (end[0] - bend, end[1]), end]
    elif {side_a, side_b} == {"left", "right"}:
        mid = (start[0] + end[0]) / 2
        points = [start, (mid, start[1]), (mid, end[1]), end]
    else:
        # One end is on a side (the career nearer the ways in), the other on a top or bottom.
        side_point, flat_point = (start, end) if side_a == "right" else (end, start)
        flat_side = side_b if side_a == "right" else side_a
        if flat_side == "top":
            level = min(side_point[1], flat_point[1]) - 56
        else:
            level = max(side_point[1], flat_point[1]) + 56
        near = [side_point, (side_point[0] + 60, level), (flat_point[0], level), flat_point]
        points = near if side_a == "right" else near[::-1]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    edge.path = f"M{x0:g},{y0:g} C{x1:g},{y1:g} {x2:g},{y2:g} {x3:g},{y3:g}"
    edge.badge = (round((x0 + 3 * x1 + 3 * x2 + x3) / 8), round((y0 + 3 * y1 + 3 * y2 + y3) / 8))
    return edge


def family_map(user, around=None) -> PathwayMap | None:
    """The map of the careers connected to `around` (a guide), or to the featured guide; None
    when that career has no moves. Six queries (the guides and their facts, the moves,
    the release, the pay), however many careers there are."""
    guides = {
        guide.pk: guide
        for guide in attach_facts(
            CareerGuide.objects.visible_to(user).only(
                "title", "slug", "occupation", "detailed_code", "featured", "status", "publish_at"
            )
        )
    }
    moves = list(
        PathwayMove.objects.filter(guide__in=guides, to_guide__in=guides).order_by("position", "pk")
    )
    hub = next((g.pk for g in guides.values() if g.featured), None)
    start = around.pk if around is not None else hub
    if start is None:
        return None
    members = component(set(guides), moves, start)
    if len(members) < 2:
        return None
    release = PayRelease.current()
    codes = {guides[pk].facts.pay_code for pk in members} - {""}
    pays = {}
    if release is not None and codes:
        rows = AreaPay.objects.filter(
            release=release, area_type=AreaType.NATIONAL, soc_code__in=codes
        ).only("soc_code", "annual_median", "top_coded")
        pays = {row.soc_code: row for row in rows}
    nodes = []
    for pk in members:
        guide = guides[pk]
        pay = pays.get(guide.facts.pay_code)
        nodes.append(
            Node(
                guide=guide,
                median=pay.annual_median if pay else None,
                top_coded=bool(pay and "annual_median" in pay.top_coded),
                education=(
                    gettext("%(education)s (for the whole group)")
                    % {"education": guide.facts.education}
                    if guide.facts.education_is_the_groups
                    else guide.facts.education
                ),
                current=around is not None and pk == around.pk,
            )
        )
    nodes.sort(key=lambda node: node.guide.title)
    result = layout(nodes, moves, hub)
    result.release = release
    result.current = next((node for node in result.nodes if node.current), None)
    return result
