"""Forms of the funnel: a new cohort, invitations, and the selection settings as a form.

The selection settings form (phases and quota rows as formsets, the objective) and the ``SELECTION.yaml``
text ("advanced") hold the same settings: :func:`settings_from_forms` → :func:`settings_to_yaml` →
:func:`form_data_from_yaml` gives back the same form (tested as a property).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kotacerdas.engine.selection import OBJECTIVES
from kotacerdas.errors import InputError
from kotacerdas.programme.models import Programme
from kotacerdas.regions.models import IndexRun

QUOTA_COLUMNS = [
    ("province", _("Provinsi")),
    ("island_group", _("Kelompok pulau")),
    ("type", _("Jenis (kabupaten/kota)")),
]
OBJECTIVE_LABELS = {
    "max_score": _("Skor total tertinggi"),
    "maxmin_island_group": _("Pemerataan antarpulau (maks-min)"),
    "expected_score": _("Skor harapan tertinggi (butuh sampel ketidakpastian)"),
    "max_probability": _("Peluang terpilih tertinggi (butuh sampel ketidakpastian)"),
}
#: the keys the form shows; any other key of SELECTION.yaml is for the advanced text only
FORM_KEYS = frozenset({"phases", "quotas", "objective"})
QUOTA_KEYS = ("by", "value", "min", "max", "min_share", "max_share", "over")


class CohortForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Program"), queryset=Programme.objects.all(), empty_label=None)
    name = forms.CharField(label=_("Nama kohort"), max_length=120)
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    target_size = forms.IntegerField(label=_("Jumlah daerah (target)"), min_value=1, max_value=514)
    phases = forms.CharField(
        label=_("Tahap (opsional)"),
        required=False,
        max_length=500,
        help_text=_("Contoh: Tahap 1: 25, Tahap 2: 25 — jumlahnya harus sama dengan target."),
    )

    def clean_phases(self) -> list[dict[str, Any]]:
        return parse_phases(self.cleaned_data.get("phases") or "")


def parse_phases(text: str) -> list[dict[str, Any]]:
    """``"Tahap 1: 25, Tahap 2: 25"`` → ``[{name, size}]`` (empty text: no phases)."""
    out = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        name, _sep, size = part.rpartition(":")
        if not name.strip() or not size.strip().isdigit():
            raise forms.ValidationError(
                _("Tulis tahap sebagai «nama: jumlah», dipisah koma (salah: %(part)s)") % {"part": part}
            )
        out.append({"name": name.strip(), "size": int(size)})
    return out


def phases_text(phases: list[Mapping[str, Any]]) -> str:
    return ", ".join(f"{p['name']}: {p['size']}" for p in phases)


INVITE_METHODS = [
    ("top", _("N teratas")),
    ("threshold", _("Skor minimal")),
    ("list", _("Pilih sendiri (kode daerah)")),
    ("csv", _("Unggah CSV (kolom code)")),
]


class InviteForm(forms.Form):
    index_run = forms.ModelChoiceField(
        label=_("Hasil skrining (terbit)"), queryset=IndexRun.objects.none(), empty_label=None
    )
    method = forms.ChoiceField(
        label=_("Cara memilih"), choices=INVITE_METHODS, widget=forms.RadioSelect, initial="top"
    )
    n = forms.IntegerField(label=_("N"), min_value=1, max_value=514, required=False)
    threshold = forms.FloatField(label=_("Skor minimal"), required=False)
    codes = forms.CharField(
        label=_("Kode daerah"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dipisah koma, spasi atau baris baru, mis. 63.71, 32.73"),
    )
    file = forms.FileField(label=_("Berkas CSV"), required=False)
    note = forms.CharField(label=_("Alasan (dicatat pada setiap undangan)"), max_length=200, required=False)

    def __init__(self, *args: Any, runs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["index_run"].queryset = runs  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        method = data.get("method")
        needed = {"top": "n", "threshold": "threshold", "list": "codes", "csv": "file"}.get(str(method))
        if needed and data.get(needed) in (None, ""):
            self.add_error(needed, _("Wajib diisi untuk cara memilih ini."))
        return data


class PhaseForm(forms.Form):
    name = forms.CharField(label=_("Tahap"), max_length=40)
    size = forms.IntegerField(label=_("Jumlah daerah"), min_value=1, max_value=514)


class QuotaForm(forms.Form):
    by = forms.ChoiceField(label=_("Menurut"), choices=QUOTA_COLUMNS, initial="province")
    value = forms.CharField(label=_("Nilai (kosong = setiap nilai)"), max_length=80, required=False)
    min = forms.IntegerField(label=_("Min"), min_value=0, required=False)
    max = forms.IntegerField(label=_("Maks"), min_value=0, required=False)
    min_share = forms.FloatField(label=_("Porsi min"), min_value=0, max_value=1, required=False)
    max_share = forms.FloatField(label=_("Porsi maks"), min_value=0, max_value=1, required=False)
    over = forms.ChoiceField(
        label=_("Berlaku"),
        choices=[("phase", _("tiap tahap")), ("all", _("semua tahap"))],
        initial="phase",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.has_changed() and all(data.get(k) is None for k in ("min", "max", "min_share", "max_share")):
            raise forms.ValidationError(_("Isi min, maks, porsi min atau porsi maks."))
        if data.get("min") is not None and data.get("max") is not None and data["min"] > data["max"]:
            raise forms.ValidationError(_("Min lebih besar dari maks."))
        return data


PhaseFormSet = forms.formset_factory(PhaseForm, extra=0, max_num=20, validate_max=True)
QuotaFormSet = forms.formset_factory(QuotaForm, extra=1, max_num=50, validate_max=True)


class SettingsForm(forms.Form):
    objective = forms.ChoiceField(
        label=_("Tujuan"), choices=[(o, OBJECTIVE_LABELS[o]) for o in OBJECTIVES], initial="max_score"
    )
    advanced = forms.BooleanField(label=_("Pakai teks SELECTION.yaml (lanjutan) di bawah"), required=False)
    config = forms.CharField(
        label=_("SELECTION.yaml (lanjutan)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )


def _quota(row: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"by": row["by"]}
    for k in ("value", "min", "max", "min_share", "max_share"):
        if row.get(k) not in (None, ""):
            out[k] = row[k]
    if row.get("over") == "all":
        out["over"] = "all"
    return out


def settings_from_forms(settings: SettingsForm, phases: Any, quotas: Any) -> dict[str, Any]:
    """The SELECTION.yaml mapping the (valid) forms hold; empty parts are left out."""
    out: dict[str, Any] = {}
    chosen = [dict(f.cleaned_data) for f in phases.forms if f.cleaned_data]
    if chosen:
        out["phases"] = [{"name": p["name"], "size": p["size"]} for p in chosen]
    rows = [_quota(f.cleaned_data) for f in quotas.forms if f.cleaned_data and f.has_changed()]
    if rows:
        out["quotas"] = rows
    objective = settings.cleaned_data.get("objective") or "max_score"
    if objective != "max_score":
        out["objective"] = objective
    return out


def settings_to_yaml(mapping: Mapping[str, Any]) -> str:
    """The settings as SELECTION.yaml text (key order: phases, quotas, objective, then the rest)."""
    if not mapping:
        return ""
    order = ["phases", "quotas", "objective"]
    ordered = {k: mapping[k] for k in order if k in mapping}
    ordered.update({k: v for k, v in mapping.items() if k not in ordered})
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False)


def parse_yaml(text: str) -> dict[str, Any]:
    """A SELECTION.yaml text as a mapping; an error names the field."""
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise InputError(
            gettext("SELECTION.yaml bukan YAML yang sah: %(problem)s")
            % {"problem": getattr(exc, "problem", exc)},
            code="invalid_yaml",
        ) from None
    if not isinstance(data, dict):
        raise InputError(gettext("SELECTION.yaml harus berupa pemetaan kunci"), code="not_a_mapping")
    return data


def form_data_from_yaml(text: str) -> dict[str, Any]:
    """POST-like data that fills the forms with the settings of a SELECTION.yaml text.

    Keys the form cannot show (eligibility, exclude, uncertainty, …) are refused with their names:
    such settings stay in the advanced text.
    """
    data = parse_yaml(text)
    extra = sorted(set(data) - FORM_KEYS - {"score"})
    if extra:
        raise InputError(
            gettext("kunci SELECTION.yaml %(keys)s hanya dapat diatur di teks lanjutan")
            % {"keys": ", ".join(extra)},
            code="advanced_keys",
        )
    phases, quotas = data.get("phases") or [], data.get("quotas") or []
    if not isinstance(phases, list) or not isinstance(quotas, list):
        raise InputError(gettext("SELECTION.yaml: phases dan quotas harus berupa daftar"), code="not_a_list")
    post: dict[str, Any] = {
        "objective": data.get("objective", "max_score"),
        "phases-TOTAL_FORMS": str(len(phases)),
        "phases-INITIAL_FORMS": "0",
        "quotas-TOTAL_FORMS": str(len(quotas)),
        "quotas-INITIAL_FORMS": "0",
    }
    for i, p in enumerate(phases):
        if not isinstance(p, dict):
            raise InputError(
                gettext("SELECTION.yaml: phases[%(i)s] harus berupa {name, size}") % {"i": i},
                code="phase_invalid",
            )
        post[f"phases-{i}-name"] = str(p.get("name", ""))
        post[f"phases-{i}-size"] = str(p.get("size", ""))
    for i, q in enumerate(quotas):
        if not isinstance(q, dict) or set(q) - set(QUOTA_KEYS):
            raise InputError(
                gettext("SELECTION.yaml: quotas[%(i)s] memuat kunci yang tidak dikenal formulir") % {"i": i},
                code="advanced_keys",
            )
        for k in QUOTA_KEYS:
            value = q.get(k)
            post[f"quotas-{i}-{k}"] = (
                "" if value is None else (repr(value) if isinstance(value, float) else str(value))
            )
        if not post[f"quotas-{i}-over"]:
            post[f"quotas-{i}-over"] = "phase"
    return post


def bound_forms(data: Mapping[str, Any] | None) -> tuple[SettingsForm, Any, Any]:
    """The settings form and its two formsets, bound to ``data`` (or unbound)."""
    return (
        SettingsForm(data),
        PhaseFormSet(data, prefix="phases"),
        QuotaFormSet(data, prefix="quotas"),
    )
