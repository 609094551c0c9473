"""Creating programmes and their cohorts."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kotacerdas.accounts.domain.audit import record
from kotacerdas.errors import InputError
from kotacerdas.programme.models import Cohort, Programme
from kotacerdas.regions.models import IndexRun


@transaction.atomic
def create_programme(*, actor: Any, slug: str, name: str, description: str = "") -> Programme:
    """A new programme; the slug must be unused."""
    if Programme.objects.filter(slug=slug).exists():
        raise InputError(f"programme {slug!r} already exists")
    programme = Programme.objects.create(slug=slug, name=name, description=description)
    record(actor=actor, action="programme.create", target=programme, summary=name)
    return programme


@transaction.atomic
def create_cohort(
    *,
    actor: Any,
    programme: Programme,
    year: int,
    name: str,
    target_size: int,
    selection_run: IndexRun | None = None,
    historical: bool = False,
) -> Cohort:
    """A new cohort (phase) of ``programme``."""
    if target_size < 1:
        raise InputError(f"cohort {name!r}: target size must be at least 1, got {target_size}")
    if Cohort.objects.filter(programme=programme, name=name).exists():
        raise InputError(f"cohort {name!r} already exists in {programme}")
    cohort = Cohort.objects.create(
        programme=programme,
        year=year,
        name=name,
        target_size=target_size,
        selection_run=selection_run,
        historical=historical,
    )
    record(
        actor=actor, action="cohort.create", target=cohort, summary=f"{name} ({year}), {target_size} slots"
    )
    return cohort
