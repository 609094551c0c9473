"""Importing kabupaten/kota boundaries from a GeoJSON FeatureCollection keyed by Kemendagri code."""

from __future__ import annotations

import json
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError, Location
from kotacerdas.io.registry import normalise_code
from kotacerdas.regions.models import Region


def _area(ring: list[list[float]]) -> float:
    """Shoelace area: positive for counter-clockwise rings in lon/lat."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring)) / 2


def clockwise(geometry: dict[str, Any]) -> dict[str, Any]:
    """Exterior rings clockwise and holes counter-clockwise, as d3-geo (plotly) expects."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    fixed = []
    for polygon in polygons:
        rings = []
        for i, ring in enumerate(polygon):
            want_positive = i > 0
            rings.append(ring if (_area(ring) > 0) == want_positive else ring[::-1])
        fixed.append(rings)
    return {"type": "MultiPolygon", "coordinates": fixed}


@transaction.atomic
def import_boundaries(*, actor: Any, file_name: str, content: bytes, key: str = "code") -> int:
    """Attach each feature's geometry to its region; all or nothing. Returns how many regions got one."""
    try:
        collection = json.loads(content)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(
            _("bukan JSON yang sah (%(reason)s)") % {"reason": exc},
            location=Location(file=file_name),
            code="invalid_json",
        ) from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise InputError(
            _("bukan FeatureCollection GeoJSON"),
            location=Location(file=file_name),
            code="not_a_feature_collection",
        )
    regions = {r.code: r for r in Region.objects.all()}
    for number, feature in enumerate(features, start=1):
        where = Location(file=file_name, row=number, column=key)
        raw = (feature.get("properties") or {}).get(key)
        code = normalise_code(raw) if raw is not None else None
        if code not in regions:
            raise InputError(
                _("fitur %(number)s: kode daerah %(code)r tidak dikenal atau tidak ada")
                % {"number": number, "code": raw},
                location=where,
                code="unknown_region",
            )
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise InputError(
                _("fitur %(number)s: geometri harus (Multi)Polygon") % {"number": number},
                location=where,
                code="not_a_polygon",
            )
        region = regions[code]
        region.geometry = clockwise(geometry)
        region.save(update_fields=["geometry"])
    record(
        actor=actor,
        action="boundaries.import",
        target=next(iter(regions.values())) if regions else Region(),
        summary=wording(
            ngettext_lazy(
                "%(count)s batas wilayah dari %(file)s",
                "%(count)s batas wilayah dari %(file)s",
                len(features),
            ),
            count=len(features),
            file=file_name,
        ),
    )
    return len(features)
