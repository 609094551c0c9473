"""The selection settings form and SELECTION.yaml hold the same settings: form → YAML → form is identity."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kotacerdas.errors import InputError
from kotacerdas.programme.selection_forms import (
    CohortForm,
    bound_forms,
    form_data_from_yaml,
    settings_from_forms,
    settings_to_yaml,
)
from tests.platform import factories as f

names = (
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789 -", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool)
)
counts = st.integers(min_value=0, max_value=30)
shares = st.sampled_from([0.0, 0.1, 0.25, 0.3, 0.5, 0.75, 1.0])


@st.composite
def quota(draw: st.DrawFn) -> dict[str, object]:
    row: dict[str, object] = {"by": draw(st.sampled_from(["province", "island_group", "type"]))}
    if draw(st.booleans()):
        row["value"] = draw(st.sampled_from(["kabupaten", "kota", "Jawa", "Papua", "Bali-Nusa Tenggara"]))
    low = draw(st.none() | counts)
    high = draw(st.none() | st.integers(min_value=low or 0, max_value=40))
    for key, value in (
        ("min", low),
        ("max", high),
        ("min_share", draw(st.none() | shares)),
        ("max_share", draw(st.none() | shares)),
    ):
        if value is not None:
            row[key] = value
    if len(row) == 1 + ("value" in row):
        row["max"] = 2
    if draw(st.booleans()):
        row["over"] = "all"
    return row


@st.composite
def selection_settings(draw: st.DrawFn) -> dict[str, object]:
    out: dict[str, object] = {}
    phase_names = draw(st.lists(names, max_size=3, unique=True))
    if phase_names:
        out["phases"] = [
            {"name": n, "size": draw(st.integers(min_value=1, max_value=50))} for n in phase_names
        ]
    rows = draw(st.lists(quota(), max_size=4))
    if rows:
        out["quotas"] = rows
    objective = draw(
        st.sampled_from(["max_score", "maxmin_island_group", "expected_score", "max_probability"])
    )
    if objective != "max_score":
        out["objective"] = objective
    return out


def forms_settings(data: dict[str, object]) -> dict[str, object]:
    form, phases, quotas = bound_forms(data)
    assert form.is_valid() and phases.is_valid() and quotas.is_valid(), (
        form.errors,
        phases.errors,
        quotas.errors,
    )
    return settings_from_forms(form, phases, quotas)


@settings(max_examples=150, deadline=None)
@given(selection_settings())
def test_yaml_to_form_to_yaml_is_identity(mapping):
    text = settings_to_yaml(mapping)
    back = forms_settings(form_data_from_yaml(text))
    assert back == mapping
    assert settings_to_yaml(back) == text


@settings(max_examples=150, deadline=None)
@given(selection_settings())
def test_form_to_yaml_to_form_is_identity(mapping):
    data = form_data_from_yaml(settings_to_yaml(mapping))  # a filled-in form
    first = forms_settings(data)
    second_data = form_data_from_yaml(settings_to_yaml(first))
    assert forms_settings(second_data) == first
    assert {k: v for k, v in second_data.items() if v != ""} == {k: v for k, v in data.items() if v != ""}


def test_an_empty_quota_row_is_left_out_and_a_row_without_bound_is_refused():
    data = form_data_from_yaml("quotas: [{by: province, max: 2}]\n")
    data.update({"quotas-TOTAL_FORMS": "2", "quotas-1-by": "province", "quotas-1-over": "phase"})
    assert forms_settings(data) == {"quotas": [{"by": "province", "max": 2}]}
    data["quotas-1-value"] = "Jawa"
    _form, _phases, quotas = bound_forms(data)
    assert not quotas.is_valid()
    assert quotas.errors[1]["__all__"] == ["Isi min, maks, porsi min atau porsi maks."]


def test_yaml_only_settings_stay_advanced():
    with pytest.raises(InputError, match="eligibility, exclude hanya dapat diatur di teks lanjutan"):
        form_data_from_yaml("exclude: [63.71]\neligibility: [{column: score, min: 40}]\n")
    with pytest.raises(InputError, match="bukan YAML yang sah"):
        form_data_from_yaml("quotas: [\n")


@pytest.mark.django_db
def test_cohort_form_reads_phases():
    programme = f.programme()
    form = CohortForm(
        {
            "programme": programme.pk,
            "name": "GM100 2027",
            "year": "2027",
            "target_size": "50",
            "phases": "Tahap 1: 25, Tahap 2: 25",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phases"] == [{"name": "Tahap 1", "size": 25}, {"name": "Tahap 2", "size": 25}]
    bad = CohortForm(
        {"programme": programme.pk, "name": "x", "year": "2027", "target_size": "5", "phases": "Tahap 1 25"}
    )
    assert not bad.is_valid() and "phases" in bad.errors
