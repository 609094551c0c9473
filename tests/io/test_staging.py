from __future__ import annotations

import pytest

from kotacerdas.io.staging import staged_output


def test_files_move_into_place_only_when_the_block_succeeds(tmp_path):
    out = tmp_path / "out"
    with staged_output(out) as staging:
        (staging / "a.csv").write_text("1\n")
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (out / "a.csv").read_text() == "1\n"


def test_an_error_leaves_the_old_output_and_no_staging(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.csv").write_text("old\n")
    with pytest.raises(RuntimeError, match="half-way"), staged_output(out) as staging:
        (staging / "a.csv").write_text("new\n")
        raise RuntimeError("half-way")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (out / "a.csv").read_text() == "old\n"
