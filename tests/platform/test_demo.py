"""The demo loader the `kotacerdas demo` command calls."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from kotacerdas.monitoring.models import Masterplan, MasterplanProgramme
from kotacerdas.programme.models import Cohort, Participation
from kotacerdas.regions.models import Dataset, IndexRun
from kotacerdas.web.demo import load_demo, synthetic_table

pytestmark = pytest.mark.django_db


def test_synthetic_table_is_seeded():
    assert synthetic_table(["63.71", "63.72"], seed=1) == synthetic_table(["63.71", "63.72"], seed=1)
    assert synthetic_table(["63.71"], seed=1) != synthetic_table(["63.71"], seed=2)
    assert synthetic_table(["63.71"], seed=1).decode().splitlines()[0] == (
        "code,fiscal_capacity,ekppd_score,ipm,internet_households,egov_index,green_city,poverty_rate,open_data_sets"
    )


def test_demo_loads_everything_once():
    out = io.StringIO()
    call_command("load_demo", "--seed", "7", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "regions: 514"
    assert lines[-3:] == [
        "login secretariat: sekretariat / demo-sekretariat-2026",
        "login assessor: asesor / demo-asesor-2026",
        "login region_team: tim-banjarmasin / demo-tim-banjarmasin-2026",
    ]
    assert list(Cohort.objects.values_list("name", flat=True)) == [
        "GM100 2017",
        "GM100 2018",
        "GM100 2019",
        "GM100 2026 (demo)",
    ]
    assert Participation.objects.filter(cohort__year__lte=2019).count() == 101
    assert Participation.objects.filter(cohort__year=2026).count() == 40
    assert Dataset.objects.get().synthetic is True
    run = IndexRun.objects.get()
    assert (run.published, run.scores.count(), run.config["impute"]["method"]) == (True, 514, "mean")
    assert run.provenance["framework"]["direction"]["poverty_rate"] == -1
    assert Masterplan.objects.filter(region__code="63.71", synthetic=True).count() == 1
    assert MasterplanProgramme.objects.filter(quick_win=True).exists()
    again = load_demo(seed=7)
    assert (again.participations, IndexRun.objects.count(), Dataset.objects.count()) == (141, 1, 1)
