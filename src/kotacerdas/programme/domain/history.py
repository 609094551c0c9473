"""Loading the real 2017–2019 cohorts of Gerakan Menuju 100 Smart City (public facts).

The facts ship as ``programme/data/gerakan100_2017_2019.csv``: one row per region named in a published
selection list (101 rows for 100 slots), with the known anomalies kept as facts: Kota Singkawang
substituted in 2017 by Kabupaten Lombok Timur (``fact=substitute``, whose ``substitutes`` column names
the region whose slot it took), two regions cancelled in 2018 and re-selected in 2019. Dates inside a
year are not part of the published facts, so each step is dated 1 January of its cohort's year.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from typing import Any

from django.db import transaction

from kotacerdas.io.tables import read_csv
from kotacerdas.programme.domain.cohorts import create_cohort, create_programme
from kotacerdas.programme.domain.participation import enrol, reselect, substitute, transition
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Participation, Programme
from kotacerdas.programme.step_reasons import StepReason
from kotacerdas.regions.models import Region

PROGRAMME_SLUG = "gm100"
TARGETS = {2017: 25, 2018: 50, 2019: 25}


def historical_rows() -> list[dict[str, str]]:
    """The packaged facts as dictionaries (``year, code, published_name, ..., fact, note, source_url, substitutes,
    note_id``): ``note`` in English, ``note_id`` the same in Indonesian."""
    resource = resources.files("kotacerdas.programme.data").joinpath("gerakan100_2017_2019.csv")
    return [cells for _, cells in read_csv(resource.read_bytes(), name=resource.name).records()]


@transaction.atomic
def load_historical_cohorts(*, actor: Any, regions: dict[str, Region]) -> Programme:
    """Create the programme, its three cohorts and their participations; ``regions`` maps code → Region.

    Idempotent: cohorts that already exist are left as they are.
    """
    programme = Programme.objects.filter(slug=PROGRAMME_SLUG).first() or create_programme(
        actor=actor,
        slug=PROGRAMME_SLUG,
        name="Gerakan Menuju 100 Smart City",
        description="Kominfo's national smart-city programme (2017–).",
    )
    rows = historical_rows()
    for year, target in TARGETS.items():
        name = f"GM100 {year}"
        if Cohort.objects.filter(programme=programme, name=name).exists():
            continue
        cohort = create_cohort(
            actor=actor, programme=programme, year=year, name=name, target_size=target, historical=True
        )
        year_rows = [r for r in rows if int(r["year"]) == year]
        # substitutes last: the participation whose slot they take must exist first
        for row in sorted(year_rows, key=lambda r: r["fact"] == "substitute"):
            region, on = regions[row["code"]], dt.date(year, 1, 1)
            source = StepReason("official_list", {"year": str(year), "url": row["source_url"]})
            note: StepReason | str = ""
            if row["note"]:  # the file's own words, in both languages
                note = StepReason("historical_note", {"id": row["note_id"], "en": row["note"]})
            if row["fact"] == "reselected":
                earlier = Participation.objects.filter(
                    region=region, cohort__programme=programme, cohort__year__lt=year
                ).latest("cohort__year")
                reselect(actor=actor, previous=earlier, cohort=cohort, on=on, reason=note)
                continue
            if row["fact"] == "substitute":
                replaced = Participation.objects.get(cohort=cohort, region=regions[row["substitutes"]])
                p = substitute(actor=actor, participation=replaced, by_region=region, on=on, reason=note)
                Participation.objects.filter(pk=p.pk).update(note=row["note"])
                continue
            p = enrol(actor=actor, cohort=cohort, region=region, state=State.SELECTED, on=on, reason=source)
            if row["note"]:
                Participation.objects.filter(pk=p.pk).update(note=row["note"])
            if row["fact"] in (State.WITHDRAWN, State.CANCELLED):
                transition(actor=actor, participation=p, to=row["fact"], on=on, reason=note)
    return programme
