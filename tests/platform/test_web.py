"""Server-rendered pages through Django's test client (the browser tests are in tests/browser/)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import math

import pytest
from openpyxl import load_workbook

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.programme.models import Participation
from kotacerdas.regions.domain.boundaries import clockwise, import_boundaries
from kotacerdas.regions.models import IndexScore, Region
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def test_dashboard_counts_by_stage(world, client_for):
    html = client_for("public").get("/").content.decode()
    assert '<td class="num" data-state="guidance">2</td>' in html
    assert '<td class="num" data-state="invited">0</td>' in html
    assert '<span id="total-selected">2</span>' in html


def test_region_page_shows_documents_only_to_permitted_roles(world, client_for):
    public = client_for("public").get("/wilayah/63.71/").content.decode()
    team = client_for("region_team").get("/wilayah/63.71/").content.decode()
    other_team = client_for("region_team").get("/wilayah/32.73/").content.decode()
    assert '<h1 id="region-name">Kota Banjarmasin</h1>' in public
    assert "buku1.pdf" not in public
    assert "Sungai Digital" in team and "Sungai Digital" not in public  # a draft masterplan is not public
    assert f'href="/dokumen/{world.doc_own.pk}/unduh/"' in team
    assert "Unggah PDF" in team and "Unggah PDF" not in other_team
    assert '<strong id="rank">2</strong>' in public


def test_ranking_export_csv_and_xlsx(world, client_for):
    client = client_for("public")
    rows = list(csv.reader(io.StringIO(client.get("/peringkat/?format=csv").content.decode())))
    assert rows == [
        [
            "Peringkat",
            "Kode",
            "Nama",
            "Jenis daerah",
            "Provinsi",
            "Kelompok pulau",
            "Skor",
            "Peringkat median",
            "Peringkat kuantil 5%",
            "Peringkat kuantil 95%",
            "Peluang masuk teratas",
        ],
        ["1", "32.73", "Kota Bandung", "kota", "Jawa Barat", "Jawa", "0.8", "1.0", "1.0", "2.0", ""],
        [
            "2",
            "63.71",
            "Kota Banjarmasin",
            "kota",
            "Kalimantan Selatan",
            "Kalimantan",
            "0.4",
            "2.0",
            "1.0",
            "2.0",
            "",
        ],
    ]
    filtered = client.get("/peringkat/?island=Kalimantan&format=xlsx")
    sheet = load_workbook(io.BytesIO(filtered.content)).active
    assert [c.value for c in sheet["B"]] == ["Kode", "63.71"]
    assert sheet.title == "Peringkat"
    assert sheet["G2"].value == 0.4 and sheet["G2"].number_format == "#,##0.0000"  # numeric, formatted
    english = client.get("/peringkat/?format=csv", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    head, first = list(csv.reader(io.StringIO(english)))[:2]
    assert head[:4] == ["Rank", "Code", "Name", "Region type"] and head[-1] == "Probability of a top place"
    assert first[3] == "kota"  # kabupaten/kota: administrative terms, the same in both languages
    sheet = load_workbook(
        io.BytesIO(client.get("/peringkat/?format=xlsx", HTTP_ACCEPT_LANGUAGE="en").content)
    ).active
    assert sheet.title == "Ranking" and sheet["A1"].value == "Rank" and sheet["D2"].value == "kota"


def test_ranking_page_shows_rank_intervals(world, client_for):
    html = client_for("public").get("/peringkat/").content.decode()
    assert '<td class="num">1–2</td>' in html


def test_map_falls_back_to_province_tiles(world, client_for):
    html = client_for("public").get("/peta/").content.decode()
    assert 'data-kind="tiles"' in html
    assert "/static/vendor/plotly.min.js" in html
    assert 'id="map-table"' in html  # the data-table alternative of the tiles too
    assert html.count("<tr><td>") == Region.objects.count()


def test_map_draws_imported_boundaries(world, client_for):
    square = [[114.5, -3.4], [114.7, -3.4], [114.7, -3.2], [114.5, -3.2], [114.5, -3.4]]  # counter-clockwise
    # a 60-gon, so that the asset is large enough for gzip to pay (Django adds random padding)
    ring = [
        [114.6 + 0.1 * math.cos(t / 60 * math.tau), -3.3 + 0.1 * math.sin(t / 60 * math.tau)]
        for t in range(60)
    ]
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": "6371"},
                "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]},
            }
        ],
    }
    assert (
        import_boundaries(actor=SYSTEM, file_name="b.geojson", content=json.dumps(collection).encode()) == 1
    )
    client = client_for("public")
    response = client.get("/peta/")
    html = response.content.decode()
    assert 'data-kind="choropleth"' in html
    assert "plotly" not in html and "/static/leaflet/leaflet.js" in html
    data = response.context["map_data"]
    assert data["values"]["63.71"][0] == "Kota Banjarmasin"
    assert data["values"]["63.71"][2] == "Bimbingan teknis"  # the furthest stage, named
    assert len(data["values"]) == Region.objects.count()
    # the boundaries are a separate asset that browsers keep for a year
    asset = client.get(data["geometry"], HTTP_ACCEPT_ENCODING="gzip")
    assert asset["Cache-Control"] == "public, max-age=31536000, immutable"
    assert asset["Content-Encoding"] == "gzip"
    features = json.loads(gzip.decompress(asset.content))["features"]
    assert [f["id"] for f in features] == ["63.71"]
    assert client.get("/peta/batas-000000000000.geojson")["Location"] == data["geometry"]
    assert clockwise({"type": "Polygon", "coordinates": [square]})["coordinates"] == [[square[::-1]]]


def test_map_values_are_indonesian_numbers_and_the_table_lists_every_region(world, client_for):
    import_boundaries(actor=SYSTEM, file_name="b.geojson", content=json.dumps(_collection("32.73")).encode())
    response = client_for("public").get("/peta/?metric=score")
    data = response.context["map_data"]
    bandung = IndexScore.objects.get(run=world.run, region__code="32.73").score
    assert data["values"]["32.73"][1] == bandung
    assert data["values"]["32.73"][2] == f"{bandung:.1f}".replace(".", ",")
    assert response.content.decode().count("<tr><td>") == Region.objects.count()  # the table alternative


def test_map_geometry_version_changes_with_each_boundary_import(world, client_for):
    from kotacerdas.regions.domain.map_geometry import screen_geometry

    assert screen_geometry() is None
    assert client_for("public").get("/peta/batas-x.geojson").status_code == 404
    import_boundaries(actor=SYSTEM, file_name="a.geojson", content=json.dumps(_collection("63.71")).encode())
    first = screen_geometry()
    import_boundaries(actor=SYSTEM, file_name="b.geojson", content=json.dumps(_collection("32.73")).encode())
    second = screen_geometry()
    assert first is not None and second is not None and first.version != second.version
    assert [f["id"] for f in json.loads(second.content)["features"]] == ["32.73", "63.71"]


def _collection(code: str) -> dict:
    ring = [[107.5, -7.0], [107.8, -7.0], [107.8, -6.7], [107.5, -6.7], [107.5, -7.0]]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        ],
    }


def test_pipeline_bulk_action_moves_ticked_regions(world, client_for, users):
    client = client_for("secretariat")
    cohort = world.own.cohort
    html = client.get(f"/kohort/{cohort.pk}/").content.decode()
    assert (
        '<div class="column" data-state="guidance" role="group" aria-labelledby="kolom-guidance">'
        '<h3 id="kolom-guidance">Bimbingan teknis <span class="count">2</span></h3>' in html
    )
    chosen = {"participation": [world.own.pk, world.other.pk], "to": "withdrawn"}
    asked = client.post(f"/kohort/{cohort.pk}/aksi/", chosen)
    assert asked.status_code == 200
    assert "2 daerah di kohort GM100 2024 pindah ke tahap «Mengundurkan diri»" in asked.content.decode()
    assert "Kota Bandung, Kota Banjarmasin" in asked.content.decode()
    assert sorted(Participation.objects.values_list("state", flat=True)) == ["guidance", "guidance"]
    unticked = client.post(f"/kohort/{cohort.pk}/aksi/", {**chosen, "confirm_step": "1"})
    assert unticked.status_code == 400
    response = client.post(f"/kohort/{cohort.pk}/aksi/", {**chosen, "confirm_step": "1", "confirm": "on"})
    assert response.status_code == 302
    assert sorted(Participation.objects.values_list("state", flat=True)) == ["withdrawn", "withdrawn"]


def test_pipeline_bulk_refusal_keeps_everything(world, client_for):
    client = client_for("secretariat")
    response = client.post(
        f"/kohort/{world.own.cohort_id}/aksi/",
        {"participation": [world.own.pk], "to": "awarded"},
        follow=True,
    )
    assert "tidak dapat berpindah dari Bimbingan teknis ke Penghargaan" in response.content.decode()
    assert sorted(Participation.objects.values_list("state", flat=True)) == ["guidance", "guidance"]


def test_upload_book_from_the_region_page(world, client_for, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("region_team")
    response = client.post(
        f"/partisipasi/{world.own.pk}/dokumen/", {"book": "3", "file": SimpleUploadedFile("b3.pdf", f.PDF)}
    )
    assert response.status_code == 302
    assert list(world.own.documents.order_by("book").values_list("book", "version")) == [(1, 1), (3, 1)]


def test_login_page_logs_in(users, client):
    response = client.post("/masuk/", {"username": "sekretariat", "password": "pw-for-tests-123"})
    assert (response.status_code, response["Location"]) == (302, "/")


def test_ranking_is_paged_by_100_and_exports_all(client_for):
    from kotacerdas.regions.domain.index_runs import record_index_run
    from kotacerdas.regions.domain.registry import sync_regions
    from kotacerdas.regions.models import Region

    sync_regions()
    codes = list(Region.objects.values_list("code", flat=True)[:150])
    record_index_run(
        actor=SYSTEM,
        name="big",
        settings={},
        scores={c: float(i) for i, c in enumerate(codes)},
        published=True,
    )
    client = client_for("public")
    first = client.get("/peringkat/").content.decode()
    assert first.count('<td class="num">') == 200  # rank + score cells of 100 rows
    assert "halaman 1 dari 2" in first
    second = client.get("/peringkat/?page=2").content.decode()
    assert second.count('<td class="num">') == 100
    exported = client.get("/peringkat/?page=2&format=csv").content.decode().splitlines()
    assert len(exported) == 151


def test_region_team_updates_its_quick_win_from_the_masterplan_page(world, client_for):
    client = client_for("region_team")
    page_url = f"/masterplan/{world.quick_win.masterplan_id}/"
    page = client.get(page_url).content.decode()
    assert 'action="/quick-win/' in page
    assert 'action="/quick-win/' not in client_for("assessor").get(page_url).content.decode()
    # only the legal next statuses of a planned quick win are offered
    form = page[page.index('action="/quick-win/') :]
    form = form[: form.index("</form>")]
    assert '<option value="running">' in form and '<option value="stopped">' in form
    assert 'value="done"' not in form and 'value="planned"' not in form
    response = client.post(
        f"/quick-win/{world.quick_win.pk}/status/",
        {"status": "running", "on": "2024-06-01", "evidence_url": "https://example.org/foto"},
    )
    assert response["Location"] == f"{page_url}#qw-{world.quick_win.pk}"
    world.quick_win.refresh_from_db()
    assert world.quick_win.status == "running"
    assert world.quick_win.status_history.last().evidence_url == "https://example.org/foto"
    refused = client.post(
        f"/quick-win/{world.quick_win.pk}/status/", {"status": "planned", "on": "2024-07-01"}, follow=True
    )
    assert "Status baru: Masukkan pilihan yang valid. planned bukan salah satu" in refused.content.decode()
    world.quick_win.refresh_from_db()
    assert world.quick_win.status == "running"


def test_secretariat_withdraws_and_republishes_a_run(world, client_for):
    client = client_for("secretariat")
    url = f"/peringkat/{world.run.pk}/terbitkan/"
    page = client.get(url).content.decode()
    assert "Tarik hasil indeks dari publik: Indeks 2024" in page
    assert "Saya mengerti: hasil indeks ini ditarik dari publik." in page
    unticked = client.post(url, {"published": "0"})
    assert unticked.status_code == 400
    world.run.refresh_from_db()
    assert world.run.published is True  # nothing happens without the ticked box
    client.post(url, {"published": "0", "confirm": "on"})
    world.run.refresh_from_db()
    assert world.run.published is False
    assert (
        "Belum ada hasil indeks yang diterbitkan." in client_for("public").get("/peringkat/").content.decode()
    )
    client.post(url, {"published": "0", "confirm": "on"})  # a repeated form does not flip it back
    world.run.refresh_from_db()
    assert world.run.published is False
    client.post(url, {"published": "1", "confirm": "on"})
    world.run.refresh_from_db()
    assert world.run.published is True


def test_region_team_records_bimtek_and_decree_for_its_region(world, client_for):
    client = client_for("region_team")
    assert "Catat bimtek" in client.get("/wilayah/63.71/").content.decode()
    client.post(
        f"/partisipasi/{world.own.pk}/sk/",
        {
            "kind": "council",
            "decree_number": "SK 188/45/2024",
            "decree_date": "2024-04-01",
            "members": "Wali Kota\nRektor ULM\n",
        },
    )
    council = world.own.institutions.get(kind="council")
    assert (council.decree_number, council.members) == ("SK 188/45/2024", ["Wali Kota", "Rektor ULM"])
    refused = client.post(
        f"/partisipasi/{world.own.pk}/bimtek/",
        {"stage": "1", "start": "2024-05-01", "end": "2024-05-02", "attendees": "30"},
        follow=True,
    )
    assert "bimtek 1 sudah tercatat" in refused.content.decode()
    bad = client.post(
        f"/partisipasi/{world.own.pk}/bimtek/",
        {"stage": "2", "start": "kemarin", "end": "2024-05-02", "attendees": "30"},
        follow=True,
    )
    assert "Mulai: Masukkan tanggal yang valid." in bad.content.decode()
    assert list(world.own.bimteks.values_list("stage", flat=True)) == [1, 2, 3, 4]
