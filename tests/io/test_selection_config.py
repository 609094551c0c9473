"""SELECTION.yaml: the documented form parses; mistakes name the file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kotacerdas.engine.selection import EligibilityRule, Phase, Quota
from kotacerdas.errors import ConfigError, InputError
from kotacerdas.io.selection_config import build_problem, load_selection_config
from kotacerdas.io.selection_inputs import read_scores

ISSUE_EXAMPLE = """\
score: Index                                  # column to maximise
phases: [{name: "2027", size: 25}, {name: "2028", size: 50}, {name: "2029", size: 25}]
eligibility: [{column: fiscal_class, min: sedang, order: [sangat rendah, rendah, sedang, tinggi, sangat tinggi]},
              {column: Index, min: 40}]
exclude: [63.71, 32.73]                       # or {file: earlier_cohorts.csv}
quotas:                                       # per phase unless `over: all`
  - {by: province, max: 4}
  - {by: island_group, min: 2}
  - {by: type, value: kota, min_share: 0.3}
objective: max_score                          # | maxmin_island_group | expected_score
"""


def write(tmp_path: Path, text: str, name: str = "SELECTION.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_issue_example_parses_exactly(tmp_path):
    config = load_selection_config(write(tmp_path, ISSUE_EXAMPLE))
    assert config.score == "Index"
    assert config.phases == (Phase("2027", 25), Phase("2028", 50), Phase("2029", 25))
    assert config.rules == (
        EligibilityRule(
            "fiscal_class",
            min="sedang",
            order=("sangat rendah", "rendah", "sedang", "tinggi", "sangat tinggi"),
        ),
        EligibilityRule("Index", min=40.0),
    )
    assert config.quotas == (
        Quota("province", max=4),
        Quota("island_group", min=2),
        Quota("type", value="kota", min_share=0.3),
    )
    assert config.exclude == {
        "63.71": "listed under exclude in the configuration",
        "32.73": "listed under exclude in the configuration",
    }
    assert config.objective == "max_score"
    assert config.uncertainty is None


def test_codes_that_yaml_reads_as_numbers_keep_their_digits(tmp_path):
    config = load_selection_config(
        write(tmp_path, "score: s\nphases: [{size: 1}]\nexclude: [11.10, 3273, '63.71']\n")
    )
    assert sorted(config.exclude) == ["11.10", "32.73", "63.71"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("score: s\nphases: [{size: 1}]\nquota: []\n", "key 'quota': unknown key"),
        ("phases: [{size: 1}]\n", "key 'score': missing or not a column name"),
        ("score: s\nphases: [{size: 0}]\n", "key 'phases[0].size': 0 is not a positive integer"),
        (
            "score: s\nphases: [{size: 2}]\nquotas: [{by: province, max: -1}]\n",
            "key 'quotas[0].max': -1 is not a non-negative integer",
        ),
        (
            "score: s\nphases: [{size: 2}]\nquotas: [{by: province, maximum: 1}]\n",
            "key 'quotas[0].maximum': unknown key",
        ),
        (
            "score: s\nphases: [{size: 2}]\nquotas: [{by: type, min_share: 1.5}]\n",
            "key 'quotas[0].min_share': 1.5 is not a share between 0 and 1",
        ),
        (
            "score: s\nphases: [{size: 2}]\neligibility: [{column: f, min: x, order: [a, b]}]\n",
            "key 'eligibility[0].min': 'x' is not one of the order ['a', 'b']",
        ),
        (
            "score: s\nphases: [{size: 2}]\nobjective: fairest\n",
            "key 'objective': unknown objective 'fairest'",
        ),
        (
            "score: s\nphases: [{size: 2}]\nobjective: expected_score\n",
            "key 'uncertainty': objective expected_score needs uncertainty samples",
        ),
    ],
)
def test_mistakes_name_the_file_and_key(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_selection_config(path)
    assert info.value.message == message
    assert info.value.location.file == str(path)


def test_bad_yaml_names_the_line(tmp_path):
    path = write(tmp_path, "score: s\nphases: [{size: 1}\n")
    with pytest.raises(ConfigError) as info:
        load_selection_config(path)
    assert info.value.location.row == 3
    assert info.value.message.startswith("not valid YAML")


def test_unknown_exclude_code_names_the_key(tmp_path):
    path = write(tmp_path, "score: s\nphases: [{size: 1}]\nexclude: [99.99]\n")
    with pytest.raises(InputError) as info:
        load_selection_config(path)
    assert (info.value.location.file, info.value.location.column) == (str(path), "exclude[0]")


def test_exclusion_file_keeps_withdrawn_regions_selectable(tmp_path):
    (tmp_path / "earlier.csv").write_text(
        "code,year,status\n3276,2018,cancelled\n32.73,2017,selected\n", encoding="utf-8"
    )
    config = load_selection_config(
        write(tmp_path, "score: s\nphases: [{size: 1}]\nexclude: {file: earlier.csv}\n")
    )
    assert config.exclude == {"32.73": "already in an earlier cohort (2017)"}


def test_build_problem_checks_columns_against_the_scores_file(tmp_path):
    (tmp_path / "scores.csv").write_text("code,s\n11.01,3\n", encoding="utf-8")
    path = write(tmp_path, "score: s\nphases: [{size: 1}]\nquotas: [{by: fiscal, max: 1}]\n")
    config = load_selection_config(path)
    with pytest.raises(ConfigError) as info:
        build_problem(config, read_scores(tmp_path / "scores.csv", "s"))
    assert info.value.message == "key 'quotas[0].by': unknown column 'fiscal'"


def test_noise_uncertainty_is_seeded(tmp_path):
    (tmp_path / "scores.csv").write_text("code,s\n11.01,3\n11.02,4\n", encoding="utf-8")
    text = "score: s\nphases: [{size: 1}]\nuncertainty: {sd: 1.0, draws: 5, seed: 0}\n"
    config = load_selection_config(write(tmp_path, text))
    a = build_problem(config, read_scores(tmp_path / "scores.csv", "s")).samples
    b = build_problem(config, read_scores(tmp_path / "scores.csv", "s")).samples
    assert a is not None and b is not None
    assert a.shape == (5, 2)
    assert (a == b).all()


def test_reselection_can_be_allowed_per_region(tmp_path):
    (tmp_path / "earlier.csv").write_text("code,year\n32.73,2017\n32.76,2018\n", encoding="utf-8")
    text = "score: s\nphases: [{size: 1}]\nexclude: {file: earlier.csv, reselect: [3276]}\n"
    config = load_selection_config(write(tmp_path, text))
    assert config.exclude == {"32.73": "already in an earlier cohort (2017)"}
