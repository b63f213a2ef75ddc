"""Make src/kzgraph/data/state-outlines.json from Natural Earth's 1:50m countries.

Input: ``countries-50m.json`` of the npm package ``world-atlas`` (Natural Earth 4.1.0,
public domain, as TopoJSON). Run once when the outlines should change:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make-state-outlines.py package/countries-50m.json

Each state is projected with the Equal Earth projection onto a WIDTH-wide plane, rounded to
whole units (about 0.18 degrees), simplified (Douglas-Peucker) and stored as an SVG path keyed by its ISO 3166-1 alpha-2
code, with the centre of its largest ring and its size (the longer side of its bounding
box), so a state too small to see can be drawn as a marker. Antarctica is left out.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pycountry

WIDTH = 2000
TOLERANCE = 0.8
"""Simplification tolerance, in plane units."""
OUT = Path(__file__).parents[1] / "src" / "kzgraph" / "data" / "state-outlines.json"
UNNUMBERED = {"Kosovo": "XK"}
"""Natural Earth features without an ISO numeric code that kzgraph's gazetteer knows."""

A1, A2, A3, A4, M = 1.340264, -0.081106, 0.000893, 0.003796, math.sqrt(3) / 2
X_MAX = 2 * math.sqrt(3) * math.pi / (3 * A1)
Y_MAX = (lambda t: t * (A4 * t ** 8 + A3 * t ** 6 + A2 * t ** 2 + A1))(math.asin(M))


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth projection (Šavrič, Patterson, Jenny 2018), x and y in radians-ish units."""
    lam, theta = math.radians(lon), math.asin(M * math.sin(math.radians(lat)))
    t2, t6, t8 = theta ** 2, theta ** 6, theta ** 8
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t8 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t8 + A3 * t6 + A2 * t2 + A1)
    return x, y


def to_plane(lon: float, lat: float) -> tuple[int, int]:
    x, y = equal_earth(lon, lat)
    scale = WIDTH / (2 * X_MAX)
    return round((x + X_MAX) * scale), round((Y_MAX - y) * scale)


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are delta-encoded, quantized)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indices: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def simplify(points: list[tuple[int, int]], tolerance: float = TOLERANCE) -> list[tuple[int, int]]:
    """Douglas-Peucker: drop points closer than tolerance to the line their neighbours keep."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        worst, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > worst:
                worst, index = distance, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep) if kept]


def svg_ring(points: list[tuple[int, int]]) -> str:
    """A closed SVG subpath, relative after the first point (shorter)."""
    (x0, y0), steps = points[0], []
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        steps.append(f"{bx - ax} {by - ay}")
    return f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z"


def unwrap(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian, made continuous, then once on each side of the
    world with what falls off it pressed onto the edge; any other ring as it is."""
    out, shift = [points[0]], 0.0
    for (lon0, _), (lon, lat) in zip(points, points[1:]):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    if all(-180 <= lon <= 180 for lon, _ in out):
        return [out]
    return [[(max(-180.0, min(180.0, lon + k)), lat) for lon, lat in out] for k in (0, 360, -360)
            if any(-180 < lon + k < 180 for lon, _ in out)]


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def alpha2(geometry: dict) -> str | None:
    name = geometry["properties"]["name"]
    if name in UNNUMBERED:
        return UNNUMBERED[name]
    country = pycountry.countries.get(numeric=geometry.get("id", "")) if geometry.get("id") else None
    return country.alpha_2 if country else None


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    states: dict[str, dict] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2(geometry)
        if code is None or code == "AQ":
            continue
        path, largest, box = [], (0.0, (0, 0)), [math.inf, math.inf, -math.inf, -math.inf]
        for polygon in polygons(geometry):
            for indices in polygon:
                for lonlat in unwrap(ring(arcs, indices)):
                    points = [to_plane(lon, lat) for lon, lat in lonlat]
                    points = simplify([p for i, p in enumerate(points) if i == 0 or p != points[i - 1]])
                    if len(set(points)) >= 3:
                        path.append(svg_ring(points))
                    xs, ys = [p[0] for p in points], [p[1] for p in points]
                    box = [min(box[0], *xs), min(box[1], *ys), max(box[2], *xs), max(box[3], *ys)]
                    area = (max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1)
                    if area > largest[0]:
                        largest = (area, (round(sum(xs) / len(xs)), round(sum(ys) / len(ys))))
        size = max(box[2] - box[0], box[3] - box[1], 0)
        entry = {"name": geometry["properties"]["name"], "d": "".join(path),
                 "center": list(largest[1]), "size": size}
        if code in states:  # a territory filed under its state's code (Ashmore under AU)
            bigger, smaller = sorted((states[code], entry), key=lambda e: -e["size"])
            entry = {**bigger, "d": bigger["d"] + smaller["d"]}
        states[code] = entry
    height = to_plane(0, -90)[1]
    data = {"source": "Natural Earth 1:50m countries 4.1.0 (public domain), via world-atlas 2.0.2",
            "projection": "Equal Earth", "width": WIDTH, "height": height,
            "states": dict(sorted(states.items()))}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(states)} states, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make-state-outlines.py countries-50m.json")
    main(sys.argv[1])
