"""Forms of the assessment pages; they only collect input, the services in ``domain/`` decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kotacerdas.assessment.domain.conflicts import declarable_submissions
from kotacerdas.assessment.models import Submission


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
