"""Who may see and change regions, datasets and index runs."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.rules import is_anyone, is_logged_in, is_secretariat, is_staff_role
from kotacerdas.regions.models import Dataset, IndexRun

can_view_regions = is_anyone
can_view_datasets = is_logged_in
can_import_datasets = is_secretariat
can_manage_index_runs = is_secretariat
can_manage_boundaries = is_secretariat
can_publish = is_secretariat


def can_view_index_run(user: Any, run: IndexRun | None = None) -> bool:
    """Published runs are public; unpublished ones only for secretariat and assessors."""
    if run is not None and run.published:
        return True
    return is_staff_role(user)


def visible_index_runs(user: Any) -> Any:
    """The runs this user may see."""
    runs = IndexRun.objects.all()
    return runs if is_staff_role(user) else runs.filter(published=True)


def visible_datasets(user: Any) -> Any:
    """Datasets this user may list: all for secretariat and assessors, published ones for the rest."""
    datasets = Dataset.objects.select_related("imported_by")
    return datasets if is_staff_role(user) else datasets.filter(published=True)


def visible_analyses(user: Any, run: IndexRun) -> Any:
    """The run's uncertainty analysis versions: all for staff, the published one for the rest."""
    analyses = run.analyses.all()
    return analyses if is_staff_role(user) else analyses.filter(published=True)
