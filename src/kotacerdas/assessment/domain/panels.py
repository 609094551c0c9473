"""Presentation panels: the round's schedule slots (day, room) get balanced assessor panels (engine)."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.assessment.domain.conflicts import has_conflict
from kotacerdas.assessment.domain.guards import locked, require_secretariat, require_state
from kotacerdas.assessment.enums import RoundState
from kotacerdas.assessment.models import AssessorProfile, Round
from kotacerdas.engine.review.panels import form_panels
from kotacerdas.errors import InputError


@transaction.atomic
def form_presentation_panels(*, actor: Any, round_: Round, size: int, max_panels: int = 1) -> Round:
    """Seat ``size`` assessors per schedule slot, regions presenting round-robin over the slots.

    An assessor is blocked from a slot where a presenting region conflicts with them; among the rest the
    engine maximises the weakest expertise coverage per (slot, rubric group), then the total.
    """
    require_secretariat(actor, "form presentation panels")
    r = locked(round_)
    require_state(r, RoundState.DRAFT, RoundState.SCORING, action="form presentation panels")
    slots = [dict(s) for s in r.schedule]
    if not slots:
        raise InputError(
            _("putaran itu tidak memiliki slot presentasi"),
            hint=_("tambahkan slot hari/ruang ke jadwalnya"),
            code="no_slots",
        )
    groups = [g.id for g in r.rubric.rubric().groups]
    assessors = list(AssessorProfile.objects.filter(available=True).select_related("user").order_by("pk"))
    submissions = list(r.submissions.select_related("participation__region").order_by("pk"))
    presenting = [submissions[i :: len(slots)] for i in range(len(slots))]
    expertise = np.array([[float(a.expertise.get(g, 0.0)) for g in groups] for a in assessors])
    blocked = np.array([[any(has_conflict(a, s) for s in subs) for subs in presenting] for a in assessors])
    result = form_panels(
        expertise.reshape(len(assessors), len(groups)),
        panels=len(slots),
        size=size,
        max_panels=max_panels,
        blocked=blocked.reshape(len(assessors), len(slots)),
    )
    for i, slot in enumerate(slots):
        slot["panel"] = i + 1
        slot["assessors"] = [assessors[a].user.username for a in result.members[i]]
        slot["regions"] = [s.participation.region.code for s in presenting[i]]
        slot["coverage_min"] = float(result.coverage[i].min())
    r.schedule = slots
    r.save(update_fields=["schedule"])
    record(
        actor=actor,
        action="panels.form",
        target=r,
        summary=wording(
            gettext_lazy(
                "%(panels)s panel, masing-masing %(size)s asesor; cakupan keahlian terlemah %(coverage)s"
            ),
            panels=len(slots),
            size=size,
            coverage=round(float(result.worst_coverage), 2),
        ),
        data={"method": result.method, "worst_coverage": result.worst_coverage},
    )
    return r
