"""Drafts and published versions: datasets, index runs and uncertainty analyses (regions.domain.publication).

Public pages and the public API read published versions only; publishing is secretariat-only, confirmed
and audited; the region profile follows the indicators' direction and names them by their iName.
"""

from __future__ import annotations

import re

import pytest

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.errors import PermissionDeniedError
from kotacerdas.regions.domain.datasets import import_dataset
from kotacerdas.regions.domain.profile import indicator_profile
from kotacerdas.regions.domain.publication import publish_dataset, publish_index_run
from kotacerdas.regions.models import Dataset, Region

pytestmark = pytest.mark.django_db


def _index_card(html: str) -> str:
    """The region page's index card (rank, strengths, weaknesses)."""
    return re.search(r'<div class="card"><h2>Indeks</h2>.*?</div>', html, re.S).group(0)  # type: ignore[union-attr]


def test_a_new_dataset_is_a_draft_and_changes_no_public_region_page(index_run, client_for):
    publish_dataset(actor=SYSTEM, dataset=index_run.dataset)
    before = _index_card(client_for("public").get("/wilayah/63.71/").content.decode())
    assert 'id="strengths"' in before
    test_file = import_dataset(
        actor=SYSTEM,
        name="uji satu baris",
        file_name="uji.csv",
        content=b"code,poverty\n63.71,99\n",
        source="uji",
        year=2026,
        licence="-",
    )
    assert test_file.published is False
    after = _index_card(client_for("public").get("/wilayah/63.71/").content.decode())
    assert after == before


def test_the_profile_needs_a_published_dataset_and_a_published_run(index_run, client_for):
    assert 'id="strengths"' not in client_for("public").get("/wilayah/63.71/").content.decode()
    publish_dataset(actor=SYSTEM, dataset=index_run.dataset)
    assert 'id="strengths"' in client_for("public").get("/wilayah/63.71/").content.decode()
    publish_index_run(actor=SYSTEM, run=index_run, published=False)
    assert 'id="strengths"' not in client_for("public").get("/wilayah/63.71/").content.decode()


def test_the_profile_follows_the_direction_and_uses_the_indicator_names(index_run, client_for):
    publish_dataset(actor=SYSTEM, dataset=index_run.dataset)
    poverty = dict(index_run.dataset.values.filter(indicator="poverty").values_list("region__code", "value"))
    known = {code: v for code, v in poverty.items() if v is not None}
    poorest = max(known, key=lambda c: known[c])
    richest = min(known, key=lambda c: known[c])
    rows = {r.code: r for r in indicator_profile(Region.objects.get(code=richest))}
    assert (rows["poverty"].name, rows["poverty"].direction, rows["poverty"].standing) == (
        "Penduduk miskin (%)",
        -1,
        100,  # the lowest poverty rate is the best standing
    )
    rows = {r.code: r for r in indicator_profile(Region.objects.get(code=poorest))}
    assert rows["poverty"].standing == round(100 / len(known))
    page = client_for("public").get(f"/wilayah/{poorest}/").content.decode()
    weaknesses = re.search(r'<ul id="weaknesses">.*?</ul>', page, re.S).group(0)  # type: ignore[union-attr]
    assert 'data-code="poverty">Penduduk miskin (%):' in weaknesses
    strengths = re.search(r'<ul id="strengths">.*?</ul>', page, re.S).group(0)  # type: ignore[union-attr]
    assert "poverty" not in strengths
    assert ">area_km2" not in page and ">population" not in page  # denominators are not indicators


def test_only_the_secretariat_publishes(index_run, users):
    with pytest.raises(PermissionDeniedError, match="hanya sekretariat"):
        publish_dataset(actor=users["assessor"], dataset=index_run.dataset)
    with pytest.raises(PermissionDeniedError):
        publish_index_run(actor=users["region_team"], run=index_run, published=False)
    publish_dataset(actor=users["secretariat"], dataset=index_run.dataset)
    event = AuditEvent.objects.get(action="dataset.publish")
    assert event.actor == users["secretariat"]


def test_dataset_publication_through_the_web_confirmation(index_run, client_for):
    client = client_for("secretariat")
    url = f"/data/{index_run.dataset.pk}/terbitkan/"
    page = client.get(url).content.decode()
    assert "Terbitkan data: demo v1" in page
    assert "Saya mengerti: versi data ini menjadi publik." in page
    assert client.post(url, {"published": "1"}).status_code == 400
    assert Dataset.objects.get().published is False
    assert client.post(url, {"published": "1", "confirm": "on"}).status_code == 302
    assert Dataset.objects.get().published is True
    listing = client.get("/data/").content.decode()
    assert 'class="button publish-dataset"' in listing


def test_dataset_publication_through_the_api_needs_confirm(index_run, client_for):
    client = client_for("secretariat")
    url = f"/api/datasets/{index_run.dataset.pk}/publish/"
    refused = client.post(url, {}, content_type="application/json")
    assert (refused.status_code, refused.json()["code"], refused.json()["column"]) == (
        400,
        "confirmation_required",
        "confirm",
    )
    assert "menampilkan profil indikatornya di halaman daerah publik" in refused.json()["message"]
    done = client.post(url, {"confirm": True}, content_type="application/json")
    assert (done.status_code, done.json()["published"]) == (200, True)
    team = client_for("region_team")
    assert [d["name"] for d in team.get("/api/datasets/").json()["results"]] == ["demo"]
    client.post(
        f"/api/datasets/{index_run.dataset.pk}/unpublish/", {"confirm": True}, content_type="application/json"
    )
    assert team.get("/api/datasets/").json()["results"] == []
    assert client.get("/api/datasets/").json()["count"] == 1  # staff still see the draft


def test_creating_a_published_run_through_the_api_needs_confirm(client_for):
    from kotacerdas.regions.domain.registry import sync_regions

    sync_regions()
    client = client_for("secretariat")
    body = {"name": "x", "scores": {"63.71": 1.0, "32.73": 2.0}, "published": True}
    refused = client.post("/api/index-runs/", body, content_type="application/json")
    assert (refused.status_code, refused.json()["code"]) == (400, "confirmation_required")
    made = client.post("/api/index-runs/", {**body, "confirm": True}, content_type="application/json")
    assert (made.status_code, made.json()["published"]) == (201, True)
    unpublished = client.post(
        f"/api/index-runs/{made.json()['id']}/unpublish/", {"confirm": True}, content_type="application/json"
    )
    assert unpublished.json()["published"] is False
    assert client_for("public").get("/api/index-runs/").json()["results"] == []
