"""The command line loads only what a command uses (issue 9 §5): the group and ``--help`` import click and
small modules, the engine commands leave scipy.stats, matplotlib, SALib, Dask and Django alone. Speed
itself is measured in ``benchmarks/bench_cli.py``; these tests pin which modules get imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click

from kotacerdas.cli import COMMANDS, cli
from kotacerdas.cli.agreement import agreement
from kotacerdas.engine.review.agreement import LEVELS

HEAVY = ("numpy", "pandas", "scipy", "matplotlib", "SALib", "dask", "django", "highspy", "yaml", "tqdm")

PROBE = """\
import json, sys
from kotacerdas.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules(*argv: str) -> list[str]:
    """Every module imported by one CLI run in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True)
    report = json.loads(done.stdout.splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return list(report["modules"])


def loaded(*argv: str) -> set[str]:
    """Top-level packages (and the scipy subpackages) imported by one CLI run in a fresh interpreter."""
    names: set[str] = set()
    for module in modules(*argv):
        parts = module.split(".")
        names.add(".".join(parts[:2]) if parts[0] == "scipy" else parts[0])
    return names


def test_help_imports_click_only() -> None:
    assert loaded("--help") & set(HEAVY) == set()


def test_every_command_help_imports_no_heavy_library() -> None:
    for argv in (["index", "build", "--help"], ["index", "uncertainty", "--help"], ["assign", "--help"],
                 ["select", "--help"], ["agreement", "--help"], ["rubric", "score", "--help"]):  # fmt: skip
        assert loaded(*argv) & set(HEAVY) == set(), argv


def test_a_command_imports_no_other_command_module() -> None:
    commands = {m for m in modules("index", "build", "--help") if m.startswith("kotacerdas.cli.")}
    assert commands == {"kotacerdas.cli.index", "kotacerdas.cli.lazy"}
    commands = {m for m in modules("index", "uncertainty", "--help") if m.startswith("kotacerdas.cli.")}
    assert commands == {"kotacerdas.cli.index", "kotacerdas.cli.index_uncertainty", "kotacerdas.cli.lazy"}


def test_help_lists_every_command_and_each_is_the_named_one() -> None:
    context = click.Context(cli)
    assert cli.list_commands(context) == sorted(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(context, name)
        assert command is not None and command.name == name


ASEM_CONFIG = """\
denominate: true
impute: {method: group_mean, group: EurAsia_group}
screen: {min_availability: 0.9}
treat: {method: winsorise, winmax: 5, skew: 2.0, kurtosis: 3.5, fallback: log}
normalise: {method: minmax, range: [0, 100]}
"""


def test_index_build_from_csv_leaves_pandas_scipy_stats_and_plotting_alone(
    shared_data: Path, tmp_path: Path
) -> None:
    """COINr-form CSV in, CSV out: the build runs on numpy blocks and never loads pandas (issue 9 §5)."""
    asem = shared_data / "asem"
    config = tmp_path / "config.yaml"
    config.write_text(ASEM_CONFIG, encoding="utf-8")
    for data in ("ASEM_iData.csv", "ASEM_iData_p.csv"):  # a cross-section, and panel data
        used = loaded("index", "build", "--data", str(asem / data), "--meta", str(asem / "ASEM_iMeta.csv"),
                      "--config", str(config), "--out", str(tmp_path / data))  # fmt: skip
        assert "numpy" in used, data
        assert (
            used & {"pandas", "scipy.stats", "scipy.optimize", "matplotlib", "SALib", "dask", "django"}
            == set()
        )


def test_assign_leaves_scipy_alone(tmp_path: Path) -> None:
    scores = tmp_path / "scores.csv"
    scores.write_text("".join(f"s{i},a{j},{(i * 7 + j * 3) % 10 / 10}\n" for i in range(6) for j in range(4)))
    used = loaded("assign", "--scores", str(scores), "--k", "2", "--min-load", "1", "--max-load", "5",
                  "--out", str(tmp_path / "out"))  # fmt: skip
    assert "highspy" in used
    assert used & {"scipy.stats", "scipy.optimize", "scipy.sparse", "matplotlib", "SALib", "dask"} == set()


def test_agreement_levels_are_the_engines() -> None:
    level = next(p for p in agreement.params if p.name == "level")
    assert tuple(level.type.choices) == LEVELS  # type: ignore[attr-defined]
