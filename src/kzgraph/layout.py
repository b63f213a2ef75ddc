"""Node positions for the network views, and which labels fit on screen.

Layouts come from igraph's C core: Kamada-Kawai for components of up to
``KAMADA_KAWAI_LIMIT`` nodes (tidy stars and chains), grid Fruchterman-Reingold above that
(5,000 nodes in about a second). Each component is laid out on its own and packed: the
largest in the middle, the others shelved in rows beneath it. igraph draws its random
numbers from a generator seeded here, so a graph always gets the same positions.

Public API: :func:`layout`, :func:`fit_scale` and :func:`label_zooms`.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

import igraph
import networkx as nx

LAYOUT_SEED = 7
LAYOUT_UNIT = 75.0
"""Screen units per square root of a component's size: the radius a component gets."""
KAMADA_KAWAI_LIMIT = 300

SCREEN = (990, 800)
"""Canvas size, in pixels, that label fitting assumes (a 1280 x 800 window less the panel)."""
LABEL_PX = 13
"""Screen size of a label that fits, when the whole network is in view."""
LABEL_MIN_PX = 9
"""Screen size of a label when it first shows on zooming in (vis-network's drawThreshold:
it hides a label smaller on screen than this less one)."""
CHAR_WIDTH = 0.62
"""Width of a character as a share of the font size (sans-serif, on average)."""
ZOOM_LEVELS = (1, 2, 4, 8, 16, 32)
"""Zooms, relative to the fitted one, at which more labels are revealed."""


def layout(G: nx.Graph, *, seed: int = LAYOUT_SEED) -> dict[str, tuple[int, int]]:
    """Positions in screen units, rounded so files are stable.

    Each connected component gets a disc whose radius grows with the square root of its
    size, so small islands neither drift off nor squeeze the rest.
    """
    if G.number_of_nodes() == 0:
        return {}
    components = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    placed: dict[str, tuple[int, int]] = {}
    igraph.set_random_number_generator(random.Random(seed))
    try:
        placed.update(_component_layout(G, components[0]))
        radius = _radius(len(components[0]))
        row_width = max(2 * radius, 900.0)
        x, y, row_height = -row_width / 2, radius + 2 * LAYOUT_UNIT, 0.0
        for members in components[1:]:
            r = _radius(len(members))
            if x + 2 * r > row_width / 2 and x > -row_width / 2:
                x, y, row_height = -row_width / 2, y + row_height + LAYOUT_UNIT, 0.0
            for node, (px, py) in _component_layout(G, members).items():
                placed[node] = (round(px + x + r), round(py + y + r))
            x += 2 * r + 1.5 * LAYOUT_UNIT
            row_height = max(row_height, 2 * r)
    finally:
        igraph.set_random_number_generator(random)
    return placed


def _radius(size: int) -> float:
    return LAYOUT_UNIT * max(1.0, math.sqrt(size))


def _component_layout(G: nx.Graph, members: list[str]) -> dict[str, tuple[int, int]]:
    """One connected component centred on (0, 0) within its disc."""
    if len(members) == 1:
        return {members[0]: (0, 0)}
    index = {node: i for i, node in enumerate(members)}
    edges = sorted((min(index[a], index[b]), max(index[a], index[b])) for a, b in G.subgraph(members).edges())
    H = igraph.Graph(n=len(members), edges=edges)
    # igraph's own start positions, drawn from the seeded generator (a start squeezed into a
    # small square makes the grid algorithm 40 times slower)
    if len(members) <= KAMADA_KAWAI_LIMIT:
        coords = H.layout_kamada_kawai().coords
    else:
        coords = H.layout_fruchterman_reingold(grid=True).coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    extent = max(math.hypot(x - cx, y - cy) for x, y in coords) or 1.0
    scale = _radius(len(members)) / extent
    return {node: (round((x - cx) * scale), round((y - cy) * scale)) for node, (x, y) in zip(members, coords)}


def fit_scale(positions: dict[str, tuple[int, int]], *, screen: tuple[int, int] = SCREEN) -> float:
    """The zoom at which the whole drawing fills the screen (at most 1, as vis-network's fit)."""
    if not positions:
        return 1.0
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    width, height = max(xs) - min(xs) + 2 * LAYOUT_UNIT, max(ys) - min(ys) + 2 * LAYOUT_UNIT
    return min(1.0, screen[0] / width, screen[1] / height)


def label_zooms(positions: dict[str, tuple[int, int]], labels: dict[str, str],
                priority: dict[str, float], *, scale: float,
                radii: dict[str, float] | None = None) -> dict[str, int]:
    """For each node, the zoom (1, 2, 4, ... times the fitted `scale`) from which its label,
    drawn under the node (of radius `radii`, canvas units), overlaps no label shown by then
    (labels may cross other nodes: a hub among many neighbours keeps its name).

    Greedy by priority within each zoom level, the levels in increasing order; a node that
    fits at no level gets ZOOM_LEVELS[-1] * 2. Boxes are kept in a grid of cells, so each
    level costs about linear time in the nodes.
    """
    radii = radii or {}
    zooms: dict[str, int] = {}
    order = sorted(positions, key=lambda n: (-priority.get(n, 0.0), n))
    for zoom in ZOOM_LEVELS:
        at = scale * zoom
        cell = 8 * LABEL_PX / at
        grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = defaultdict(list)

        def box_of(node: str) -> tuple[float, float, float, float]:
            x, y = positions[node]
            px = label_px(zooms.get(node, zoom), zoom)
            half = len(labels.get(node, "")) * CHAR_WIDTH * px / at / 2
            top = y + radii.get(node, 0.0)
            return x - half, top, x + half, top + 1.4 * px / at

        def cells(box: tuple[float, float, float, float]) -> list[tuple[int, int]]:
            return [(i, j) for i in range(math.floor(box[0] / cell), math.floor(box[2] / cell) + 1)
                    for j in range(math.floor(box[1] / cell), math.floor(box[3] / cell) + 1)]

        for node in zooms:
            box = box_of(node)
            for c in cells(box):
                grid[c].append(box)
        for node in order:
            if node in zooms:
                continue
            box = box_of(node)
            spots = cells(box)
            if any(b[0] < box[2] and box[0] < b[2] and b[1] < box[3] and box[1] < b[3]
                   for c in spots for b in grid[c]):
                continue
            zooms[node] = zoom
            for c in spots:
                grid[c].append(box)
    return {node: zooms.get(node, ZOOM_LEVELS[-1] * 2) for node in positions}


def label_px(shown_from: int, zoom: int) -> float:
    """Screen size, at `zoom` times the fitted scale, of a label that shows from zoom
    `shown_from`: LABEL_PX at once for those that fit at the start, LABEL_MIN_PX when the
    others appear; labels grow with the zoom like everything drawn on the canvas."""
    first = LABEL_PX if shown_from == 1 else LABEL_MIN_PX
    return first * zoom / shown_from


def label_font_size(shown_from: int, scale: float) -> float:
    """vis-network font size (canvas units) of a label that shows from zoom `shown_from`."""
    return round(label_px(shown_from, shown_from) / (scale * shown_from), 2)
