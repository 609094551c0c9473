"""The real 2017–2019 cohorts, with their anomalies kept as facts."""

from __future__ import annotations

import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.programme.domain.history import historical_rows, load_historical_cohorts
from kotacerdas.programme.models import Participation
from kotacerdas.regions.domain.registry import sync_regions
from kotacerdas.regions.models import Region


def test_packaged_facts_have_101_rows_for_100_slots():
    rows = historical_rows()
    assert len(rows) == 101
    assert all(bool(r["note"]) == bool(r["note_id"]) for r in rows)  # every note in both languages
    assert {y: sum(1 for r in rows if r["year"] == y) for y in ("2017", "2018", "2019")} == {
        "2017": 26,
        "2018": 50,
        "2019": 25,
    }


@pytest.mark.django_db
def test_loader_models_substitution_cancellation_and_reselection():
    assert sync_regions() == 514
    programme = load_historical_cohorts(actor=SYSTEM, regions={r.code: r for r in Region.objects.all()})
    assert list(programme.cohorts.values_list("name", "target_size", "historical")) == [
        ("GM100 2017", 25, True),
        ("GM100 2018", 50, True),
        ("GM100 2019", 25, True),
    ]
    states = dict(
        Participation.objects.exclude(state="selected")
        .values_list("region__name", "state")
        .order_by("cohort__year")
    )
    assert states == {
        "Kota Singkawang": "substituted",
        "Kota Depok": "cancelled",
        "Kabupaten Banyumas": "cancelled",
    }
    depok_2019 = Participation.objects.get(region__code="32.76", cohort__year=2019)
    assert (depok_2019.state, depok_2019.previous.cohort.year) == ("selected", 2018)
    lombok_timur = Participation.objects.get(region__code="52.03", cohort__year=2017)
    assert (lombok_timur.state, lombok_timur.substitutes.region.name) == ("selected", "Kota Singkawang")
    assert lombok_timur.substitutes.substituted_by == lombok_timur
    assert Participation.objects.count() == 101
    cancelled = Participation.objects.get(region__code="32.76", cohort__year=2018).changes.get(
        target="cancelled"
    )
    assert cancelled.reason_text == "dibatalkan karena alasan nonteknis; dipilih kembali pada 2019"
    with translation.override("en"):
        assert cancelled.reason_text == "cancelled for non-technical reasons; re-selected in 2019"
    listed = depok_2019.changes.get()
    assert listed.reason_text.startswith("dipilih kembali setelah keikutsertaan 2018 dibatalkan")
    first = Participation.objects.get(region__code="15.71", cohort__year=2017).changes.get()
    with translation.override("en"):
        assert first.reason_text.startswith("published list 2017: http")
    load_historical_cohorts(actor=SYSTEM, regions={})  # idempotent
    assert Participation.objects.count() == 101
