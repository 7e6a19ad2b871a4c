"""Lays out the governance model: bodies in rows, each below the bodies it reports to."""

from dataclasses import dataclass

import networkx as nx

BOX_WIDTH, BOX_HEIGHT, GAP_X, GAP_Y, MARGIN = 170, 58, 20, 70, 20
CHARS_PER_LINE = 22
LINE_HEIGHT = 16


@dataclass(frozen=True)
class Box:
    key: int
    label_lines: tuple[str, ...]
    x: int
    y: int
    focus: bool

    @property
    def centre_x(self):
        return self.x + BOX_WIDTH // 2

    @property
    def label_rows(self):
        """(y, text) for each line of the name, centred in the box."""
        first = self.y + BOX_HEIGHT // 2 - (len(self.label_lines) - 1) * LINE_HEIGHT // 2
        return [(first + index * LINE_HEIGHT, text) for index, text in enumerate(self.label_lines)]


@dataclass(frozen=True)
class Line:
    x1: int
    y1: int
    x2: int
    y2: int
    alongside: bool


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    boxes: tuple[Box, ...]
    lines: tuple[Line, ...]
    box_width: int = BOX_WIDTH
    box_height: int = BOX_HEIGHT


def wrap(label, width=CHARS_PER_LINE):
    lines, current = [], ""
    for word in label.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    lines.append(current)
    return tuple(lines[:3])


def layout(bodies, upward, alongside, focus=None):
    """bodies: [(key, name)]; upward: [(from, to)] where `from` reports or refers to `to`;
    alongside: [(a, b)] drawn side by side. Returns a Diagram in SVG user units."""
    graph = nx.DiGraph()
    graph.add_nodes_from(key for key, _ in bodies)
    graph.add_edges_from(upward)
    # Reporting can go round in a circle (Cabinet asks Council, Council refers back):
    # rows are worked out on the condensation, which has no cycles.
    condensed = nx.condensation(graph)
    depth = {}
    for component in reversed(list(nx.topological_sort(condensed))):
        above = [depth[next_] for next_ in condensed.successors(component)]
        depth[component] = 1 + max(above) if above else 0
    row_of = {node: depth[condensed.graph["mapping"][node]] for node in graph.nodes}
    for a, b in alongside:
        # A body that only works alongside another sits in that body's row.
        if a in row_of and b in row_of and graph.degree(b) == 0:
            row_of[b] = row_of[a]
        elif a in row_of and b in row_of and graph.degree(a) == 0:
            row_of[a] = row_of[b]

    names = dict(bodies)
    rows = {}
    for key, _ in bodies:
        rows.setdefault(row_of[key], []).append(key)
    widest = max((len(keys) for keys in rows.values()), default=1)
    width = 2 * MARGIN + widest * BOX_WIDTH + (widest - 1) * GAP_X
    boxes = {}
    for row, keys in sorted(rows.items()):
        keys.sort(key=lambda k: names[k].lower())
        if focus in keys:
            # The body the model is about stands in the middle of its row.
            keys.remove(focus)
            keys.insert(len(keys) // 2, focus)
        row_width = len(keys) * BOX_WIDTH + (len(keys) - 1) * GAP_X
        start = (width - row_width) // 2
        for index, key in enumerate(keys):
            boxes[key] = Box(
                key=key,
                label_lines=wrap(names[key]),
                x=start + index * (BOX_WIDTH + GAP_X),
                y=MARGIN + row * (BOX_HEIGHT + GAP_Y),
                focus=key == focus,
            )
    lines = []
    for a, b in upward:
        lines.append(_side_line(boxes[a], boxes[b], alongside=False))
    for a, b in alongside:
        lines.append(_side_line(boxes[a], boxes[b], alongside=True))
    height = 2 * MARGIN + (max(rows, default=0) + 1) * (BOX_HEIGHT + GAP_Y) - GAP_Y
    return Diagram(width, height, tuple(boxes.values()), tuple(lines))


def _side_line(source, target, alongside):
    """Joins two boxes that are not one above the other, keeping the direction of travel."""
    if source.y == target.y:
        y = source.y + BOX_HEIGHT // 2
        if source.x < target.x:
            return Line(source.x + BOX_WIDTH, y, target.x, y, alongside)
        return Line(source.x, y, target.x + BOX_WIDTH, y, alongside)
    if source.y < target.y:
        return Line(source.centre_x, source.y + BOX_HEIGHT, target.centre_x, target.y, alongside)
    return Line(source.centre_x, source.y, target.centre_x, target.y + BOX_HEIGHT, alongside)
