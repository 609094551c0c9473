"""The programme app's job function: cohort selection (queued by ``programme.domain.selection``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.utils.translation import pgettext_lazy

from kotacerdas.accounts.domain.actors import actor_from_id
from kotacerdas.accounts.domain.wording import Wordable
from kotacerdas.jobs.registry import job_function
from kotacerdas.programme.domain.selection import run_selection
from kotacerdas.programme.models import Cohort

Progress = Callable[[float, Wordable], None]


@job_function("selection", label=pgettext_lazy("jenis pekerjaan", "seleksi kohort dari hasil indeks"))
def selection(
    *,
    progress: Progress,
    actor_id: int | None,
    cohort_id: int,
    run_id: int,
    config: dict[str, Any],
    exclude_alumni: bool = False,
    thresholds: bool = True,
    include_uninvited: bool = False,
) -> dict[str, Any]:
    """Select a cohort from a stored index run (the run is a sibling app's model, named by label)."""
    result = run_selection(
        actor=actor_from_id(actor_id),
        cohort=Cohort.objects.get(pk=cohort_id),
        run=apps.get_model("regions", "IndexRun").objects.get(pk=run_id),
        config=config,
        exclude_alumni=exclude_alumni,
        thresholds=thresholds,
        include_uninvited=include_uninvited,
        progress=progress,
    )
    return {"cohort": cohort_id, "selected": len(result.selected)}
