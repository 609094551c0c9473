"""Issue 10 §5: one size limit on every upload path, and XLSX zip bombs refused before openpyxl."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from rest_framework.test import APIClient

from kotacerdas.errors import InputError
from kotacerdas.regions.domain.tables import MAX_TABLE_BYTES, MAX_XLSX_UNPACKED, read_table
from kotacerdas.regions.models import Dataset

pytestmark = pytest.mark.django_db
SHAPE = ["code", "message", "file", "row", "column", "hint"]
META = {"name": "ipm", "source": "BPS", "year": 2024, "licence": "CC"}


def zip_bomb(unpacked: int = 64 * 1024 * 1024) -> bytes:
    """An XLSX-shaped zip whose sheet is ``unpacked`` bytes of one repeated character (ratio ~1000)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            block = b"0" * (1024 * 1024)
            for _ in range(unpacked // len(block)):
                sheet.write(block)
    return buffer.getvalue()


def wide_zip(members: int, size: int) -> bytes:
    """A zip of incompressible-looking parts adding up to more than the unpacked limit."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(members):
            info = zipfile.ZipInfo(f"xl/part{i}.xml")
            archive.writestr(info, b"x" * size)
    return buffer.getvalue()


def _api(users):  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(users["secretariat"])
    return client


def test_zip_bomb_is_refused_before_openpyxl_opens_it():
    bomb = zip_bomb()
    assert len(bomb) < 200_000  # 64 MB that travel as well under 1 MB
    with pytest.raises(InputError, match="refused as a possible zip bomb") as info:
        read_table("bom.xlsx", bomb)
    assert info.value.location.file == "bom.xlsx"


def test_xlsx_that_unpacks_too_large_is_refused(monkeypatch):
    import kotacerdas.regions.domain.tables as tables

    monkeypatch.setattr(tables, "MAX_XLSX_UNPACKED", 3 * 1024 * 1024)
    with pytest.raises(InputError, match="unpacks to 4194304 bytes"):
        read_table("besar.xlsx", wide_zip(4, 1024 * 1024))
    assert MAX_XLSX_UNPACKED == 100 * 1024 * 1024


def test_a_real_workbook_still_passes_the_archive_check():
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "ipm"])
    sheet.append(["63.71", 75])
    buffer = io.BytesIO()
    book.save(buffer)
    header, rows = read_table("ipm.xlsx", buffer.getvalue())
    assert header == ["code", "ipm"] and [r for _, r in rows] == [["63.71", 75]]


def test_zip_bomb_to_the_api_is_a_400_naming_the_file(users):
    upload = SimpleUploadedFile("bom.xlsx", zip_bomb(), content_type="application/octet-stream")
    response = _api(users).post("/api/datasets/", {**META, "file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["file"] == "bom.xlsx" and "bom zip" in response.json()["message"]
    assert not Dataset.objects.exists()


def test_table_over_the_table_limit_is_refused_on_the_api(users):
    big = b"code,ipm\n" + b"63.71,75\n" * (MAX_TABLE_BYTES // 9 + 1)
    upload = SimpleUploadedFile("besar.csv", big, content_type="text/csv")
    response = _api(users).post("/api/datasets/", {**META, "file": upload}, format="multipart")
    assert (response.status_code, response.json()["code"]) == (400, "table_too_large")
    assert response.json()["message"] == (
        f"berkas berukuran {len(big)} bita; batas sebuah tabel {MAX_TABLE_BYTES} bita"
    )
    assert response.json()["hint"] == "pecah tabel itu, atau buang kolom yang bukan indikator"
    upload.seek(0)
    english = _api(users).post(
        "/api/datasets/", {**META, "file": upload}, format="multipart", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (english.json()["code"], english.json()["message"]) == (
        "table_too_large",
        f"the file has {len(big)} bytes; the limit for a table is {MAX_TABLE_BYTES} bytes",
    )


def test_table_over_the_table_limit_is_refused_on_the_web_form(users, client_for):
    big = b"code,ipm\n" + b"63.71,75\n" * (MAX_TABLE_BYTES // 9 + 1)
    response = client_for("secretariat").post(
        "/data/impor/", {**META, "file": SimpleUploadedFile("besar.csv", big)}
    )
    assert response.status_code == 400
    assert f"besar.csv: berkas berukuran {len(big)} bita; batas sebuah tabel {MAX_TABLE_BYTES} bita" in (
        response.content.decode()
    )


@pytest.mark.parametrize("path", ["/api/datasets/", "/api/documents/upload/"])
def test_request_body_over_the_limit_is_413_in_the_api_shape(users, settings, path):
    settings.KOTACERDAS_MAX_REQUEST_BYTES = 4096
    upload = SimpleUploadedFile("besar.csv", b"x" * 5000)
    response = _api(users).post(path, {**META, "file": upload}, format="multipart")
    assert response.status_code == 413
    assert list(response.json()) == SHAPE and response.json()["code"] == "too_large"


@pytest.mark.parametrize("path", ["/data/impor/", "/partisipasi/1/dokumen/"])
def test_request_body_over_the_limit_is_413_on_the_web(users, client_for, settings, path):
    settings.KOTACERDAS_MAX_REQUEST_BYTES = 4096
    response = client_for("secretariat").post(
        path, {**META, "file": SimpleUploadedFile("a.csv", b"x" * 5000)}
    )
    assert response.status_code == 413
    assert "the limit is 4096 bytes" in response.content.decode()


def test_the_default_limit_fits_a_20_mb_book_and_nothing_much_larger(settings):
    from kotacerdas.programme.domain.documents import MAX_BYTES

    assert MAX_BYTES < settings.KOTACERDAS_MAX_REQUEST_BYTES <= MAX_BYTES + 2 * 1024 * 1024
    assert MAX_TABLE_BYTES < settings.KOTACERDAS_MAX_REQUEST_BYTES
