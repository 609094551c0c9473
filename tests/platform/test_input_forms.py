"""Web inputs outside the assessment pages read Django forms: a dataset import, a book upload, the pipeline's
bulk move and a user's (de)activation refuse bad input field by field, and the GET filters of the ranking
and the decisions page ignore what is no valid choice."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.enums import Role
from kotacerdas.jobs.models import Job
from kotacerdas.programme.models import Document, Participation
from kotacerdas.regions.domain.index_runs import record_index_run
from kotacerdas.regions.models import Dataset
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(response.content.decode())


def test_dataset_import_refuses_fields_and_shows_the_services_refusal(users, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("secretariat")
    table = SimpleUploadedFile("ipm.csv", b"code,ipm\n63.71,75\n")
    bad = client.post(
        "/data/impor/", {"name": "", "source": "BPS", "year": "dua ribu", "licence": "CC", "file": table}
    )
    assert bad.status_code == 400
    assert sorted(bad.context["form"].errors) == ["name", "year"]
    assert 'value="BPS"' in bad.content.decode()  # the form keeps what was typed
    odd = client.post(
        "/data/impor/",
        {
            "name": "ipm",
            "source": "BPS",
            "year": "2024",
            "licence": "CC",
            "file": SimpleUploadedFile("ipm.txt", b"x"),
        },
    )
    assert odd.status_code == 400
    assert odd.context["form"].non_field_errors() == [
        "ipm.txt: unggah berkas .csv atau .xlsx (ekspor tabel itu sebagai CSV)"
    ]
    assert not Dataset.objects.exists() and not Job.objects.exists()


def test_book_upload_refuses_a_book_number_outside_1_to_4(world, client_for):
    before = Document.objects.count()
    response = client_for("secretariat").post(
        f"/partisipasi/{world.own.pk}/dokumen/",
        {"book": "7", "file": SimpleUploadedFile("b.pdf", f.PDF)},
        follow=True,
    )
    assert "Buku: Masukkan pilihan yang valid." in _text(response)
    assert Document.objects.count() == before


def test_pipeline_bulk_move_needs_ticked_regions_and_a_stage(world, client_for):
    url = f"/kohort/{world.own.cohort_id}/aksi/"
    client = client_for("secretariat")
    nothing = client.post(url, {"to": "withdrawn"}, follow=True)
    assert "Daerah yang dicentang: Bidang ini harus diisi." in _text(nothing)
    unknown = client.post(url, {"participation": [world.own.pk], "to": "menang"}, follow=True)
    assert "Pindahkan yang dicentang ke: Masukkan pilihan yang valid." in _text(unknown)
    elsewhere = f.participation("35.71", the_cohort=f.cohort(2025))
    foreign = client.post(url, {"participation": [elsewhere.pk], "to": "withdrawn"}, follow=True)
    assert "Daerah yang dicentang: Masukkan pilihan yang valid." in _text(foreign)
    assert set(Participation.objects.values_list("state", flat=True)) == {"guidance", "selected"}


def test_user_activation_refuses_anything_but_0_or_1(users, client_for):
    member = f.user(Role.REGION_TEAM, "tim-bandung", "32.73")
    response = client_for("secretariat").post(f"/akun/{member.pk}/aktif/", {"active": "ya"}, follow=True)
    assert "Status: Masukkan pilihan yang valid." in _text(response)
    member.refresh_from_db()
    assert member.is_active


def test_ranking_filters_ignore_what_is_no_valid_choice(world, client_for):
    hidden = record_index_run(actor=SYSTEM, name="Draf rahasia", settings={}, scores={"63.71": 1.0})
    client = client_for("public")
    page = _text(client.get(f"/peringkat/?run={hidden.pk}&type=desa&island=Atlantis"))
    assert "Indeks 2024" in page and "Draf rahasia" not in page  # an unpublished run is no choice: the newest
    assert "Kota Banjarmasin" in page and "Kota Bandung" in page  # the invalid filters are ignored
    only_kota = _text(client.get("/peringkat/?type=kota&province=63"))
    assert "Kota Banjarmasin" in only_kota and "Kota Bandung" not in only_kota
