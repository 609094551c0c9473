"""The API's own texts in the request's language: DRF's generic errors with their stable codes, the
404 of a missing object, validation hints, and the OpenAPI document's field and error descriptions."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.platform import factories as f

pytestmark = pytest.mark.django_db
SHAPE = ["code", "message", "file", "row", "column", "hint"]


def _both(method: str, path: str, client: APIClient | None = None, **kwargs: Any) -> tuple[Any, Any]:
    """The same request by default (Indonesian) and with ``Accept-Language: en``."""
    client = client or APIClient()
    call = getattr(client, method)
    return call(path, **kwargs), call(path, HTTP_ACCEPT_LANGUAGE="en", **kwargs)


def test_a_missing_object_answers_in_the_requests_language():
    indonesian, english = _both("get", "/api/regions/99.99/")
    assert (indonesian.status_code, english.status_code) == (404, 404)
    assert list(indonesian.json()) == SHAPE
    assert (indonesian.json()["code"], indonesian.json()["message"]) == (
        "not_found",
        "tidak ada sumber daya API di /api/regions/99.99/",
    )
    assert (english.json()["code"], english.json()["message"]) == (
        "not_found",
        "there is no API resource at /api/regions/99.99/",
    )


def test_an_unauthenticated_write_is_refused_in_the_requests_language():
    indonesian, english = _both("post", "/api/programmes/", data={"name": "GM"}, format="json")
    assert (indonesian.status_code, indonesian.json()["code"]) == (401, "not_authenticated")
    assert indonesian.json()["message"] == "Data autentikasi tidak diberikan."
    assert (english.json()["code"], english.json()["message"]) == (
        "not_authenticated",
        "Authentication credentials were not provided.",
    )


def test_a_method_not_allowed_is_refused_in_the_requests_language(users):
    client = APIClient()
    client.force_authenticate(users["secretariat"])
    f.region("63.71")
    indonesian, english = _both("delete", "/api/regions/63.71/", client)
    assert (indonesian.status_code, indonesian.json()["code"]) == (405, "method_not_allowed")
    assert indonesian.json()["message"] == 'Metode "DELETE" tidak diizinkan.'
    assert english.json()["message"] == 'Method "DELETE" not allowed.'


def test_validation_errors_and_their_hint_read_in_the_requests_language(users):
    client = APIClient()
    client.force_authenticate(users["secretariat"])
    indonesian, english = _both("post", "/api/programmes/", client, data={"name": "GM"}, format="json")
    assert indonesian.json() == {
        "code": "invalid",
        "message": "slug: Bidang ini harus diisi.",
        "file": None,
        "row": None,
        "column": "slug",
        "hint": "perbaiki isian yang disebut, lalu kirim lagi",
    }
    assert (english.json()["message"], english.json()["hint"]) == (
        "slug: This field is required.",
        "correct the named fields and send again",
    )


def test_a_throttled_request_waits_in_the_requests_language(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "1/min"},
    }
    client = APIClient()
    assert client.get("/api/regions/").status_code == 200
    indonesian, english = _both("get", "/api/regions/", client)
    assert (indonesian.status_code, indonesian.json()["code"]) == (429, "throttled")
    assert indonesian.json()["message"].startswith("Permintaan ini telah dibatasi. Dapat dicoba lagi dalam ")
    assert indonesian.json()["message"].endswith(" detik.")
    assert english.json()["message"].startswith("Request was throttled. Expected available in ")


def test_the_openapi_document_reads_in_the_requests_language():
    indonesian, english = (r.json() for r in _both("get", "/api/schema/?format=json"))
    job = indonesian["components"]["schemas"]["Job"]["properties"]
    assert job["heartbeat_at"]["description"] == "sewa pekerjaan: diperbarui selama berjalan"
    assert job["message"]["description"] == "pesan kemajuan atau akhir pekerjaan, dalam bahasa permintaan"
    job_en = english["components"]["schemas"]["Job"]["properties"]
    assert job_en["heartbeat_at"]["description"] == "the lease: renewed while it runs"
    assert job_en["message"]["description"] == "the job's progress or how it ended, in the request's language"
    enrol = (indonesian["components"]["schemas"]["Enrol"], english["components"]["schemas"]["Enrol"])
    assert [e["properties"]["on"]["description"] for e in enrol] == [
        "tanggal pendaftaran (bawaan: hari ini)",
        "date of the enrolment (default today)",
    ]
    responses = [
        s["paths"]["/api/cohorts/{id}/"]["get"]["responses"]["404"]["description"]
        for s in (indonesian, english)
    ]
    assert responses == ["sumber daya tidak ada", "no such resource"]
    errors = [s["components"]["schemas"]["Error"]["description"] for s in (indonesian, english)]
    assert errors == ["Satu-satunya bentuk galat API.", "The one error shape of the API."]


def test_the_api_index_page_reads_in_the_requests_language():
    indonesian, english = (
        r.content.decode() for r in _both("get", "/api/", APIClient(), HTTP_ACCEPT="text/html")
    )
    assert "<title>Kota Cerdas API – Django REST framework</title>" in indonesian
    assert "Titik masuk API: skema OpenAPI (schema)" in indonesian and "entry points" not in indonesian
    assert (
        "The API&#x27;s entry points: the OpenAPI schema (schema)" in english and "Titik masuk" not in english
    )
    links = APIClient().get("/api/", HTTP_ACCEPT_LANGUAGE="en").json()  # the JSON index: links only
    assert links["schema"] == "http://testserver/api/schema/" and links["progress"].endswith("/api/progress/")


def test_the_openapi_documents_description_reads_in_the_requests_language():
    indonesian, english = (r.json()["info"] for r in _both("get", "/api/schema/?format=json"))
    assert indonesian["description"].startswith("Pemantauan program, dataset dan hasil indeks")
    assert (
        english["description"]
        == "Programme tracking, datasets and index runs of a national smart-city programme."
    )
