"""Who may see background jobs."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.rules import is_secretariat, is_staff_role

can_view_jobs = is_staff_role
can_submit_jobs = is_secretariat


def can_view_job(user: Any, job: Any = None) -> bool:
    return is_staff_role(user)


#: retry or cancel a job (the secretariat, who also queues them)
can_manage_jobs = is_secretariat
