"""The map's geometry as one small static asset: all boundaries simplified for a screen, versioned.

Imported boundaries are kept at full detail on each region; a browser needs far less. The asset is the
boundaries simplified as a coverage (shared borders simplified once, so neighbours keep touching; shapely's
``coverage_simplify``) with coordinates rounded to about 100 m. Its URL carries a version that changes
with every boundary import, so browsers may cache it for a year. Indonesia has thousands of small islands;
those under about 1 km² are left out of the screen asset (never out of the stored boundaries).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import shapely
from django.core.cache import cache
from django.db.models import Max
from shapely.geometry import MultiPolygon, mapping, shape
from shapely.geometry.base import BaseGeometry

from kotacerdas.accounts.models import AuditEvent
from kotacerdas.regions.models import Region

#: coverage simplification tolerance (GEOS: the square root of the smallest triangle area kept, in degrees)
TOLERANCE = 0.02
#: islands smaller than this (in square degrees, about 1.2 km²) are left out, except a region's largest part
MIN_PART_AREA = 1e-4
#: decimals kept in coordinates (3 ≈ 110 m)
DECIMALS = 3


@dataclass(frozen=True)
class ScreenGeometry:
    """The simplified FeatureCollection as JSON bytes, and the version its URL carries."""

    version: str
    content: bytes


def geometry_version() -> str | None:
    """A short fingerprint of the imported boundaries (None when no region has one)."""
    shaped = Region.objects.exclude(geometry=None).count()
    if not shaped:
        return None
    last = AuditEvent.objects.filter(action="boundaries.import").aggregate(m=Max("id"))["m"]
    settings = f"{shaped}:{last}:{TOLERANCE}:{MIN_PART_AREA}:{DECIMALS}"
    return hashlib.sha256(settings.encode()).hexdigest()[:12]


def screen_geometry() -> ScreenGeometry | None:
    """The current asset, built once per boundary version and kept in the cache."""
    version = geometry_version()
    if version is None:
        return None
    key = f"map-geometry:{version}"
    content = cache.get(key)
    if content is None:
        content = _build()
        cache.set(key, content, timeout=None)
    return ScreenGeometry(version=version, content=content)


def _build() -> bytes:
    rows = list(Region.objects.exclude(geometry=None).order_by("code").values_list("code", "geometry"))
    shapes = [_without_specks(shape(geometry)) for _, geometry in rows]
    simplified = shapely.coverage_simplify(shapes, TOLERANCE)
    rounded = shapely.set_precision(simplified, 10**-DECIMALS)
    features = [
        {"type": "Feature", "id": code, "properties": {}, "geometry": _rounded(mapping(geometry))}
        for (code, _), geometry in zip(rows, rounded, strict=True)
        if not geometry.is_empty
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def _without_specks(geometry: BaseGeometry) -> BaseGeometry:
    """The region's parts of at least ``MIN_PART_AREA``, and always its largest part."""
    valid = geometry if geometry.is_valid else shapely.make_valid(geometry)
    parts = shapely.get_parts(shapely.get_parts(valid))  # collections of multipolygons: two levels
    polygons = [p for p in parts if p.geom_type == "Polygon"]
    if not polygons:
        return valid
    largest = max(polygons, key=lambda p: p.area)
    return MultiPolygon([p for p in polygons if p is largest or p.area >= MIN_PART_AREA])


def _rounded(geometry: dict[str, Any]) -> dict[str, Any]:
    """Coordinates printed with at most ``DECIMALS`` decimals (set_precision snaps, JSON still prints noise)."""

    def walk(value: Any) -> Any:
        if isinstance(value, float):
            return round(value, DECIMALS)
        return [walk(v) for v in value]

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}
