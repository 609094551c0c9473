"""Forms of the region page's lifecycle actions: enrol, move, substitute, reselect, legalise, bimtek, SK.

They only read and check the input (types, choices, known cohort and region); every business rule
stays in :mod:`kotacerdas.programme.domain.participation`, which the views call with ``cleaned_data``.
Field names are those of the hand-written forms in ``web/region.html`` and ``web/_lifecycle_forms.html``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.regions.models import Region

INITIAL_STATES = (State.INVITED, State.SELECTED)


class _DatedForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Tanggal"), required=False)
    reason = forms.CharField(label=gettext_lazy("Alasan"), required=False)


class _CohortField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self) -> None:
        super().__init__(Cohort.objects.all(), label=gettext_lazy("Kohort"))


class EnrolForm(_DatedForm):
    cohort = _CohortField()
    state = forms.ChoiceField(label=gettext_lazy("Tahap awal"), choices=State.choices)

    def clean_state(self) -> State:
        state = State(self.cleaned_data["state"])
        if state not in INITIAL_STATES:
            raise forms.ValidationError(
                _("keikutsertaan dimulai sebagai %(allowed)s, bukan %(state)s")
                % {"allowed": _(" atau ").join(str(s.label) for s in INITIAL_STATES), "state": state.label},
                code="invalid_initial_state",
            )
        return state


class TransitionForm(_DatedForm):
    to = forms.ChoiceField(label=gettext_lazy("Pindahkan ke"), choices=State.choices)

    def clean_to(self) -> State:
        return State(self.cleaned_data["to"])


class SubstituteForm(_DatedForm):
    region = forms.CharField(label=gettext_lazy("Digantikan oleh (kode Kemendagri)"))

    def clean_region(self) -> Region:
        code = self.cleaned_data["region"].strip()
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise forms.ValidationError(
                _("%(code)r bukan kode Kemendagri (mis. 63.71)") % {"code": code}, code="no_region"
            )
        return region


class ReselectForm(_DatedForm):
    cohort = _CohortField()


class LegaliseForm(forms.Form):
    instrument = forms.CharField(label=gettext_lazy("Pengesahan masterplan"))
    number = forms.CharField(label=gettext_lazy("Nomor"))
    on = forms.DateField(label=gettext_lazy("Tanggal"))


class BimtekForm(forms.Form):
    stage = forms.IntegerField(label="Bimtek", min_value=1)
    start = forms.DateField(label=gettext_lazy("Mulai"))
    end = forms.DateField(label=gettext_lazy("Sampai"))
    attendees = forms.IntegerField(label=gettext_lazy("Jumlah peserta"), min_value=0)


class DecreeForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Lembaga"), choices=[("council", "Dewan Smart City"), ("team", "Tim Pelaksana")]
    )
    decree_number = forms.CharField(label=gettext_lazy("Nomor SK"))
    decree_date = forms.DateField(label=gettext_lazy("Tanggal SK"))
    members = forms.CharField(label=gettext_lazy("Anggota, satu per baris"), required=False)

    def clean_members(self) -> list[str]:
        return [m.strip() for m in self.cleaned_data["members"].splitlines() if m.strip()]


class BulkMoveForm(forms.Form):
    """The pipeline board's bulk move: the ticked regions of one cohort, the target stage and a reason.

    Whether each region may make the move is the state machine's (the service refuses all or nothing).
    """

    participation = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Daerah yang dicentang"), queryset=Participation.objects.none()
    )
    to = forms.TypedChoiceField(
        label=gettext_lazy("Pindahkan yang dicentang ke"), choices=State.choices, coerce=State
    )
    reason = forms.CharField(label=gettext_lazy("Alasan"), required=False, max_length=300)

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participation"].queryset = cohort.participations.select_related("region", "cohort")  # type: ignore[attr-defined]
