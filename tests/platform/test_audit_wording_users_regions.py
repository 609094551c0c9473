"""The audit summaries of users, invitations and the regions' data read in Indonesian and in English."""

from __future__ import annotations

import json

import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.users import (
    change_own_password,
    change_password,
    create_user,
    issue_token,
    revoke_token,
    set_language,
    set_password_from_link,
    update_user,
)
from kotacerdas.accounts.enums import Language, Role
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.demo.index import DEMO_FACTORS
from kotacerdas.errors import PermissionDeniedError
from kotacerdas.regions.domain.boundaries import import_boundaries
from kotacerdas.regions.domain.datasets import import_dataset
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.domain.publication import publish_analysis
from kotacerdas.regions.domain.uncertainty_runs import run_uncertainty_analysis
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Sungai-Martapura-2026"


def _worded(action: str) -> dict[str, str]:
    """The newest event of ``action``, worded in each language."""
    return AuditEvent.objects.filter(action=action).first().summaries  # type: ignore[union-attr]


def test_user_summaries_name_the_role_the_fields_and_the_language(users):
    secretariat = users["secretariat"]
    dewi = create_user(actor=secretariat, username="dewi", role=Role.ASSESSOR, email="dewi@example.org")
    assert _worded("user.create") == {
        "id": "dewi dibuat dengan peran Asesor",
        "en": "dewi created with the role Assessor",
    }
    assert _worded("user.invite") == {
        "id": "Undangan untuk dewi@example.org",
        "en": "Invitation to dewi@example.org",
    }
    update_user(actor=secretariat, user=dewi, name="Dewi Lestari", role=Role.SECRETARIAT)
    assert _worded("user.update") == {
        "id": "Data dewi diubah: Nama lengkap, Peran",
        "en": "Changed for dewi: Full name, Role",
    }
    set_language(actor=dewi, user=dewi, language=Language.EN)
    assert _worded("user.language") == {"id": "dewi: surel dalam English", "en": "dewi: e-mails in English"}
    issue_token(actor=dewi, user=dewi)
    assert _worded("token.issue") == {
        "id": "Token API untuk dewi diterbitkan",
        "en": "API token issued for dewi",
    }
    revoke_token(actor=secretariat, user=dewi)
    assert _worded("token.revoke") == {"id": "Token API dewi dicabut", "en": "API token of dewi revoked"}


def test_password_summaries_say_who_set_it_and_how(users):
    assessor = users["assessor"]
    set_password_from_link(user=assessor, password=NEW_PASSWORD)
    assert _worded("user.password") == {
        "id": "asesor menetapkan kata sandinya lewat tautan",
        "en": "asesor set their password from a link",
    }
    change_own_password(
        actor=assessor, user=assessor, old_password=NEW_PASSWORD, new_password=NEW_PASSWORD + "!"
    )
    assert _worded("user.password") == {
        "id": "asesor mengganti kata sandinya sendiri",
        "en": "asesor changed their own password",
    }
    change_password(actor=users["secretariat"], user=assessor, password=NEW_PASSWORD + "?")
    assert _worded("user.password") == {"id": "Kata sandi asesor diganti", "en": "Password of asesor changed"}


def test_a_wrong_actor_is_refused_in_the_readers_language(users):
    with translation.override("en"), pytest.raises(PermissionDeniedError, match="choose the e-mail language"):
        set_language(actor=users["assessor"], user=users["region_team"], language=Language.EN)
    with pytest.raises(PermissionDeniedError, match="memilih bahasa surel"):
        set_language(actor=users["assessor"], user=users["region_team"], language=Language.EN)


def test_dataset_index_run_and_boundary_summaries_group_numbers_per_language():
    for code in ("63.71", "63.72", "31.71"):
        f.region(code)
    import_dataset(
        actor=SYSTEM,
        name="ipm",
        file_name="ipm.csv",
        content=b"code,ipm,fiscal\n63.71,75.5,1.2\n63.72,78.25,\n31.71,81,2\n",
        source="BPS",
        year=2024,
        licence="CC-BY 4.0",
    )
    assert _worded("dataset.import") == {
        "id": "ipm v1 dari ipm.csv: 3 daerah × 2 indikator",
        "en": "ipm v1 from ipm.csv: 3 regions × 2 indicators",
    }
    record_index_run(actor=SYSTEM, name="Indeks 2024", settings={}, scores={"63.71": 1.0, "31.71": 0.5})
    assert _worded("index_run.create") == {"id": "Indeks 2024: 2 daerah", "en": "Indeks 2024: 2 regions"}
    square = {
        "type": "Polygon",
        "coordinates": [[[114.5, -3.3], [114.6, -3.3], [114.6, -3.4], [114.5, -3.3]]],
    }
    features = [{"type": "Feature", "properties": {"code": "63.71"}, "geometry": square}]
    geojson = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    import_boundaries(actor=SYSTEM, file_name="batas.geojson", content=geojson)
    assert _worded("boundaries.import") == {
        "id": "1 batas wilayah dari batas.geojson",
        "en": "1 boundary from batas.geojson",
    }


def test_uncertainty_summaries_read_in_each_language(index_run):
    analysis = run_uncertainty_analysis(
        actor=SYSTEM, run=index_run, factors=DEMO_FACTORS, samples=1200, seed=11, top=10
    )
    failed = analysis.record["failed"]
    assert _worded("index_run.uncertainty") == {
        "id": f"{index_run.name} v1: 1.200 sampel, {failed} gagal, 10 teratas (draf)",
        "en": f"{index_run.name} v1: 1,200 samples, {failed} failed, top 10 (draft)",
    }
    publish_analysis(actor=SYSTEM, analysis=analysis)
    assert _worded("uncertainty.publish") == {
        "id": f"{index_run.name}: analisis ketidakpastian v1",
        "en": f"{index_run.name}: uncertainty analysis v1",
    }
