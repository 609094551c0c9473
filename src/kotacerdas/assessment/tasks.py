"""The assessment app's tasks: deadline reminders, run hourly by the worker (idempotent), and a
cohort selection from published screening and interview scores (a queued job)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils.translation import pgettext_lazy

from kotacerdas.accounts.domain.actors import actor_from_id
from kotacerdas.accounts.domain.wording import Wordable
from kotacerdas.assessment.domain.funnel import SourceSpec, select_cohort
from kotacerdas.assessment.domain.notices import send_deadline_reminders
from kotacerdas.jobs.registry import job_function, periodic
from kotacerdas.programme.models import Cohort


@periodic("assessment.deadline_reminders", every=dt.timedelta(hours=1))
def deadline_reminders() -> dict[str, int]:
    """Remind assessors 7 days and 1 day before a round's deadline, and them and the secretariat after it."""
    return {"rounds": send_deadline_reminders()}


@job_function(
    "cohort_selection", label=pgettext_lazy("jenis pekerjaan", "seleksi kohort dari skor penilaian")
)
def cohort_selection(
    *,
    progress: Callable[[float, Wordable], None],
    actor_id: int | None,
    cohort_id: int,
    spec: dict[str, Any],
    config: dict[str, Any],
    eligibility: str = "interviewed",
    include_uninvited: bool = False,
    exclude_alumni: bool = False,
    thresholds: bool = True,
) -> dict[str, Any]:
    """Select a cohort from a screening run, an interview round, or both (assessment.domain.funnel)."""
    result = select_cohort(
        actor=actor_from_id(actor_id),
        cohort=Cohort.objects.get(pk=cohort_id),
        spec=SourceSpec(**spec),
        config=config,
        eligibility=eligibility,
        include_uninvited=include_uninvited,
        exclude_alumni=exclude_alumni,
        thresholds=thresholds,
        progress=progress,
    )
    return {"cohort": cohort_id, "selected": len(result.selected)}
