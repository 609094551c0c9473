"""``kotacerdas select`` with ``units: villages`` on the real IDM 2024 village file (75,265 desa).

The shared file is read in place (never copied into the project). Its 4 unscored villages are left
out first, as the scores file contract asks (a unit needs a score); that filtered copy lives in the
test's temporary folder. The speed target (≤ 5 s for the whole command) is in
``benchmarks/bench_select_villages.py``, not here.
"""

from __future__ import annotations

import csv
from collections import Counter

from kotacerdas.cli import main

CONFIG = """\
units: villages
score: idm
phases: [{name: "2027", size: 5000}]
quotas:
  - {by: district, max: 2}
  - {by: province, min: 60}
"""


def test_5000_villages_at_most_2_per_district_and_60_per_province(shared_data, tmp_path, capsys):
    source = shared_data / "indicators" / "idm_2024" / "idm_2024_desa.csv"
    with source.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 75_265
    scored = [r for r in rows if r["idm"]]
    assert len(scored) == 75_261
    scores = tmp_path / "idm_scored.csv"
    with scores.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(scored)
    (tmp_path / "SELECTION.yaml").write_text(CONFIG, encoding="utf-8")
    args = ["select", "--scores", str(scores), "--config", str(tmp_path / "SELECTION.yaml")]
    assert main([*args, "--out", str(tmp_path / "out"), "--no-thresholds"]) == 0
    assert capsys.readouterr().out.startswith("selected 5000 of 75261 candidates (75261 eligible) by flow")

    with (tmp_path / "out" / "selection.csv").open(encoding="utf-8", newline="") as handle:
        chosen = [r["code"] for r in csv.DictReader(handle) if r["selected"] == "yes"]
    assert len(chosen) == len(set(chosen)) == 5000
    per_district = Counter(code[:8] for code in chosen)
    per_province = Counter(code[:2] for code in chosen)
    assert max(per_district.values()) == 2
    assert len(per_province) == 37 and min(per_province.values()) == 60
    # a province above its minimum takes the best villages its districts allow: in Jawa Timur (35) no
    # unchosen village in a district with room scores above the weakest chosen one there
    score = {r["village_code"]: float(r["idm"]) for r in scored}
    chosen_set = set(chosen)
    east_java = [c for c in chosen if c.startswith("35.")]
    assert len(east_java) > 60
    weakest = min(score[c] for c in east_java)
    room = [c for c in score if c.startswith("35.") and c not in chosen_set and per_district[c[:8]] < 2]
    assert max(score[c] for c in room) <= weakest


def test_the_unscored_villages_are_named_when_left_in(shared_data, tmp_path, capsys):
    source = shared_data / "indicators" / "idm_2024" / "idm_2024_desa.csv"
    (tmp_path / "SELECTION.yaml").write_text(CONFIG, encoding="utf-8")
    args = ["select", "--scores", str(source), "--config", str(tmp_path / "SELECTION.yaml")]
    assert main([*args, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"Error [not_a_number]: {source}, row ")
    assert err.rstrip().endswith(", column 'idm': score '' is not a number")
    assert not (tmp_path / "out").exists()
