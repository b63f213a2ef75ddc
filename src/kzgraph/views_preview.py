"""Small inline SVG previews of the views, for the index page.

A network preview draws its nodes at their positions and its heaviest edges; the timeline
preview is a bar per year (and one for undated events); the map preview puts a dot on each
state's centre, larger and blue for Kazakhstan's partners. Each is a few kilobytes at most.
"""

from __future__ import annotations

import networkx as nx

WIDTH, HEIGHT = 160, 90
MAX_EDGES = 250
MAX_NODES = 300
KIND_COLORS = {"Person": "#4e79a7", "State": "#59a14f", "Organization": "#f28e2b"}


def _svg(body: str, label: str) -> str:
    return (f'<svg class="preview" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-label="{label}">{body}</svg>')


def network_preview(G: nx.Graph, positions: dict[str, tuple[int, int]]) -> str:
    """The nodes of G (the best connected when there are many) and its heaviest edges."""
    if not positions:
        return _svg("", "empty network")
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    scale = min((WIDTH - 8) / max(max(xs) - min(xs), 1), (HEIGHT - 8) / max(max(ys) - min(ys), 1), 0.5)
    ox = (WIDTH - (max(xs) - min(xs)) * scale) / 2 - min(xs) * scale
    oy = (HEIGHT - (max(ys) - min(ys)) * scale) / 2 - min(ys) * scale

    def at(node: str) -> tuple[float, float]:
        x, y = positions[node]
        return round(x * scale + ox, 1), round(y * scale + oy, 1)

    edges = sorted(G.edges(data=True), key=lambda e: (-e[2].get("weight", 1), min(e[0], e[1]), max(e[0], e[1])))
    lines = "".join(f'<line x1="{at(a)[0]}" y1="{at(a)[1]}" x2="{at(b)[0]}" y2="{at(b)[1]}"/>'
                    for a, b, _ in edges[:MAX_EDGES])
    nodes = sorted(G, key=lambda n: (-G.degree(n), n))[:MAX_NODES]
    dots = "".join(f'<circle cx="{at(n)[0]}" cy="{at(n)[1]}" r="1.8" '
                   f'fill="{KIND_COLORS.get(G.nodes[n].get("kind"), "#9c755f")}"/>' for n in sorted(nodes))
    return _svg(f'<g stroke="#b8c2cc" stroke-width="0.5">{lines}</g>{dots}',
                f"{G.number_of_nodes()} nodes, {G.number_of_edges()} edges")


def timeline_preview(events: list[dict]) -> str:
    """Events per year as bars, undated events as a last grey bar."""
    years: dict[int, int] = {}
    for event in events:
        if event["start"]:
            year = int(event["start"][:4])
            years[year] = years.get(year, 0) + 1
    undated = sum(1 for e in events if not e["start"])
    span = list(range(min(years), max(years) + 1)) if years else []
    columns = [(str(y), years.get(y, 0), "#4e79a7") for y in span]
    if undated:
        columns.append(("undated", undated, "#b8c2cc"))
    if not columns:
        return _svg("", "no events")
    tallest = max(n for _, n, _ in columns) or 1
    width = (WIDTH - 4) / len(columns)
    bars = "".join(
        f'<rect x="{round(2 + i * width + 0.5, 1)}" y="{round(HEIGHT - 14 - n / tallest * (HEIGHT - 20), 1)}" '
        f'width="{round(max(width - 1, 1), 1)}" height="{round(n / tallest * (HEIGHT - 20), 1)}" fill="{color}">'
        f'<title>{label}: {n}</title></rect>' for i, (label, n, color) in enumerate(columns))
    ends = (f'<text x="2" y="{HEIGHT - 2}" font-size="9" fill="#52606d">{columns[0][0]}</text>'
            f'<text x="{WIDTH - 2}" y="{HEIGHT - 2}" font-size="9" fill="#52606d" '
            f'text-anchor="end">{columns[-1][0]}</text>')
    return _svg(bars + ends, f"{len(events)} events by year")


def map_preview(centers: dict[str, list[int]], counts: dict[str, int], home: str,
                plane: tuple[int, int]) -> str:
    """A dot per state at its centre; partners blue and sized by contacts, home gold."""
    scale = min(WIDTH / plane[0], HEIGHT / plane[1])
    oy = (HEIGHT - plane[1] * scale) / 2
    tallest = max(counts.values(), default=1)
    dots = []
    for code, (x, y) in sorted(centers.items(), key=lambda kv: (kv[0] in counts or kv[0] == home, kv[0])):
        cx, cy = round(x * scale, 1), round(y * scale + oy, 1)
        if code == home:
            dots.append(f'<circle cx="{cx}" cy="{cy}" r="3.5" fill="#f2c14e" stroke="#8a6d1f" '
                        f'stroke-width="0.5"/>')
        elif code in counts:
            r = round(1.5 + 3 * (counts[code] / tallest) ** 0.5, 1)
            dots.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="#2171b5" fill-opacity="0.8"/>')
        else:
            dots.append(f'<circle cx="{cx}" cy="{cy}" r="1" fill="#cbd2d9"/>')
    return _svg("".join(dots), f"{len(counts)} partner states")
