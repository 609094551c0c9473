"""Forms of the assessment pages; they only collect input, the services in ``domain/`` decide."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.assessment.domain.assignment import replacement_candidates
from kotacerdas.assessment.domain.conflicts import declarable_submissions
from kotacerdas.assessment.enums import ReviewState
from kotacerdas.assessment.models import AssessorProfile, Assignment, Submission


class SubmissionChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A region of a round, shown as ``round — region``."""

    def label_from_instance(self, obj: Submission) -> str:
        return f"{obj.round.name} — {obj.participation.region.name}"


class OwnConflictForm(forms.Form):
    """An assessor declares a conflict of interest with one region of a round in draft or scoring."""

    submission = SubmissionChoice(
        label=_("Daerah dalam putaran"), queryset=Submission.objects.none(), empty_label=None
    )
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("mis. mantan pegawai pemda, kerabat, konsultan")}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["submission"].queryset = declarable_submissions()  # type: ignore[attr-defined]


class AssessorChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """An assessor, shown by username."""

    def label_from_instance(self, obj: AssessorProfile) -> str:
        return str(obj.user.username)


class OverrideForm(forms.Form):
    """The secretariat gives an unsubmitted assignment to another assessor: one who may take it (not on the
    region's panel, no recorded conflict with it), nobody preselected, and the reason for the audit log."""

    assessor = AssessorChoice(
        label=_("Asesor pengganti"),
        queryset=AssessorProfile.objects.none(),
        empty_label=_("— pilih asesor —"),
        error_messages={
            "required": _("Pilih asesor pengganti."),
            "invalid_choice": _("Asesor itu tidak dapat menggantikan di daerah ini."),
        },
    )
    reason = forms.CharField(
        label=_("Alasan penggantian (dicatat di log audit)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis alasan penggantian.")},
    )

    def __init__(self, *args: Any, assignment: Assignment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = replacement_candidates(assignment)  # type: ignore[attr-defined]


class TaskFilterForm(forms.Form):
    """The state filter of the task list (empty: every state)."""

    state = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua")), *ReviewState.choices]
    )


class DecimalText(forms.CharField):
    """A number written with a decimal point or comma; empty is ``None``."""

    default_error_messages: ClassVar[dict[str, Any]] = {"invalid": _("%(value)r bukan angka")}

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        text = str(super().to_python(value)).strip().replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from None


class ScoreForm(forms.Form):
    """An assessor's scores and comments, two fields per criterion: ``score-<id>`` and ``comment-<id>``.

    The scale and the rest of the rules are the scoring service's (:mod:`kotacerdas.assessment.domain.scoring`).
    """

    def __init__(self, *args: Any, criteria: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = [cid for cid, _name in criteria]
        for cid, name in criteria:
            self.fields[f"score-{cid}"] = DecimalText(label=name, required=False)
            self.fields[f"comment-{cid}"] = forms.CharField(label=name, required=False, strip=False)

    def values(self) -> dict[str, float | None]:
        return {cid: self.cleaned_data[f"score-{cid}"] for cid in self.criteria}

    def comments(self) -> dict[str, str]:
        return {cid: self.cleaned_data[f"comment-{cid}"] for cid in self.criteria}
