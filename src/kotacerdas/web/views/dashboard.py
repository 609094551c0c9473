"""The national dashboard: counts by stage, cohort progress, distribution of participating regions."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kotacerdas.programme import rules
from kotacerdas.programme.lifecycle import MAIN_LINE, State, progress
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.web.charts import bar
from kotacerdas.web.permissions import guarded

ACTIVE = [
    s
    for s in State
    if s
    not in (
        State.NOT_SELECTED,
        State.WITHDRAWN,
        State.CANCELLED,
        State.SUBSTITUTED,
        State.INVITED,
        State.ASSESSED,
    )
]


@guarded(rules.can_view_programmes)
def dashboard(request: HttpRequest) -> HttpResponse:
    counts = dict(
        Participation.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    by_stage = [(s, counts.get(s.value, 0)) for s in State]
    cohorts = []
    for cohort in Cohort.objects.select_related("programme"):
        states = Counter(cohort.participations.values_list("state", flat=True))
        active = sum(n for s, n in states.items() if State(s) in ACTIVE)
        done = sum(n for s, n in states.items() if progress(s) >= MAIN_LINE.index(State.BOOKS_SUBMITTED))
        cohorts.append(
            {
                "cohort": cohort,
                "states": sorted(states.items()),
                "active": active,
                "done": done,
                "percent": round(100 * done / cohort.target_size) if cohort.target_size else 0,
            }
        )
    selected = Participation.objects.filter(state__in=[s.value for s in ACTIVE])
    islands = list(selected.values_list("region__island_group").annotate(n=Count("id")).order_by("-n"))
    types = list(selected.values_list("region__type").annotate(n=Count("id")).order_by("-n"))
    provinces = list(
        selected.values_list("region__province").annotate(n=Count("id")).order_by("-n", "region__province")
    )
    context = {
        "by_stage": by_stage,
        "cohorts": cohorts,
        "islands": islands,
        "types": types,
        "provinces": provinces,
        "island_chart": bar([i for i, _ in islands], [n for _, n in islands], "", "chart-islands")
        if islands
        else "",
        "total_selected": selected.count(),
    }
    return render(request, "web/dashboard.html", context)
