"""Running a cohort's selection (secretariat) and every region's decision with its reason.

The settings are a form (phases and quota rows as formsets, the objective) that round-trips with the
``SELECTION.yaml`` text kept as "advanced"; the score source is a published screening run, a published
readiness-interview round, or both with weights. POST queues the job of
:func:`kotacerdas.assessment.domain.funnel.queue_cohort_selection` (the API calls it too).
"""

from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.assessment.domain.funnel import SourceSpec, cohort_rounds, queue_cohort_selection
from kotacerdas.assessment.models import Round
from kotacerdas.errors import InputError, KotaCerdasError
from kotacerdas.programme import rules
from kotacerdas.programme.domain.selection import free_slots
from kotacerdas.programme.models import Cohort
from kotacerdas.programme.reasons import reason_text
from kotacerdas.programme.selection_forms import (
    bound_forms,
    form_data_from_yaml,
    parse_yaml,
    settings_from_forms,
    settings_to_yaml,
)
from kotacerdas.regions.models import IndexRun
from kotacerdas.web.permissions import guarded
from kotacerdas.web.service_errors import show_refusal

#: the statuses the decisions page filters by, in display order
STATUSES = ("selected", "ineligible", "excluded", "crowded_out", "below_cutoff", "blocked")
STATUS_LABELS = {
    "selected": gettext_lazy("terpilih"),
    "ineligible": gettext_lazy("tidak memenuhi syarat"),
    "excluded": gettext_lazy("dikecualikan"),
    "crowded_out": gettext_lazy("tersingkir kuota"),
    "below_cutoff": gettext_lazy("di bawah batas"),
    "blocked": gettext_lazy("terhalang"),
}


class DecisionFilterForm(forms.Form):
    """``?status=``: show the decisions of one status (anything else shows them all)."""

    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[(s, STATUS_LABELS[s]) for s in STATUSES]
    )

    def status_or_all(self) -> str:
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


#: the form's first quota row (a national cohort adds island-group minima once enough regions are invited)
DEFAULT_SETTINGS: dict[str, Any] = {"quotas": [{"by": "province", "max": 2}]}


def parse_yaml_mapping(text: str, name: str) -> dict[str, Any]:
    """A YAML mapping typed into a form; an error names the form field."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise InputError(
            _("%(field)s: bukan YAML yang sah: %(problem)s")
            % {"field": name, "problem": getattr(exc, "problem", exc)},
            code="invalid_yaml",
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            _("%(field)s harus berupa pemetaan kunci YAML") % {"field": name}, code="not_a_mapping"
        )
    return data


class SourceForm(forms.Form):
    """Which published scores the selection uses, and who may be chosen."""

    index_run = forms.ModelChoiceField(
        label=gettext_lazy("Hasil skrining (terbit)"), queryset=IndexRun.objects.none(), required=False
    )
    index_weight = forms.FloatField(label=gettext_lazy("Bobot skrining"), min_value=0, initial=1.0)
    round = forms.ModelChoiceField(
        label=gettext_lazy("Skor wawancara terkalibrasi (putaran terbit)"),
        queryset=Round.objects.none(),
        required=False,
    )
    round_weight = forms.FloatField(label=gettext_lazy("Bobot wawancara"), min_value=0, initial=1.0)
    eligibility = forms.ChoiceField(
        label=gettext_lazy("Kelayakan"),
        choices=[
            ("interviewed", gettext_lazy("Diundang dan sudah diwawancarai")),
            ("invited", gettext_lazy("Diundang")),
        ],
        initial="interviewed",
    )
    include_uninvited = forms.BooleanField(
        label=gettext_lazy("Sertakan juga daerah yang tidak pernah diundang (dicatat di log audit)"),
        required=False,
    )
    exclude_alumni = forms.BooleanField(
        label=gettext_lazy("Kecualikan daerah dari kohort sebelumnya"), required=False, initial=True
    )
    thresholds = forms.BooleanField(
        label=gettext_lazy("Hitung ambang (apa yang dibutuhkan untuk masuk)"), required=False, initial=True
    )

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["index_run"].queryset = IndexRun.objects.filter(published=True)  # type: ignore[attr-defined]
        ids = [r.pk for r in cohort_rounds(cohort)]
        self.fields["round"].queryset = Round.objects.filter(pk__in=ids)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("index_run") and not data.get("round"):
            raise forms.ValidationError(_("Pilih hasil skrining, putaran wawancara, atau keduanya."))
        return data

    def spec(self) -> SourceSpec:
        d = self.cleaned_data
        return SourceSpec(
            index_run=d["index_run"].pk if d.get("index_run") else None,
            round=d["round"].pk if d.get("round") else None,
            index_weight=d.get("index_weight") or 0.0,
            round_weight=d.get("round_weight") or 0.0,
        )


def _initial_data(cohort: Cohort) -> dict[str, Any]:
    """The forms' first state: the defaults, the latest published run and round."""
    data = form_data_from_yaml(settings_to_yaml(DEFAULT_SETTINGS))
    run = IndexRun.objects.filter(published=True).first()
    rounds = cohort_rounds(cohort)
    data.update(
        {
            "index_run": str(run.pk) if run else "",
            "round": str(rounds[0].pk) if rounds else "",
            "index_weight": "1",
            "round_weight": "1",
            "eligibility": "interviewed",
            "exclude_alumni": "on",
            "thresholds": "on",
            "config": settings_to_yaml(DEFAULT_SETTINGS),
        }
    )
    return data


def _render(request: HttpRequest, cohort: Cohort, data: dict[str, Any], status: int = 200) -> HttpResponse:
    settings, phases, quotas = bound_forms(data)
    context = {
        "cohort": cohort,
        "source": SourceForm(data, cohort=cohort),
        "settings": settings,
        "phases": phases,
        "quotas": quotas,
        "free": free_slots(cohort),
        "holding": cohort.target_size - free_slots(cohort),
    }
    return render(request, "web/selection_form.html", context, status=status)


def _switch(request: HttpRequest, cohort: Cohort) -> HttpResponse:
    """ "Form → YAML" and "YAML → form": fill one from the other and show the page again."""
    data = request.POST.dict()
    settings, phases, quotas = bound_forms(request.POST)
    try:
        if "to_yaml" in request.POST:
            if not (settings.is_valid() and phases.is_valid() and quotas.is_valid()):
                return _render(request, cohort, data, status=400)
            data["config"] = settings_to_yaml(settings_from_forms(settings, phases, quotas))
        else:
            filled = form_data_from_yaml(request.POST.get("config", ""))
            data = {k: v for k, v in data.items() if not k.startswith(("phases-", "quotas-"))}
            data.update(filled)
    except KotaCerdasError as exc:
        show_refusal(request, exc)
        return _render(request, cohort, data, status=400)
    return _render(request, cohort, data)


@guarded(rules.can_transition)
def selection_form(request: HttpRequest, pk: int) -> HttpResponse:
    """The form (score source, eligibility, settings); POST queues the selection job."""
    cohort = get_object_or_404(Cohort, pk=pk)
    if request.method != "POST":
        return _render(request, cohort, _initial_data(cohort))
    if "to_yaml" in request.POST or "from_yaml" in request.POST:
        return _switch(request, cohort)
    source = SourceForm(request.POST, cohort=cohort)
    settings, phases, quotas = bound_forms(request.POST)
    if not (source.is_valid() and settings.is_valid() and phases.is_valid() and quotas.is_valid()):
        return _render(request, cohort, request.POST.dict(), status=400)
    try:
        if settings.cleaned_data["advanced"]:
            config = parse_yaml(settings.cleaned_data["config"])
        else:
            config = settings_from_forms(settings, phases, quotas)
        job = queue_cohort_selection(
            actor=request.user,
            cohort=cohort,
            spec=source.spec(),
            config=config,
            eligibility=source.cleaned_data["eligibility"],
            include_uninvited=source.cleaned_data["include_uninvited"],
            exclude_alumni=source.cleaned_data["exclude_alumni"],
            thresholds=source.cleaned_data["thresholds"],
        )
    except KotaCerdasError as exc:
        show_refusal(request, exc)
        return _render(request, cohort, request.POST.dict(), status=400)
    return redirect("web:job", pk=job.pk)


@guarded(rules.can_view_pipeline)
def decisions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every region's decision: status, reason (in the reader's language), threshold and probability."""
    cohort = get_object_or_404(Cohort, pk=pk)
    cutoff = cohort.selection.get("cutoff")
    rows = [
        {**r, "text": reason_text(r, cutoff), "label": STATUS_LABELS.get(r["status"], r["status"])}
        for r in cohort.selection.get("decisions", [])
    ]
    counts = [(s, STATUS_LABELS[s], sum(r["status"] == s for r in rows)) for s in STATUSES]
    status = DecisionFilterForm(request.GET).status_or_all()
    shown = [r for r in rows if r["status"] == status] if status else rows
    shown.sort(key=lambda r: (STATUSES.index(r["status"]) if r["status"] in STATUSES else 99, -r["score"]))
    context = {
        "cohort": cohort,
        "rows": shown,
        "counts": counts,
        "status": status,
        "selection": cohort.selection,
        "has_draws": bool(cohort.selection.get("draws")),
        "can_act": rules.can_transition(request.user),
    }
    return render(request, "web/decisions.html", context)
