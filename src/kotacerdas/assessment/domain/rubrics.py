"""Storing rubric versions from the engine's rubric objects."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kotacerdas.accounts.domain.audit import record
from kotacerdas.assessment.domain.guards import require_secretariat
from kotacerdas.assessment.models import RubricVersion
from kotacerdas.engine.review.rubrics import Rubric
from kotacerdas.errors import StateError
from kotacerdas.io.rubric_files import rubric_as_dict


@transaction.atomic
def store_rubric(*, actor: Any, rubric: Rubric) -> RubricVersion:
    """Store a rubric version; storing the same version again returns it, a changed one is refused."""
    require_secretariat(actor, "store rubrics")
    definition = rubric_as_dict(rubric)
    existing = RubricVersion.objects.filter(key=rubric.key).first()
    if existing is not None:
        if existing.definition != definition:
            raise StateError(
                f"rubric {rubric.key} is already stored with other content", hint="give it a new version"
            )
        return existing
    version = RubricVersion.objects.create(key=rubric.key, definition=definition)
    record(actor=actor, action="rubric.store", target=version, summary=rubric.key)
    return version
