"""Loading the region registry into the database."""

from __future__ import annotations

from django.db import transaction

from kotacerdas.io.registry import load_registry
from kotacerdas.regions.models import Region


@transaction.atomic
def sync_regions() -> int:
    """Create or update every kabupaten/kota of the registry; returns how many there are."""
    existing = {r.code: r for r in Region.objects.all()}
    fresh: list[Region] = []
    for item in load_registry():
        fields = {
            "name": item.name,
            "type": item.type,
            "province_code": item.province_code,
            "province": item.province,
            "island_group": item.island_group,
        }
        row = existing.get(item.code)
        if row is None:
            fresh.append(Region(code=item.code, **fields))
        elif any(getattr(row, k) != v for k, v in fields.items()):
            Region.objects.filter(pk=row.pk).update(**fields)
    Region.objects.bulk_create(fresh)
    return Region.objects.count()
