"""Server-side SVG maps from GeoJSON: project, simplify, encode compact paths.

Projection: equirectangular with longitudes scaled by cos(mid latitude), which
for a state 2° across is indistinguishable from a conformal projection at map
size. Coordinates are rounded to integers in a frame `width` units wide, then
simplified (Douglas–Peucker) and written as relative path commands.
"""

import math
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Projection:
    lon_min: float
    lat_max: float
    kx: float
    ky: float
    width: int
    height: int

    @classmethod
    def fit(cls, bounds, width):
        lon_min, lat_min, lon_max, lat_max = bounds
        cos_mid = math.cos(math.radians((lat_min + lat_max) / 2))
        k = width / ((lon_max - lon_min) * cos_mid)
        height = math.ceil((lat_max - lat_min) * k)
        return cls(lon_min, lat_max, k * cos_mid, k, width, height)

    def point(self, lon, lat):
        return (round((lon - self.lon_min) * self.kx), round((self.lat_max - lat) * self.ky))


def polygons_of(geometry):
    """Polygon or MultiPolygon -> list of polygons (each a list of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"geometría {geometry['type']} no admitida (se espera Polygon o MultiPolygon)")


def bounds_of(geometries):
    lons, lats = [], []
    for geometry in geometries:
        for polygon in polygons_of(geometry):
            for ring in polygon:
                for lon, lat, *_ in ring:
                    lons.append(lon)
                    lats.append(lat)
    return (min(lons), min(lats), max(lons), max(lats))


def _simplify(points, tolerance):
    """Douglas–Peucker on a closed ring (first point kept as anchor)."""
    if len(points) < 4 or tolerance <= 0:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    tol2 = tolerance * tolerance
    while stack:
        start, end = stack.pop()
        (x1, y1), (x2, y2) = points[start], points[end]
        dx, dy = x2 - x1, y2 - y1
        norm = dx * dx + dy * dy
        best, best_i = -1.0, -1
        for i in range(start + 1, end):
            px, py = points[i]
            if norm == 0:
                d = (px - x1) ** 2 + (py - y1) ** 2
            else:
                cross = dx * (py - y1) - dy * (px - x1)
                d = cross * cross / norm
            if d > best:
                best, best_i = d, i
        if best > tol2:
            keep[best_i] = True
            stack.append((start, best_i))
            stack.append((best_i, end))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring_points(ring, projection, tolerance):
    points = []
    for lon, lat, *_ in ring:
        p = projection.point(lon, lat)
        if not points or p != points[-1]:
            points.append(p)
    if len(points) > 1 and points[0] != points[-1]:
        points.append(points[0])
    simplified = _simplify(points, tolerance)
    return simplified if len(simplified) >= 4 else points


def _num(n):
    return str(n)


def _join(numbers):
    """'1 2-3 4': a space only where the next number has no minus sign."""
    out = []
    for n in numbers:
        s = _num(n)
        if out and not s.startswith("-"):
            out.append(" ")
        out.append(s)
    return "".join(out)


@dataclass
class Shape:
    path: str
    bbox: tuple  # (x_min, y_min, x_max, y_max) in projected units
    label: tuple  # a point inside the largest ring, roughly its centre
    vertices: int


def shape_of(geometry, projection, tolerance=0.8, min_ring_area=2.0):
    """Project and encode one feature. Tiny islands (< min_ring_area) are dropped
    unless they are the only ring."""
    parts, xs, ys = [], [], []
    largest, largest_area, vertices = None, -1.0, 0
    rings = [
        (polygon_index, ring)
        for polygon_index, polygon in enumerate(polygons_of(geometry))
        for ring in polygon
    ]
    projected = [_ring_points(ring, projection, tolerance) for _, ring in rings]
    for points in projected:
        area = abs(_area(points))
        if area < min_ring_area and len(projected) > 1:
            continue
        if area > largest_area:
            largest, largest_area = points, area
        x0, y0 = points[0]
        deltas = []
        for (ax, ay), (bx, by) in zip(points[:-2], points[1:-1], strict=True):
            deltas += [bx - ax, by - ay]
        parts.append(f"M{_join([x0, y0])}l{_join(deltas)}z")
        xs += [p[0] for p in points]
        ys += [p[1] for p in points]
        vertices += len(points) - 1
    label = _centroid(largest) if largest else (0, 0)
    return Shape("".join(parts), (min(xs), min(ys), max(xs), max(ys)), label, vertices)


def _area(points):
    return (
        sum(ax * by - bx * ay for (ax, ay), (bx, by) in zip(points, points[1:], strict=False)) / 2
    )


def _centroid(points):
    a = _area(points)
    if a == 0:
        return points[0]
    cx = cy = 0.0
    for (ax, ay), (bx, by) in zip(points, points[1:], strict=False):
        f = ax * by - bx * ay
        cx += (ax + bx) * f
        cy += (ay + by) * f
    return (round(cx / (6 * a)), round(cy / (6 * a)))


def viewbox_of(bbox, margin_ratio=0.04):
    x0, y0, x1, y1 = bbox
    margin = max(2, round(max(x1 - x0, y1 - y0) * margin_ratio))
    return f"{x0 - margin} {y0 - margin} {x1 - x0 + 2 * margin} {y1 - y0 + 2 * margin}"


@dataclass
class MapItem:
    key: str
    url: str
    name: str
    shape: Shape
    label: str = ""


def render_map(items, projection, *, title, css_class, id_prefix):
    """A whole map: one <a> per shape with an accessible name, optional labels."""
    title_id = f"{id_prefix}-titulo"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="geo-map {css_class}" '
        f'viewBox="0 0 {projection.width} {projection.height}" '
        f'aria-labelledby="{title_id}" focusable="false">'
        f'<title id="{title_id}">{escape(title)}</title>'
    ]
    for item in items:
        name = escape(item.name)
        out.append(
            f'<a href="{escape(item.url)}" id="{id_prefix}-{item.key}" aria-label="{name}">'
            f'<title>{name}</title><path d="{item.shape.path}"/>'
        )
        if item.label:
            x, y = item.shape.label
            out.append(f'<text x="{x}" y="{y}" aria-hidden="true">{escape(item.label)}</text>')
        out.append("</a>")
    out.append("</svg>")
    return "".join(out)
