"""Forms of the masterplan pages: every input of the UI goes through one of these, then a service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kotacerdas.monitoring.domain.evidence import Evidence
from kotacerdas.monitoring.framework import (
    QUICK_WIN_TRANSITIONS,
    SUB_DIMENSIONS,
    BudgetSource,
    Dimension,
    Horizon,
    QuickWinStatus,
    belongs,
)
from kotacerdas.monitoring.models import Kpi, MasterplanProgramme

MAX_RUPIAH = 10**16 - 1


class MasterplanForm(forms.Form):
    vision = forms.CharField(label=_("Visi"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    start_year = forms.IntegerField(label=_("Tahun mulai"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Tahun akhir"), min_value=2000, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_year"), data.get("end_year")
        if start is not None and end is not None and not 0 <= end - start <= 10:
            raise forms.ValidationError(_("Periode masterplan harus maju dan paling lama 10 tahun."))
        return data


def sub_dimension_choices() -> list[tuple[str, list[tuple[str, str | Promise]]]]:
    """The 3 sub-dimensions grouped under each of the 6 dimensions (an optgroup per dimension)."""
    return [(str(d.label), list(SUB_DIMENSIONS[d])) for d in Dimension]


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Nama program"), max_length=200)
    dimension = forms.ChoiceField(label=_("Dimensi"), choices=Dimension.choices)
    sub_dimension = forms.ChoiceField(label=_("Subdimensi"), choices=sub_dimension_choices)
    horizon = forms.TypedChoiceField(label=_("Horizon"), choices=Horizon.choices, coerce=int)
    owner_opd = forms.CharField(label=_("OPD penanggung jawab"), max_length=120)
    budget_source = forms.ChoiceField(label=_("Sumber anggaran"), choices=BudgetSource.choices)
    budget_amount = forms.IntegerField(label=_("Jumlah anggaran (Rp)"), min_value=0, max_value=MAX_RUPIAH)
    start_year = forms.IntegerField(label=_("Tahun mulai"), min_value=2000, max_value=2100)
    quick_win = forms.BooleanField(label=_("Quick win"), required=False)
    description = forms.CharField(
        label=_("Uraian"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dimension, sub = data.get("dimension"), data.get("sub_dimension")
        if dimension and sub and not belongs(dimension, sub):
            self.add_error("sub_dimension", _("Subdimensi ini bukan bagian dari dimensi yang dipilih."))
        return data


def parse_targets(text: str) -> dict[int, float]:
    """``2025: 40`` one per line (``=`` works too) → {2025: 40.0}; a bad line is named by its number."""
    targets: dict[int, float] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        year, sep, value = line.replace("=", ":").partition(":")
        try:
            if not sep:
                raise ValueError
            y, v = int(year.strip()), float(value.strip().replace(",", "."))
        except ValueError:
            raise forms.ValidationError(
                _("Baris %(line)s: tulis tahun: nilai, misalnya 2025: 40") % {"line": number}
            ) from None
        if v != v or v in (float("inf"), float("-inf")) or not 2000 <= y <= 2100:
            raise forms.ValidationError(_("Baris %(line)s: tahun atau nilai tidak sah") % {"line": number})
        if y in targets:
            raise forms.ValidationError(
                _("Baris %(line)s: tahun %(year)s sudah ada") % {"line": number, "year": y}
            )
        targets[y] = v
    return targets


class KpiForm(forms.Form):
    name = forms.CharField(label=_("Nama KPI"), max_length=200)
    unit = forms.CharField(label=_("Satuan"), max_length=40)
    baseline = forms.FloatField(label=_("Nilai dasar (baseline)"), required=False)
    baseline_year = forms.IntegerField(
        label=_("Tahun baseline"), required=False, min_value=2000, max_value=2100
    )
    higher_is_better = forms.BooleanField(label=_("Makin tinggi makin baik"), required=False, initial=True)
    targets = forms.CharField(
        label=_("Target per tahun (satu baris per tahun, mis. 2025: 40)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

    def clean_targets(self) -> dict[int, float]:
        return parse_targets(self.cleaned_data["targets"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("baseline") is None) != (data.get("baseline_year") is None) and not self.errors:
            raise forms.ValidationError(_("Isi baseline bersama tahunnya, atau kosongkan keduanya."))
        return data


class EvidenceMixin(forms.Form):
    evidence_url = forms.URLField(
        label=_("Tautan bukti"), required=False, max_length=500, assume_scheme="https"
    )
    evidence_file = forms.FileField(label=_("Berkas bukti (PDF)"), required=False)

    def evidence(self) -> Evidence:
        upload: UploadedFile[Any] | None = self.cleaned_data.get("evidence_file")
        return Evidence(
            url=self.cleaned_data.get("evidence_url") or "",
            file_name=(upload.name or "") if upload else "",
            content=upload.read() if upload else None,
        )


class ActualForm(EvidenceMixin):
    year = forms.TypedChoiceField(label=_("Tahun capaian"), coerce=int, required=False, empty_value=None)
    kpi = forms.ModelChoiceField(label=_("KPI"), queryset=Kpi.objects.none())
    value = forms.FloatField(label=_("Capaian"))
    note = forms.CharField(label=_("Catatan"), required=False, max_length=300)

    field_order = ("year", "kpi", "value", "evidence_url", "evidence_file", "note")

    def __init__(self, *args: Any, kpis: Any, years: list[int], **kwargs: Any) -> None:
        """``years``: those whose reporting window is open (any other year is refused by the form)."""
        super().__init__(*args, **kwargs)
        self.fields["kpi"].queryset = kpis  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y, str(y)) for y in years] or [("", "—")]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value = data.get("value")
        if value is not None and (value != value or value in (float("inf"), float("-inf"))):
            self.add_error("value", _("Capaian harus berupa angka."))
        if data.get("year") is None and "year" not in self.errors:
            self.add_error("year", _("Tidak ada jendela pelaporan yang terbuka untuk tahun ini."))
        if not data.get("evidence_url") and not data.get("evidence_file") and not self.errors:
            raise forms.ValidationError(_("Bukti wajib: beri tautan atau unggah PDF."))
        return data


class BudgetForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Program"), queryset=MasterplanProgramme.objects.none())
    year = forms.IntegerField(label=_("Tahun"), min_value=2000, max_value=2100)
    planned = forms.IntegerField(label=_("Rencana (Rp)"), min_value=0, max_value=MAX_RUPIAH)
    realised = forms.IntegerField(
        label=_("Realisasi (Rp)"), min_value=0, max_value=MAX_RUPIAH, required=False
    )

    def __init__(self, *args: Any, programmes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]


class WindowForm(forms.Form):
    year = forms.IntegerField(label=_("Tahun capaian"), min_value=2000, max_value=2100)
    opens_on = forms.DateField(label=_("Dibuka"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Ditutup pada"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            raise forms.ValidationError(_("Tanggal tutup tidak boleh sebelum tanggal buka."))
        return data


class QuickWinForm(EvidenceMixin):
    """A status step; the choices are the legal next statuses of the quick win only."""

    status = forms.ChoiceField(label=_("Status baru"))
    on = forms.DateField(label=_("Tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Catatan"), required=False, max_length=300)

    field_order = ("status", "on", "note", "evidence_url", "evidence_file")

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = QUICK_WIN_TRANSITIONS.get(current, frozenset())
        self.fields["status"].choices = [(s.value, s.label) for s in QuickWinStatus if s in allowed]  # type: ignore[attr-defined]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Komentar"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))
