"""Forms of screening: the framework and settings of an index build, and an uncertainty analysis.

Field checks live here; whether the framework fits the dataset is the domain's
(:func:`kotacerdas.regions.domain.screening.framework_problems`), whose problems the view puts on
these fields (:func:`show_problems`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.io.code_systems import BPS, KEMENDAGRI
from kotacerdas.io.registry import ISLAND_GROUPS
from kotacerdas.regions.domain.screening import MAX_NAME, IndicatorChoice, Problem
from kotacerdas.regions.models import REGION_TYPES, IndexRun

DIRECTIONS = [(1, _("+1: makin tinggi makin baik")), (-1, _("−1: makin rendah makin baik"))]
IMPUTE = [
    ("none", _("tidak diisi")),
    ("mean", _("rata-rata")),
    ("median", _("median")),
    ("group_mean", _("rata-rata kelompok")),
    ("group_median", _("median kelompok")),
]
GROUPS = [("island_group", _("kelompok pulau")), ("province", _("provinsi")), ("type", _("jenis daerah"))]
TREAT = [("none", _("tidak ada")), ("winsorise", _("winsorisasi (COINr)"))]
FALLBACK = [("log", "log (COINr log_CT)"), ("log_plain", "log"), ("none", _("tidak ada"))]
NORMALISE = [
    ("minmax", _("min-maks")),
    ("zscore", _("skor z")),
    ("rank", _("peringkat")),
    ("percentile_rank", _("peringkat persentil")),
]
WEIGHTS = [("meta", _("bobot di tabel indikator")), ("equal", _("sama rata")), ("pca", _("PCA"))]
AGGREGATE = [
    ("arithmetic", _("rata-rata aritmetika")),
    ("geometric", _("rata-rata geometrik")),
    ("harmonic", _("rata-rata harmonik")),
    ("mazziotta_pareto", "Mazziotta–Pareto"),
]
#: the first key of a settings path (``treat.winmax``) → the form field that sets it
SETTING_FIELDS = {"impute": "impute", "screen": "screen_min_availability", "treat": "treat",
                  "normalise": "normalise", "weights": "weights", "aggregate": "aggregate"}  # fmt: skip


class IndicatorForm(forms.Form):
    """One row of the framework table: an indicator of the dataset."""

    code = forms.CharField(widget=forms.HiddenInput, max_length=80)
    include = forms.BooleanField(label=_("Dipakai"), required=False)
    name = forms.CharField(
        label=_("Nama"), max_length=MAX_NAME, required=False, widget=forms.TextInput(attrs={"size": 22})
    )
    direction = forms.TypedChoiceField(label=_("Arah"), choices=DIRECTIONS, coerce=int, initial=1)
    weight = forms.FloatField(
        label=_("Bobot"),
        min_value=0.0,
        initial=1.0,
        widget=forms.NumberInput(attrs={"step": "any", "size": 4}),
    )
    pillar = forms.CharField(
        label=_("Pilar"), max_length=60, required=False, widget=forms.TextInput(attrs={"size": 10})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("include") and not (data.get("name") or "").strip():
            self.add_error("name", _("Beri nama indikator ini (ditampilkan sebagai ganti kodenya)."))
        if data.get("include") and data.get("weight") == 0:
            self.add_error("weight", _("Bobot harus lebih dari nol."))
        return data

    def choice(self) -> IndicatorChoice:
        d = self.cleaned_data
        return IndicatorChoice(
            code=d["code"], name=d["name"].strip(), direction=d["direction"], weight=d["weight"],
            pillar=(d.get("pillar") or "").strip(),
        )  # fmt: skip


IndicatorFormSet = forms.formset_factory(IndicatorForm, extra=0)


class IndexBuildForm(forms.Form):
    """The run's name and the settings of docs/index-config.md (defaults: the documented ones)."""

    name = forms.CharField(label=_("Nama hasil indeks"), max_length=140)
    impute = forms.ChoiceField(label=_("Imputasi nilai kosong"), choices=IMPUTE, initial="none")
    impute_group = forms.ChoiceField(label=_("Kelompok imputasi"), choices=GROUPS, initial="island_group")
    screen_min_availability = forms.FloatField(
        label=_("Ketersediaan data minimum per daerah (0–1)"), min_value=0, max_value=1, required=False
    )
    treat = forms.ChoiceField(label=_("Penanganan pencilan"), choices=TREAT, initial="none")
    treat_winmax = forms.IntegerField(label=_("Titik winsorisasi maksimum"), min_value=0, initial=5)
    treat_skew = forms.FloatField(label=_("Batas kemencengan"), initial=2.0)
    treat_kurtosis = forms.FloatField(label=_("Batas kurtosis"), initial=3.5)
    treat_fallback = forms.ChoiceField(
        label=_("Jika winsorisasi tidak cukup"), choices=FALLBACK, initial="log"
    )
    normalise = forms.ChoiceField(label=_("Normalisasi"), choices=NORMALISE, initial="minmax")
    normalise_low = forms.FloatField(label=_("Batas bawah min-maks"), initial=0.0)
    normalise_high = forms.FloatField(label=_("Batas atas min-maks"), initial=100.0)
    weights = forms.ChoiceField(label=_("Bobot"), choices=WEIGHTS, initial="meta")
    aggregate = forms.ChoiceField(label=_("Agregasi"), choices=AGGREGATE, initial="arithmetic")
    aggregate_min_availability = forms.FloatField(
        label=_("Ketersediaan minimum untuk agregasi (0–1)"), min_value=0, max_value=1, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("normalise_low"), data.get("normalise_high")
        if data.get("normalise") == "minmax" and low is not None and high is not None and low >= high:
            self.add_error("normalise_high", _("Batas atas harus lebih besar dari batas bawah."))
        return data

    def settings(self) -> dict[str, Any]:
        """The settings mapping of docs/index-config.md that the form describes."""
        d = self.cleaned_data
        out: dict[str, Any] = {"impute": {"method": d["impute"]}, "weights": d["weights"]}
        if d["impute"].startswith("group_"):
            out["impute"]["group"] = d["impute_group"]
        if d.get("screen_min_availability") is not None:
            out["screen"] = {"min_availability": d["screen_min_availability"]}
        out["treat"] = {"method": d["treat"]}
        if d["treat"] == "winsorise":
            out["treat"].update(winmax=d["treat_winmax"], skew=d["treat_skew"], kurtosis=d["treat_kurtosis"],
                                fallback=d["treat_fallback"])  # fmt: skip
        out["normalise"] = {"method": d["normalise"]}
        if d["normalise"] == "minmax":
            out["normalise"]["range"] = [d["normalise_low"], d["normalise_high"]]
        out["aggregate"] = {"method": d["aggregate"]}
        if d.get("aggregate_min_availability") is not None:
            out["aggregate"]["min_availability"] = d["aggregate_min_availability"]
        return out


def show_problems(form: IndexBuildForm, rows: Sequence[IndicatorForm], problems: Sequence[Problem]) -> None:
    """Put the domain's problems on the fields they name (``rows``: the forms of the chosen indicators)."""
    for p in problems:
        if p.row is not None:
            rows[p.row].add_error(p.field if p.field in rows[p.row].fields else None, p.message)
            continue
        key = (p.key or "").split(".")[0] if p.field == "settings" else p.field
        form.add_error(SETTING_FIELDS.get(key), p.message)


class UncertaintyForm(forms.Form):
    """An uncertainty analysis of a run: factors (YAML of docs/uncertainty.md), samples, seed, top N.

    An empty field takes its default (:meth:`values`): the page's default factors, 1024 samples, seed 0,
    top 25.
    """

    factors = forms.CharField(
        label=_("Faktor (YAML)"), required=False, widget=forms.Textarea(attrs={"rows": 7})
    )
    samples = forms.IntegerField(
        label=_("Sampel"), min_value=1, max_value=100_000, initial=1024, required=False
    )
    seed = forms.IntegerField(label="seed", initial=0, required=False)
    top = forms.IntegerField(label="top N", min_value=1, initial=25, required=False)

    def values(self, default_factors: str) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "factors": d.get("factors") or default_factors,
            "samples": 1024 if d.get("samples") is None else d["samples"],
            "seed": 0 if d.get("seed") is None else d["seed"],
            "top": 25 if d.get("top") is None else d["top"],
        }


class DatasetImportForm(forms.Form):
    """The description and the table of a dataset to import; the import job checks the table itself."""

    name = forms.CharField(label=_("Nama"), max_length=120)
    source = forms.CharField(label=_("Sumber"), max_length=300)
    year = forms.IntegerField(label=_("Tahun"), min_value=1900, max_value=2100)
    licence = forms.CharField(label=_("Lisensi"), max_length=120)
    code_system = forms.ChoiceField(
        label=_("Sistem kode wilayah"),
        required=False,
        initial=KEMENDAGRI,
        choices=[
            (KEMENDAGRI, _("Kemendagri (mis. 11.01)")),
            (BPS, _("BPS (dikonversi lewat tabel jembatan BPS–Kemendagri)")),
        ],
    )
    file = forms.FileField(label=_("Berkas (CSV/XLSX: kolom code lalu satu kolom per indikator)"))

    def clean_code_system(self) -> str:
        return self.cleaned_data["code_system"] or KEMENDAGRI


class RunFilterForm(forms.Form):
    """``?run=``: one of the index runs the reader may see (anything else is no choice)."""

    run = forms.ModelChoiceField(label=_("Hasil indeks"), queryset=IndexRun.objects.none(), required=False)

    def __init__(self, *args: Any, runs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["run"].queryset = runs  # type: ignore[attr-defined]

    def chosen(self) -> IndexRun | None:
        """The run asked for, if it is a valid choice."""
        self.is_valid()
        return self.cleaned_data.get("run")


class RankingFilterForm(RunFilterForm):
    """The ranking page's filters and export format (GET); a filter that is no valid choice is ignored."""

    island = forms.ChoiceField(label=_("Pulau"), required=False, choices=[(g, g) for g in ISLAND_GROUPS])
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    type = forms.ChoiceField(label=_("Jenis daerah"), required=False, choices=REGION_TYPES)
    format = forms.ChoiceField(label=_("Format"), required=False, choices=[("csv", "CSV"), ("xlsx", "XLSX")])

    FILTERS: ClassVar[dict[str, str]] = {
        "island": "region__island_group",
        "province": "region__province_code",
        "type": "region__type",
    }

    def __init__(self, *args: Any, provinces: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = list(provinces)  # type: ignore[attr-defined]

    def filters(self) -> dict[str, str]:
        """The lookups of the valid, non-empty filters."""
        self.is_valid()
        return {
            lookup: self.cleaned_data[name]
            for name, lookup in self.FILTERS.items()
            if self.cleaned_data.get(name)
        }
