"""The assessment app's periodic task: deadline reminders, run hourly by the worker (idempotent)."""

from __future__ import annotations

import datetime as dt

from kotacerdas.assessment.domain.notices import send_deadline_reminders
from kotacerdas.jobs.registry import periodic


@periodic("assessment.deadline_reminders", every=dt.timedelta(hours=1))
def deadline_reminders() -> dict[str, int]:
    """Remind assessors 7 days and 1 day before a round's deadline, and them and the secretariat after it."""
    return {"rounds": send_deadline_reminders()}
