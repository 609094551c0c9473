"""The CLI readers' refusals (ratings, assignment files, selection inputs and SELECTION.yaml, index tables
and the engine's iMeta/iData checks) carry a specific code and params, and read in both languages.

Two checks: every refusal raised in these modules names a code that has an Indonesian template (read from
the source, so a new refusal without one fails); and each refusal, raised from a small bad input, reads
in English exactly as the CLI prints it and in Indonesian from its template.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from django.utils import translation

import kotacerdas
from kotacerdas.accounts.error_text import HINTS, MESSAGES, localise, message
from kotacerdas.engine.indicators import Framework
from kotacerdas.engine.indicators.table import InputTable
from kotacerdas.engine.indicators.validate import validate_data
from kotacerdas.errors import KotaCerdasError
from kotacerdas.io.assignment_files import read_affinity, read_constraints, read_expertise, read_required
from kotacerdas.io.bridge import load_bps_bridge
from kotacerdas.io.index_tables import read_config, read_table
from kotacerdas.io.native_index import framework_to_meta, read_native
from kotacerdas.io.ratings import read_ratings
from kotacerdas.io.registry import island_group
from kotacerdas.io.rubric_files import list_rubrics, load_rubric, parse_rubric, read_criterion_scores
from kotacerdas.io.selection_config import load_problem, load_selection_config
from kotacerdas.io.selection_inputs import read_samples, read_scores
from kotacerdas.io.selection_units import Units
from kotacerdas.io.uncertainty_output import read_factors

SRC = Path(kotacerdas.__file__).parent
READERS = [
    "io/ratings.py",
    "io/assignment_files.py",
    "io/selection_config.py",
    "io/selection_inputs.py",
    "io/selection_units.py",
    "io/index_tables.py",
    "io/native_index.py",
    "io/bridge.py",
    "io/registry.py",
    "io/rubric_files.py",
    "io/uncertainty_output.py",
    "engine/indicators/framework.py",
    "engine/indicators/validate.py",
]
ERRORS = {"InputError", "ConfigError", "MethodError", "_fail"}
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _codes(node: ast.expr) -> list[str]:
    """The codes a ``code=`` argument may take: a constant, or the branches of a conditional."""
    if isinstance(node, ast.IfExp):
        return _codes(node.body) + _codes(node.orelse)
    assert isinstance(node, ast.Constant) and isinstance(node.value, str), ast.unparse(node)
    return [node.value]


def _refusals() -> list[tuple[str, int, ast.Call]]:
    found = []
    for name in READERS:
        tree = ast.parse((SRC / name).read_text(encoding="utf-8"))
        helpers = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "_fail"]
        inside = {id(n) for helper in helpers for n in ast.walk(helper)}  # the helper passes its code on
        for node in ast.walk(tree):
            if (
                id(node) not in inside
                and isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ERRORS
            ):
                found.append((name, node.lineno, node))
    return found


def _raised_codes() -> set[str]:
    """Every code the readers raise, as the source names them."""
    codes: set[str] = set()
    for _name, _line, call in _refusals():
        for keyword in call.keywords:
            if keyword.arg == "code" and not isinstance(keyword.value, ast.Attribute):
                codes.update(_codes(keyword.value))
    return codes


def _fail_adds_key(name: str) -> bool:
    """selection_config's ``_fail`` puts the refused key into the params itself."""
    tree = ast.parse((SRC / name).read_text(encoding="utf-8"))
    return any(
        isinstance(n, ast.FunctionDef) and n.name == "_fail" and any(a.arg == "key" for a in n.args.args)
        for n in ast.walk(tree)
    )


def test_every_refusal_of_the_readers_has_a_code_with_a_template_that_its_params_fill():
    refusals = _refusals()
    assert len(refusals) > 90  # the walk sees the readers' refusals
    for name, line, call in refusals:
        where = f"{name}:{line}"
        keywords = {k.arg: k.value for k in call.keywords if k.arg is not None}
        assert "code" in keywords, f"{where}: a refusal without a specific code"
        code_node = keywords["code"]
        if isinstance(code_node, ast.Attribute):  # a refusal passed on: its code and params go with it
            assert ast.unparse(code_node) == "exc.code", where
            assert ast.unparse(keywords["params"]) == "exc.params", where
            continue
        if isinstance(call.func, ast.Name) and call.func.id == "_fail":
            params = {k for k in keywords if k not in ("code", "hint")}
            params |= {"key"} if _fail_adds_key(name) else set()
        elif "params" in keywords:
            assert isinstance(keywords["params"], ast.Dict), where
            params = {k.value for k in keywords["params"].keys if isinstance(k, ast.Constant)}
        else:
            params = set()
        params = {"prefix" if p == "what" else p for p in params}  # error_text words the prefix from ``what``
        for code in _codes(code_node):
            assert code in MESSAGES, f"{where}: no Indonesian template for {code!r}"
            wanted = set(PLACEHOLDER.findall(str(MESSAGES[code])))
            hinted = set(PLACEHOLDER.findall(str(HINTS.get(code, ""))))
            if "hint" in keywords:
                assert code in HINTS, f"{where}: a hint but no hint template for {code!r}"
                wanted |= hinted
            elif code == "missing_column":  # a hint of the caller's own: no list of columns
                wanted -= hinted
            assert params == wanted, (
                f"{where}: params {sorted(params)} for {code!r}, templates {sorted(wanted)}"
            )


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _scores(
    folder: Path, text: str, units: Units | None = None, score: str = "score"
) -> Callable[[], object]:
    return lambda: read_scores(_write(folder, "scores.csv", text), score, units=units)


def _selection(folder: Path, text: str) -> Callable[[], object]:
    return lambda: load_selection_config(_write(folder, "SELECTION.yaml", text))


BASE = "score: Index\nphases: [{name: '2027', size: 2}]\n"


def _meta(changes: dict[tuple[int, str], object] | None = None, drop: str | None = None) -> pd.DataFrame:
    m = pd.DataFrame({
        "iCode": ["a", "b", "P", "Q", "Idx"], "Level": [1, 1, 2, 2, 3], "Parent": ["P", "Q", "Idx", "Idx", None],
        "Direction": [1, 1, 1, 1, 1], "Weight": [1, 1, 1, 1, 1], "Type": ["Indicator"] * 2 + ["Aggregate"] * 3,
    }, dtype=object)  # fmt: skip
    for (row, column), value in (changes or {}).items():
        m.loc[row, column] = value
    return m.drop(columns=[drop]) if drop else m


def _framework(meta: pd.DataFrame) -> Callable[[], object]:
    return lambda: Framework.from_meta(meta, "meta.csv")


def _data(columns: dict[str, list[object]]) -> Callable[[], object]:
    base: dict[str, list[object]] = {"uCode": ["A", "B"], "a": ["1", "2"], "b": ["3", "4"]}
    table = InputTable({k: v for k, v in (base | columns).items() if v is not None})
    return lambda: validate_data(table, Framework.from_meta(_meta()), "data.csv", "meta.csv")


def _cases(tmp: Path) -> list[tuple[str, Callable[[], object]]]:
    scores = read_affinity(_write(tmp, "affinity.csv", "s1,a1,0.5\ns2,a1,0.4\n"))
    two = read_affinity(_write(tmp, "affinity2.csv", "s1,a1,0.5\ns2,a1,0.4\n"))
    candidates = read_scores(_write(tmp, "cands.csv", "code,score\nA,1\nB,2\n"), "score", units=Units("any"))
    framework = _write(tmp, "framework.yaml", "code: I\nchildren: [{code: a}, {code: b}]\n")
    _write(tmp, "earlier.csv", "code\n63.71\n")
    bridge = load_bps_bridge(_write(tmp, "bridge.csv", "kemendagri_code,bps_code\n63.71,6371\n"))
    rubric = list_rubrics()[0]
    first, low = rubric.criteria[0].id, f"{rubric.scale.minimum:g}"
    one_criterion = {
        "id": "r", "version": "1", "scale": {"min": 0, "max": 5}, "groups": [{"id": "g", "name": "G"}],
        "criteria": [{"id": "a", "name": "A", "group": "g", "weight": 1}],
    }  # fmt: skip
    return [
        ("bridge_columns", lambda: load_bps_bridge(_write(tmp, "b.csv", "code,bps\n63.71,6371\n"))),
        (
            "not_a_bps_code",
            lambda: load_bps_bridge(_write(tmp, "b.csv", "kemendagri_code,bps_code\n63.71,63\n")),
        ),
        (
            "bps_code_twice",
            lambda: load_bps_bridge(
                _write(tmp, "b.csv", "kemendagri_code,bps_code\n63.71,6371\n63.72,6371\n")
            ),
        ),
        (
            "kemendagri_code_twice",
            lambda: load_bps_bridge(
                _write(tmp, "b.csv", "kemendagri_code,bps_code\n63.71,6371\n63.71,6372\n")
            ),
        ),
        ("bps_code_not_in_bridge", lambda: bridge.to_kemendagri("9999")),
        ("not_a_province_code", lambda: island_group("1")),
        ("no_island_group", lambda: island_group("01")),
        ("unknown_rubric", lambda: load_rubric("no-such-rubric")),
        ("rubric_not_a_mapping", lambda: parse_rubric([], "r.yaml")),
        ("missing_key", lambda: parse_rubric({}, "r.yaml")),
        ("missing_key", lambda: parse_rubric({"scale": {"max": 5}}, "r.yaml")),
        ("malformed_rubric", lambda: parse_rubric({"scale": {"min": "low", "max": 5}}, "r.yaml")),
        (
            "rubric_predicate_label",
            lambda: parse_rubric(
                {**one_criterion, "predicates": [{"min": 2.5, "label": "terencana", "label_en": 3}]}, "r.yaml"
            ),
        ),
        ("criterion_cells", lambda: read_criterion_scores(_write(tmp, "k.csv", "a,1,2\n"), rubric)),
        (
            "criterion_scored_twice",
            lambda: read_criterion_scores(_write(tmp, "k.csv", f"{first},{low}\n{first},{low}\n"), rubric),
        ),
        (
            "criteria_unscored",
            lambda: read_criterion_scores(_write(tmp, "k.csv", f"{first},{low}\n"), rubric),
        ),
        ("no_factors", lambda: read_factors(_write(tmp, "factors.yaml", "{}\n"))),
        ("ratings_too_narrow", lambda: read_ratings(_write(tmp, "r.csv", "unit,r1\nu,1\n"))),
        ("ratings_no_units", lambda: read_ratings(_write(tmp, "r.csv", "unit,r1,r2\n"))),
        ("empty_unit_id", lambda: read_ratings(_write(tmp, "r.csv", "unit,r1,r2\n,1,2\n"))),
        ("unit_repeats", lambda: read_ratings(_write(tmp, "r.csv", "unit,r1,r2\nu,1,2\nu,2,3\n"))),
        ("headerless_columns", lambda: read_affinity(_write(tmp, "s.csv", "s1,a1\n"))),
        ("empty_id", lambda: read_affinity(_write(tmp, "s.csv", "s1,,0.5\n"))),
        ("pair_listed_twice", lambda: read_affinity(_write(tmp, "s.csv", "s1,a1,0.5\ns1,a1,0.3\n"))),
        ("unknown_submission", lambda: read_constraints(_write(tmp, "c.csv", "s9,a1,-1\n"), scores)),
        ("unknown_assessor", lambda: read_constraints(_write(tmp, "c.csv", "s1,a9,-1\n"), scores)),
        (
            "constraint_not_plus_minus_one",
            lambda: read_constraints(_write(tmp, "c.csv", "s1,a1,2\n"), scores),
        ),
        ("unknown_submission", lambda: read_required(_write(tmp, "q.csv", "s9,law\n"), scores)),
        ("submission_field_twice", lambda: read_required(_write(tmp, "q.csv", "s1,law\ns1,law\n"), scores)),
        ("submission_without_field", lambda: read_required(_write(tmp, "q.csv", "s1,law\n"), two)),
        ("unknown_assessor", lambda: read_expertise(_write(tmp, "e.csv", "a9,law\n"), scores, ["law"])),
        (
            "assessor_field_twice",
            lambda: read_expertise(_write(tmp, "e.csv", "a1,law\na1,law\n"), scores, []),
        ),
        ("no_score_column", _scores(tmp, "code,x\n63.71,1\n", score="Index")),
        ("not_a_region_code", _scores(tmp, "code,score\nx,1\n")),
        ("unknown_region_code", _scores(tmp, "code,score\n99.99,1\n")),
        ("region_repeats", _scores(tmp, "code,score\n63.71,1\n6371,2\n")),
        ("village_repeats", _scores(tmp, "code,score\n11.01.01.2001,1\n1101012001,2\n", Units("villages"))),
        ("code_repeats", _scores(tmp, "code,score\nA,1\nA,2\n", Units("any"))),
        ("empty_code", _scores(tmp, "code,score\n,1\n", Units("any"))),
        ("not_a_village_code", _scores(tmp, "code,score\n63.71,1\n", Units("villages"))),
        (
            "samples_too_narrow",
            lambda: read_samples(_write(tmp, "d.csv", "code\nA\n"), candidates, units=Units("any")),
        ),
        (
            "no_draws_for",
            lambda: read_samples(_write(tmp, "d.csv", "code,d1\nA,1\n"), candidates, units=Units("any")),
        ),
        ("file_not_found", lambda: read_table(tmp / "absent.csv")),
        ("unsupported_file_type", lambda: read_table(_write(tmp, "t.ods", "x"))),
        ("file_not_found", lambda: read_config(tmp / "absent.yaml")),
        ("invalid_yaml", lambda: read_config(_write(tmp, "c.yaml", "a: [\n"))),
        ("config_not_a_mapping", lambda: read_config(_write(tmp, "c.yaml", "- 1\n"))),
        ("top_node_without_code", lambda: framework_to_meta({"children": []}, "f.yaml")),
        (
            "node_without_code",
            lambda: framework_to_meta({"code": "I", "children": [{"name": "x"}]}, "f.yaml"),
        ),
        (
            "framework_code_twice",
            lambda: framework_to_meta({"code": "I", "children": [{"code": "I"}]}, "f.yaml"),
        ),
        (
            "indicator_depth",
            lambda: framework_to_meta(
                {"code": "I", "children": [{"code": "a"}, {"code": "P", "children": [{"code": "b"}]}]},
                "f.yaml",
            ),
        ),
        ("unreadable_framework", lambda: read_native(tmp / "absent.yaml", tmp / "data.csv")),
        ("framework_not_a_mapping", lambda: read_native(_write(tmp, "f.yaml", "- 1\n"), tmp / "data.csv")),
        ("missing_column", lambda: read_native(framework, _write(tmp, "data.csv", "uCode,a,b\nA,1,2\n"))),
        ("unreadable_config", lambda: load_selection_config(tmp / "absent.yaml")),
        ("invalid_yaml", _selection(tmp, "score: [\n")),
        ("config_not_a_mapping", _selection(tmp, "- 1\n")),
        ("unknown_key", _selection(tmp, BASE + "colour: red\n")),
        ("unknown_units", _selection(tmp, BASE + "units: planets\n")),
        ("score_not_a_column", _selection(tmp, "phases: [{size: 2}]\n")),
        ("unknown_objective", _selection(tmp, BASE + "objective: luck\n")),
        ("objective_needs_uncertainty", _selection(tmp, BASE + "objective: expected_score\n")),
        ("not_a_list", _selection(tmp, BASE + "eligibility: 3\n")),
        ("phases_missing", _selection(tmp, "score: Index\n")),
        ("phase_shape", _selection(tmp, "score: Index\nphases: [3]\n")),
        ("not_a_positive_integer", _selection(tmp, "score: Index\nphases: [{size: 0}]\n")),
        (
            "phase_names_repeat",
            _selection(tmp, "score: Index\nphases: [{name: a, size: 1}, {name: a, size: 1}]\n"),
        ),
        ("rule_shape", _selection(tmp, BASE + "eligibility: [3]\n")),
        ("unknown_key", _selection(tmp, BASE + "eligibility: [{column: x, min: 1, colour: red}]\n")),
        ("order_not_a_list", _selection(tmp, BASE + "eligibility: [{column: x, order: 3, min: 1}]\n")),
        ("allowed_not_a_list", _selection(tmp, BASE + "eligibility: [{column: x, in: 3}]\n")),
        ("rule_without_bound", _selection(tmp, BASE + "eligibility: [{column: x}]\n")),
        ("not_in_order", _selection(tmp, BASE + "eligibility: [{column: x, order: [a, b], min: c}]\n")),
        ("bound_not_a_number", _selection(tmp, BASE + "eligibility: [{column: x, min: high}]\n")),
        ("quota_shape", _selection(tmp, BASE + "quotas: [3]\n")),
        ("unknown_key", _selection(tmp, BASE + "quotas: [{by: province, max: 1, colour: red}]\n")),
        ("not_a_non_negative_integer", _selection(tmp, BASE + "quotas: [{by: province, max: -1}]\n")),
        ("not_a_share", _selection(tmp, BASE + "quotas: [{by: province, max_share: 2}]\n")),
        ("quota_without_bound", _selection(tmp, BASE + "quotas: [{by: province}]\n")),
        ("min_above_max", _selection(tmp, BASE + "quotas: [{by: province, min: 3, max: 1}]\n")),
        ("quota_over", _selection(tmp, BASE + "quotas: [{by: province, max: 1, over: decade}]\n")),
        ("reselect_not_a_list", _selection(tmp, BASE + "exclude: {file: earlier.csv, reselect: 3}\n")),
        ("exclude_shape", _selection(tmp, BASE + "exclude: 3\n")),
        ("uncertainty_shape", _selection(tmp, BASE + "uncertainty: 3\n")),
        ("uncertainty_file_or_sd", _selection(tmp, BASE + "uncertainty: {draws: 5}\n")),
        ("marginal_band", _selection(tmp, BASE + "uncertainty: {sd: 1, marginal: [0.9, 0.1]}\n")),
        ("not_a_positive_number", _selection(tmp, BASE + "uncertainty: {sd: -1}\n")),
        ("not_a_positive_integer", _selection(tmp, BASE + "uncertainty: {sd: 1, draws: 0}\n")),
        ("not_an_integer", _selection(tmp, BASE + "uncertainty: {sd: 1, seed: x}\n")),
        (
            "unknown_config_column",
            lambda: load_problem(
                _write(tmp, "s.csv", "code,Index\n63.71,1\n"),
                _write(tmp, "SELECTION.yaml", BASE + "eligibility: [{column: nope, min: 1}]\n"),
            ),
        ),
        ("meta_not_a_number", _framework(_meta({(0, "Level"): "one"}))),
        ("meta_missing_column", _framework(_meta(drop="Type"))),
        ("empty_value", _framework(_meta({(0, "iCode"): None}))),
        ("duplicate_icode", _framework(_meta({(1, "iCode"): "a"}))),
        ("unknown_node_type", _framework(_meta({(1, "Type"): "Pillar"}))),
        ("level_not_whole", _framework(_meta({(1, "Level"): 1.5}))),
        ("node_level_mismatch", _framework(_meta({(2, "Type"): "Indicator"}))),
        ("direction_not_one", _framework(_meta({(1, "Direction"): 2}))),
        ("weight_not_allowed", _framework(_meta({(1, "Weight"): -1}))),
        ("denominator_not_in_meta", _framework(_meta({(0, "Denominator"): "pop"}))),
        (
            "meta_without_indicators",
            _framework(pd.DataFrame({"iCode": ["g"], "Level": [None], "Parent": [None], "Type": ["Group"]})),
        ),
        ("hierarchy_cycle", _framework(_meta({(2, "Parent"): "Q", (3, "Parent"): "P"}))),
        ("orphan_without_parent", _framework(_meta({(0, "Parent"): None}))),
        ("unknown_parent", _framework(_meta({(1, "Parent"): "Nowhere"}))),
        ("parent_level", _framework(_meta({(0, "Parent"): "Idx"}))),
        (
            "several_tops",
            _framework(
                pd.concat([_meta(), pd.DataFrame({"iCode": ["Two"], "Level": [3], "Type": ["Aggregate"]})])
            ),
        ),
        ("aggregate_without_children", _framework(_meta({(1, "Parent"): "P"}))),
        ("not_a_number", _data({"a": ["x", "2"]})),
        ("empty_value", _data({"uCode": [None, "B"]})),
        ("no_ucode_column", _data({"uCode": None})),
        ("aggregate_in_data", _data({"P": ["1", "2"]})),
        ("column_not_in_meta", _data({"zzz": ["1", "2"]})),
        ("indicator_not_in_data", _data({"b": None})),
        ("empty_value", _data({"Time": ["2020", None]})),
        ("duplicate_unit", _data({"uCode": ["A", "A"]})),
        (
            "duplicate_unit_year",
            _data(
                {
                    "uCode": ["A", "A", "A"],
                    "Time": ["2020", "2020", "2021"],
                    "a": ["1", "2", "3"],
                    "b": ["1"] * 3,
                }
            ),
        ),
        ("indicator_without_values", _data({"b": [None, None]})),
    ]


def _raised(case: Callable[[], object]) -> KotaCerdasError:
    with pytest.raises(KotaCerdasError) as caught:
        case()
    return caught.value


def check_reads_in_both_languages(code: str, case: Callable[[], object]) -> None:
    """``case`` is refused with ``code``: in English exactly as the CLI prints it, in Indonesian from the
    code's template (not the raised English). Shared with the engine's test."""
    error = _raised(case)
    assert error.code == code, (code, str(error))
    with translation.override("en"):
        assert localise(error) == str(error), code  # the English template is the CLI's sentence
    with translation.override("id"):
        indonesian = localise(error)
    assert indonesian != str(error), code
    with translation.override("id"):  # from the template, not the raised English
        assert message(error) in indonesian and message(error) != error.message, code


def test_each_refusal_reads_as_the_cli_prints_it_in_english_and_from_its_template_in_indonesian(tmp_path):
    cases = _cases(tmp_path)
    # every refusal is raised below, but an XLSX file pandas cannot read (its errors differ by version)
    assert _raised_codes() - {code for code, _ in cases} == {"unreadable_table"}
    for code, case in cases:
        check_reads_in_both_languages(code, case)


def test_refusals_read_in_indonesian(tmp_path):
    ratings = _write(tmp_path, "r.csv", "unit,r1,r2\nu,1,2\nu,2,3\n")
    repeat = _raised(lambda: read_ratings(ratings))
    selection = _raised(_selection(tmp_path, BASE + "quotas: [{by: province, min: 3, max: 1}]\n"))
    orphan = _raised(_framework(_meta({(1, "Parent"): "Nowhere"})))
    with translation.override("id"):
        assert localise(repeat) == (
            f"{ratings}, baris 3, kolom 'unit': id unit 'u' mengulang baris 2 "
            "(beri setiap unit satu baris, dengan satu kolom per penilai)"
        )
        assert localise(selection).endswith("SELECTION.yaml: kunci 'quotas[0]': min 3 > max 1")
        assert localise(orphan) == (
            "meta.csv, baris 3, kolom 'Parent': induk 'Nowhere' dari 'b' bukan kode indikator atau agregat: yatim"
        )
    with translation.override("en"):
        assert localise(orphan) == (
            "meta.csv, row 3, column 'Parent': Parent 'Nowhere' of 'b' is not an indicator or aggregate code: orphan"
        )
