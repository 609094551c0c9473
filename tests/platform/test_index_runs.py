from __future__ import annotations

import pytest

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.errors import InputError
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.domain.publication import publish_index_run
from kotacerdas.regions.rules import visible_index_runs
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def test_scores_are_ranked_with_ties_sharing_the_better_rank():
    for code in ("63.71", "63.72", "31.71", "32.73"):
        f.region(code)
    run = record_index_run(
        actor=SYSTEM,
        name="run",
        settings={"method": "mean"},
        scores={"63.71": 0.5, "63.72": 0.9, "31.71": 0.5, "32.73": 0.1},
        intervals={"63.72": (1.0, 1.0, 2.0)},
    )
    assert list(
        run.scores.order_by("rank", "region__code").values_list("region__code", "rank", "rank_q95")
    ) == [("63.72", 1, 2.0), ("31.71", 2, None), ("63.71", 2, None), ("32.73", 4, None)]
    assert run.has_uncertainty is True


def test_unknown_codes_are_refused():
    f.region("63.71")
    with pytest.raises(InputError, match=r"kode daerah tidak dikenal: 11\.01"):
        record_index_run(actor=SYSTEM, name="run", settings={}, scores={"63.71": 1.0, "11.01": 2.0})


def test_public_sees_only_published_runs(users):
    f.region("63.71")
    run = record_index_run(actor=SYSTEM, name="draft", settings={}, scores={"63.71": 1.0})
    assert list(visible_index_runs(None)) == []
    assert list(visible_index_runs(users["assessor"])) == [run]
    publish_index_run(actor=users["secretariat"], run=run)
    assert list(visible_index_runs(None)) == [run]
