"""Layouts of the network views: stable, packed by component, fast enough to reuse; and the
labels that fit."""

from __future__ import annotations

import subprocess
import sys

import networkx as nx

from kzgraph import layout


def test_layout_positions_every_node_and_is_stable():
    G = nx.les_miserables_graph()
    G.add_edges_from([("island-a", "island-b"), ("island-b", "island-c")])
    G.add_node("alone")
    first = layout.layout(G)
    assert set(first) == set(G) and all(isinstance(c, int) for p in first.values() for c in p)
    assert layout.layout(G) == first
    code = ("import networkx as nx; from kzgraph import layout; G = nx.les_miserables_graph(); "
            "G.add_edges_from([('island-a', 'island-b'), ('island-b', 'island-c')]); G.add_node('alone'); "
            "print(sorted(layout.layout(G).items()))")
    other_process = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other_process.stdout.strip() == str(sorted(first.items()))


def test_layout_shelves_small_components_under_the_largest():
    G = nx.les_miserables_graph()
    G.add_edge("island-a", "island-b")
    pos = layout.layout(G)
    giant_bottom = max(pos[n][1] for n in nx.les_miserables_graph())
    assert min(pos["island-a"][1], pos["island-b"][1]) > giant_bottom
    assert pos["island-a"] != pos["island-b"]


def test_layout_large_components_use_the_force_directed_layout():
    G = nx.barabasi_albert_graph(layout.KAMADA_KAWAI_LIMIT + 200, 2, seed=1)
    G = nx.relabel_nodes(G, {n: f"n{n}" for n in G})
    pos = layout.layout(G)
    assert len(set(pos.values())) > 0.95 * G.number_of_nodes()  # nodes are spread, not stacked
    radius = max(abs(c) for p in pos.values() for c in p)
    assert radius <= layout._radius(G.number_of_nodes()) + 1


def test_layout_label_zooms_reveal_labels_by_priority_without_overlaps():
    positions = {"a": (0, 0), "b": (5, 12), "c": (400, 0), "d": (3, 2)}
    labels = {"a": "Kazakhstan", "b": "Kyrgyzstan", "c": "Norway", "d": "Uzbekistan"}
    priority = {"a": 0.1, "b": 0.5, "c": 0.05, "d": 0.01}
    zooms = layout.label_zooms(positions, labels, priority, scale=1.0)
    # b outranks a, whose label b's covers until a's, smaller, fits above it at 2x zoom;
    # c is far away; d sits on a and shows only on hover
    assert zooms == {"a": 2, "b": 1, "c": 1, "d": layout.ZOOM_LEVELS[-1] * 2}
    spread = layout.label_zooms({k: (x * 30, y * 30) for k, (x, y) in positions.items()},
                                labels, priority, scale=1.0)
    assert set(spread.values()) == {1}


def test_layout_label_font_size_shows_from_its_zoom():
    scale = 0.1
    assert layout.label_font_size(1, scale) * scale == layout.LABEL_PX
    for zoom in layout.ZOOM_LEVELS[1:]:
        size = layout.label_font_size(zoom, scale)
        assert abs(size * scale * zoom - layout.LABEL_MIN_PX) < 0.01  # drawn from this zoom on
        assert size * scale * zoom / 2 < layout.LABEL_MIN_PX - 1  # hidden at half of it


def test_layout_fit_scale_follows_the_extent():
    assert layout.fit_scale({}) == 1.0
    assert layout.fit_scale({"a": (0, 0), "b": (100, 0)}) == 1.0
    wide = layout.fit_scale({"a": (0, 0), "b": (9900 - 2 * int(layout.LAYOUT_UNIT), 0)})
    assert abs(wide - 0.1) < 1e-9
