"""Assessor profiles: affiliation, home province, expertise per rubric group, availability."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import localised, wording
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
        raise InputError(
            _("%(user)s: hanya pengguna berperan asesor yang mendapat profil asesor") % {"user": user},
            code="not_an_assessor",
        )
    if not affiliation.strip():
        raise InputError(
            _("afiliasi: wajib diisi"),
            hint=_("universitas atau lembaga asesor itu"),
            code="affiliation_required",
        )
    province = home_province_code.strip()
    if province and province not in load_registry().provinces:
        raise InputError(
            _("provinsi asal: %(code)r bukan kode provinsi") % {"code": province},
            hint=_("mis. 63 untuk Kalsel"),
            code="unknown_province",
        )
    for group, level in expertise.items():
        if not 0.0 <= level <= 1.0:
            raise InputError(
                _("keahlian %(group)s: %(level)s di luar 0–1")
                % {"group": group, "level": localised(float(level))},
                code="out_of_range",
            )
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
        summary=wording(
            gettext_lazy("%(user)s: %(affiliation)s, provinsi asal %(province)s"),
            user=str(user),
            affiliation=affiliation.strip(),
            province=province or None,
        ),
        data={"expertise": dict(expertise), "available": available},
    )
    return profile
