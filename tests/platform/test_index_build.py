"""Index runs built by the engine from a stored dataset (directly and as a background job)."""

from __future__ import annotations

import pytest

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.errors import ConfigError
from kotacerdas.jobs.domain.runner import run, submit
from kotacerdas.regions.domain.datasets import import_dataset
from kotacerdas.regions.domain.index_build import build_index_run, flat_meta
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
TABLE = b"code,ipm,poverty\n63.71,70,10\n63.72,80,20\n31.71,75,5\n"


@pytest.fixture
def dataset():
    for code in ("63.71", "63.72", "31.71"):
        f.region(code)
    return import_dataset(
        actor=SYSTEM, name="t", file_name="t.csv", content=TABLE, source="s", year=2024, licence="l"
    )


def test_flat_meta_follows_coinr_columns():
    meta = flat_meta(["a", "b"], {"b": -1})
    assert list(meta.columns) == ["iCode", "iName", "Level", "Parent", "Direction", "Weight", "Type"]
    assert meta[["iCode", "Level", "Direction"]].values.tolist() == [
        ["a", 1, 1],
        ["b", 1, -1],
        ["Index", 2, 1],
    ]
    assert meta["Parent"].tolist()[:2] == ["Index", "Index"]
    assert meta["Parent"].isna().tolist() == [False, False, True]


def test_engine_scores_are_stored_with_provenance(dataset):
    index_run = build_index_run(actor=SYSTEM, dataset=dataset, name="ipm-poverty", directions={"poverty": -1})
    # min-max to 0–100: ipm (70, 80, 75) → (0, 100, 50); poverty reversed (10, 20, 5) → (66.67, 0, 100)
    assert [(s.region.code, round(s.score, 4), s.rank) for s in index_run.scores.order_by("rank")] == [
        ("31.71", 75.0, 1),
        ("63.72", 50.0, 2),
        ("63.71", 33.3333, 3),
    ]
    assert index_run.config["normalise"]["method"] == "minmax"
    assert index_run.provenance["inputs"] == {"data": "t.csv", "meta": "iMeta", "units": 3, "indicators": 2}


def test_bad_settings_are_refused_before_anything_is_stored(dataset):
    with pytest.raises(ConfigError, match=r"impute\.method: 'magic' is not one of none, mean, median"):
        build_index_run(actor=SYSTEM, dataset=dataset, name="x", config={"impute": {"method": "magic"}})
    assert dataset.indexrun_set.count() == 0


def test_as_a_background_job(dataset, users):
    job, _ = submit(
        actor=users["secretariat"],
        kind="index",
        function="index_build",
        arguments={"actor_id": users["secretariat"].pk, "dataset_id": dataset.pk, "name": "job run"},
        start=False,
    )
    done = run(job.pk)
    assert (done.status, done.result["regions"]) == ("done", 3)
