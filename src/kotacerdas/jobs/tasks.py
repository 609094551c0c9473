"""The jobs app's own periodic task: the stale-job sweep (with the clean-up of old failures and orphans)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from kotacerdas.jobs.domain.sweep import expire_failed, remove_orphan_uploads, sweep_stale
from kotacerdas.jobs.registry import periodic


def _quarter_lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.JOB_LEASE / 4)


@periodic("jobs.sweep", every=_quarter_lease)
def sweep() -> dict[str, Any]:
    """Fail jobs whose worker died; cancel failures nobody retried; remove uploads no job owns."""
    return {"lost": sweep_stale(), "expired": expire_failed(), "orphans": remove_orphan_uploads()}
