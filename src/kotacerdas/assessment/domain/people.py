"""Assessor profiles: affiliation, home province, expertise per rubric group, availability."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.assessment.domain.guards import require_secretariat
from kotacerdas.assessment.models import AssessorProfile
from kotacerdas.errors import InputError
from kotacerdas.io.registry import load_registry


@transaction.atomic
def save_assessor_profile(
    *,
    actor: Any,
    user: User,
    affiliation: str,
    home_province_code: str,
    expertise: dict[str, float],
    available: bool = True,
) -> AssessorProfile:
    """Create or update the profile of a user with the assessor role (secretariat only)."""
    require_secretariat(actor, "edit assessor profiles")
    if getattr(user, "role", None) != Role.ASSESSOR:
        raise InputError(f"{user}: only users with the assessor role get an assessor profile")
    if not affiliation.strip():
        raise InputError("affiliation: required", hint="the assessor's university or institution")
    province = home_province_code.strip()
    if province and province not in load_registry().provinces:
        raise InputError(f"home province: {province!r} is not a province code", hint="e.g. 63 for Kalsel")
    for group, level in expertise.items():
        if not 0.0 <= level <= 1.0:
            raise InputError(f"expertise {group}: {level:g} is outside 0–1")
    profile, created = AssessorProfile.objects.update_or_create(
        user=user,
        defaults={
            "affiliation": affiliation.strip(),
            "home_province_code": province,
            "expertise": dict(expertise),
            "available": available,
        },
    )
    record(
        actor=actor,
        action="assessor.create" if created else "assessor.update",
        target=profile,
        summary=f"{user}: {affiliation.strip()}, province {province or '—'}",
        data={"expertise": dict(expertise), "available": available},
    )
    return profile
