"""Fixtures of the platform tests: users per role and a small world of programme data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from tests.platform import factories as f

ROLES = ("public", "secretariat", "assessor", "region_team")


@pytest.fixture(autouse=True)
def fast_passwords(settings) -> None:  # type: ignore[no-untyped-def]
    """Tests need no slow password hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(db: None) -> dict[str, User]:
    return {
        "secretariat": f.user(Role.SECRETARIAT, "sekretariat"),
        "assessor": f.user(Role.ASSESSOR, "asesor"),
        "region_team": f.user(Role.REGION_TEAM, "tim-banjarmasin", "63.71"),
    }


@pytest.fixture
def client_for(users: dict[str, User]):  # type: ignore[no-untyped-def]
    """``client_for(role)``: a test client logged in as that role (``public`` is anonymous)."""

    def make(role: str) -> Client:
        client = Client()
        if role != "public":
            client.force_login(users[role])
        return client

    return make


@dataclass
class World:
    """A small programme: Banjarmasin (the region team's own) and Bandung in guidance, with books."""

    own: object
    other: object
    doc_own: object
    doc_other: object
    run: object
    quick_win: object
    job: object
    dataset: object


@pytest.fixture
def world(users, settings, tmp_path) -> World:  # type: ignore[no-untyped-def]
    import datetime as dt

    from kotacerdas.jobs.domain.runner import submit
    from kotacerdas.monitoring.domain.masterplans import add_programme, create_masterplan
    from kotacerdas.programme.domain.documents import submit_book
    from kotacerdas.programme.lifecycle import State
    from kotacerdas.regions.domain.datasets import import_dataset
    from kotacerdas.regions.domain.index_runs import record_index_run

    settings.MEDIA_ROOT = tmp_path
    own = f.participation("63.71", state=State.GUIDANCE)
    other = f.participation("32.73", state=State.GUIDANCE)
    doc_own = submit_book(actor=SYSTEM, participation=own, book=1, name="buku1.pdf", content=f.PDF)
    doc_other = submit_book(actor=SYSTEM, participation=other, book=1, name="buku1.pdf", content=f.PDF)
    dataset = import_dataset(
        actor=SYSTEM,
        name="ipm",
        file_name="ipm.csv",
        content=b"code,ipm\n63.71,75\n32.73,80\n",
        source="BPS",
        year=2024,
        licence="CC-BY",
    )
    run = record_index_run(
        actor=SYSTEM,
        name="Indeks 2024",
        settings={"method": "mean"},
        dataset=dataset,
        scores={"63.71": 0.4, "32.73": 0.8},
        intervals={"63.71": (2.0, 1.0, 2.0), "32.73": (1.0, 1.0, 2.0)},
        published=True,
    )
    plan = create_masterplan(
        actor=SYSTEM, region=own.region, vision="Banjarmasin Baiman", start_year=2024, end_year=2034
    )
    quick_win = add_programme(
        actor=SYSTEM,
        masterplan=plan,
        name="Sungai Digital",
        dimension="living",
        sub_dimension="mobility",
        horizon=1,
        owner_opd="Dishub",
        budget_source="apbd",
        budget_amount=1000,
        start_year=2024,
        quick_win=True,
        on=dt.date(2024, 1, 1),
    )
    job, _ = submit(
        actor=users["secretariat"],
        kind="test",
        function="index_build",
        arguments={},
        start=False,
    )
    return World(own, other, doc_own, doc_other, run, quick_win, job, dataset)


@pytest.fixture
def index_run(db: None):  # type: ignore[no-untyped-def]
    """The synthetic readiness index (seed 3) built from a stored dataset with its 3-level iMeta."""
    from kotacerdas.demo.index import INDEX_SETTINGS, demo_table
    from kotacerdas.regions.domain.datasets import import_dataset
    from kotacerdas.regions.domain.index_build import build_index_run
    from kotacerdas.regions.domain.registry import sync_regions

    sync_regions()
    content, meta = demo_table(3)
    dataset = import_dataset(
        actor=SYSTEM,
        name="demo",
        file_name="demo.csv",
        content=content,
        source="synthetic",
        year=2025,
        licence="CC0",
        synthetic=True,
    )
    return build_index_run(
        actor=SYSTEM, dataset=dataset, name="demo", meta=meta, config=INDEX_SETTINGS, published=True
    )
