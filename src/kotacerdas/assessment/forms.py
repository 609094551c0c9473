"""Forms of the assessment pages; they only collect input, the services in ``domain/`` decide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.assessment.domain.conflicts import declarable_submissions
from kotacerdas.assessment.domain.rounds import assessable_cohorts
from kotacerdas.assessment.domain.rubrics import for_reader
from kotacerdas.assessment.enums import IMPACT_DIMENSIONS, ReviewState, RoundKind, RoundState
from kotacerdas.assessment.models import AssessorProfile, Assignment, Round, Submission
from kotacerdas.io.registry import load_registry
from kotacerdas.io.rubric_files import list_rubrics
from kotacerdas.programme.models import Cohort


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


def _numbers(**attrs: Any) -> forms.NumberInput:
    return forms.NumberInput(attrs=attrs)


class RoundForm(forms.Form):
    """A new round over a shipped rubric and a cohort's regions (:func:`~kotacerdas.assessment.domain.rounds.set_up_round`).

    The cohorts offered are those with a participation still in the programme; the service decides the rest.
    """

    name = forms.CharField(label=_("Nama"), max_length=160)
    kind = forms.ChoiceField(label=_("Jenis"), choices=RoundKind.choices)
    rubric = forms.ChoiceField(label=_("Rubrik (versi terkirim)"))
    cohort = forms.ModelChoiceField(label=_("Kohort"), queryset=Cohort.objects.none(), empty_label=None)
    regions = forms.CharField(
        label=_("Kode daerah (kosong = seluruh kohort yang masih aktif)"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "63.71 35.71"}),
    )
    deadline = forms.DateField(label=_("Tenggat"), widget=forms.DateInput(attrs={"type": "date"}))
    assessors_per_submission = forms.IntegerField(label=_("Asesor per daerah (k)"), min_value=1, initial=3)
    min_load = forms.IntegerField(label=_("Beban minimum"), min_value=0, initial=0)
    max_load = forms.IntegerField(label=_("Beban maksimum"), min_value=1, initial=10)
    objective = forms.ChoiceField(
        label=_("Tujuan penugasan"),
        choices=[("total", _("total afinitas")), ("fair", _("adil (terburuk dulu)"))],
    )
    disagreement_threshold = DecimalText(
        label=_("Ambang perbedaan"), initial="1.0", widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    seed = forms.IntegerField(label="Seed", min_value=0, initial=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "round-%s")
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["id"] = "round-name-input"  # "round-name" is the dashboard's title
        self.fields["rubric"].choices = [  # type: ignore[attr-defined]
            (r.key, f"{r.key} — {r.title}") for r in (for_reader(r) for r in list_rubrics())
        ]
        self.fields["cohort"].queryset = assessable_cohorts()  # type: ignore[attr-defined]

    def clean_regions(self) -> list[str]:
        text: str = self.cleaned_data["regions"]
        return text.replace(",", " ").split()

    def clean_disagreement_threshold(self) -> float:
        value = self.cleaned_data["disagreement_threshold"]
        if value is None or value < 0:
            raise forms.ValidationError(_("tulis angka 0 atau lebih"), code="min_value")
        return float(value)


class AssessorProfileForm(forms.Form):
    """An assessor user's profile; one optional ``expertise-<group>`` level (0–1) per rubric group."""

    user = forms.ModelChoiceField(
        label=_("Pengguna (peran asesor)"), queryset=User.objects.none(), empty_label=None
    )
    affiliation = forms.CharField(label=_("Afiliasi"), max_length=160)
    home_province_code = forms.ChoiceField(label=_("Provinsi asal"), required=False)
    available = forms.BooleanField(label=_("Tersedia"), required=False, initial=True)

    def __init__(self, *args: Any, groups: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.groups = groups
        self.fields["user"].queryset = User.objects.filter(role=Role.ASSESSOR).order_by("username")  # type: ignore[attr-defined]
        provinces = [(p.code, f"{p.code} {p.name}") for p in load_registry().provinces.values()]
        self.fields["home_province_code"].choices = [("", "—"), *provinces]  # type: ignore[attr-defined]
        for group in groups:
            self.fields[f"expertise-{group}"] = DecimalText(
                label=group, required=False, widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4})
            )

    def profile_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("user", "affiliation", "home_province_code", "available")]

    def expertise_fields(self) -> list[forms.BoundField]:
        return [self[f"expertise-{g}"] for g in self.groups]

    def expertise(self) -> dict[str, float]:
        """The levels given (an empty field is no level)."""
        levels = {g: self.cleaned_data[f"expertise-{g}"] for g in self.groups}
        return {g: level for g, level in levels.items() if level is not None}


class DeclareConflictForm(forms.Form):
    """The secretariat records a conflict of an assessor with one region of the round."""

    assessor = forms.ModelChoiceField(
        label=_("Asesor"), queryset=AssessorProfile.objects.none(), empty_label=_("— pilih asesor —")
    )
    submission = forms.ModelChoiceField(
        label=_("Daerah"), queryset=Submission.objects.none(), empty_label=_("— pilih daerah —")
    )
    reason = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(
        self,
        *args: Any,
        round_: Round,
        regions: list[tuple[int, str]] | None = None,
        assessors: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """``regions`` (:func:`region_choices`) and ``assessors`` (:func:`assessor_choices`): read once by a
        page showing several forms; read here when not given."""
        kwargs.setdefault("auto_id", "declare-%s")
        super().__init__(*args, **kwargs)
        assessor: Any = self.fields["assessor"]
        assessor.queryset = AssessorProfile.objects.all()
        assessor.choices = [
            ("", assessor.empty_label),
            *(assessor_choices() if assessors is None else assessors),
        ]
        submission: Any = self.fields["submission"]
        submission.queryset = _regions_of(round_)
        regions = region_choices(round_) if regions is None else regions
        submission.choices = [("", submission.empty_label), *regions]


class SurveyForm(forms.Form):
    """One surveyed programme of a region's citizen impact survey (yearly rounds)."""

    submission = forms.ModelChoiceField(
        label=_("Daerah"), queryset=Submission.objects.none(), empty_label=None
    )
    dimension = forms.ChoiceField(label=_("Dimensi"), choices=[(d, d) for d in IMPACT_DIMENSIONS])
    sub_dimension = forms.ChoiceField(label=_("Subdimensi"))
    programme = forms.CharField(label=_("Program"), max_length=160)
    respondents = forms.IntegerField(label=_("Responden"), min_value=0, widget=_numbers(size=5))
    mean_score = DecimalText(
        label=_("Rata-rata"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5, "placeholder": "0–5"}),
    )

    def __init__(
        self,
        *args: Any,
        round_: Round,
        sub_dimensions: list[tuple[str, str | Promise]],
        dimensions: Sequence[tuple[str, str | Promise]] | None = None,
        regions: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """``sub_dimensions`` and ``dimensions`` (by name; by code when not given): the monitoring
        framework's (the assessment app does not import monitoring); ``regions``: :func:`region_choices`,
        read here when not given."""
        kwargs.setdefault("auto_id", "survey-%s")
        super().__init__(*args, **kwargs)
        submission: Any = self.fields["submission"]
        submission.queryset = _regions_of(round_)
        submission.choices = region_choices(round_) if regions is None else list(regions)
        self.fields["mean_score"].required = True
        self.fields["sub_dimension"].choices = sub_dimensions  # type: ignore[attr-defined]
        if dimensions is not None:
            self.fields["dimension"].choices = dimensions  # type: ignore[attr-defined]


class AmendForm(forms.Form):
    """A new value of a submitted score after the round closed, with the reason."""

    value = DecimalText(
        label=_("Nilai baru"), widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5})
    )
    reason = forms.CharField(label=_("Alasan"), max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].required = True


class OverrideForm(forms.Form):
    """Replace the assessor of one assignment; only assessors free of the region are offered, none preselected."""

    assessor = forms.ModelChoiceField(
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
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis alasan penggantian.")},
    )

    def __init__(
        self, *args: Any, assignment: Assignment, candidates: list[AssessorProfile], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        field: Any = self.fields["assessor"]
        field.queryset = AssessorProfile.objects.filter(pk__in=[p.pk for p in candidates])
        # the precomputed candidates, without a second query
        field.choices = [("", field.empty_label), *((p.pk, p.user.username) for p in candidates)]


class ModerationForm(forms.Form):
    """The outcome of the moderation discussion of one flagged disagreement."""

    outcome = forms.CharField(
        label=_("Hasil moderasi"),
        max_length=2000,
        widget=forms.TextInput(attrs={"placeholder": _("hasil diskusi")}),
    )


#: the round actions of the dashboard and the round states their services accept
ROUND_ACTIONS: dict[str, tuple[str, ...]] = {
    "conflicts": (RoundState.DRAFT,),
    "assign": (RoundState.DRAFT,),
    "panels": (RoundState.DRAFT, RoundState.SCORING),
    "compute": (RoundState.CLOSED,),
}


class RoundActionForm(forms.Form):
    """One action of the round dashboard; only the actions its current state allows are offered."""

    action = forms.ChoiceField(label=_("Tindakan"))
    size = forms.IntegerField(
        label=_("asesor per panel"), min_value=1, required=False, widget=_numbers(min=1)
    )

    def __init__(self, *args: Any, round_: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [  # type: ignore[attr-defined]
            (name, name) for name, states in ROUND_ACTIONS.items() if round_.state in states
        ]
        self.fields["size"].initial = round_.assessors_per_submission


def _regions_of(round_: Round) -> Any:
    # the choices name regions: their boundaries and the questionnaires (large JSON) are not read
    return (
        round_.submissions.select_related("participation__region")
        .defer("questionnaire", "participation__region__geometry")
        .order_by("participation__region__name")
    )


def region_choices(round_: Round) -> list[tuple[int, str]]:
    """The round's submissions as choices named by their region (two columns read, once per page)."""
    rows = round_.submissions.order_by("participation__region__name")
    return list(rows.values_list("pk", "participation__region__name"))


def assessor_choices() -> list[tuple[int, str]]:
    """Every assessor as a choice named by the user name."""
    return list(AssessorProfile.objects.order_by("user__username").values_list("pk", "user__username"))
