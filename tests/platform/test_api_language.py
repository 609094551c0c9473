"""The API's own texts in the request's language: DRF's generic errors with their stable codes, the
404 of a missing object, validation hints, and the OpenAPI document's field and error descriptions."""

from __future__ import annotations

import re
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


#: function words that only an English sentence has, and only an Indonesian one (a word of one list in a
#: text of the other language is a text the catalogue did not reach)
ENGLISH_WORDS = frozenset({
    "the", "of", "a", "an", "is", "are", "for", "to", "with", "and", "or", "from", "by", "only", "this", "its",
    "their", "when", "while", "not", "it", "be",
})  # fmt: skip
INDONESIAN_WORDS = frozenset({
    "yang", "dan", "atau", "tidak", "untuk", "dengan", "dari", "ke", "di", "ini", "itu", "bila", "hanya", "sudah",
    "belum",
})  # fmt: skip
#: what is data, not prose: ``code`` and `code` spans, paths and addresses, parameters such as ?role=
_DATA = re.compile(r"``.*?``|`[^`]*`|\S*/\S*|\?\S+|%\(\w+\)s")


def _texts(node: Any, where: str = "") -> dict[str, str]:
    """Every ``description``, ``summary`` and ``title`` of the document, by where it is."""
    found: dict[str, str] = {}
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("description", "summary", "title") and isinstance(value, str):
                found[f"{where}/{key}"] = value
            else:
                found.update(_texts(value, f"{where}/{key}"))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.update(_texts(value, f"{where}/{index}"))
    return found


def _words(text: str) -> set[str]:
    """The words of ``text`` without its data-like parts (codes, paths, parameters, ``not_found``)."""
    tokens = re.findall(r"[\w']+", _DATA.sub(" ", text).lower())
    return {token for token in tokens if re.fullmatch(r"[a-z]+(?:'[a-z]+)?", token)}


def test_every_text_of_the_openapi_document_reads_in_the_requests_language():
    client = APIClient()
    first, english, again = (
        _texts(client.get("/api/schema/?format=json", HTTP_ACCEPT_LANGUAGE=language).json())
        for language in ("id", "en", "id")
    )
    assert first == again  # generated per request: never one language's document kept for the other
    # drf-spectacular's ?lang= too
    assert _texts(client.get("/api/schema/?format=json&lang=en").json()) == english
    # the same places in both (components keep their names); a field's title only where its label is
    # more than its name spelled out ("Nama pengguna" for username, not "Username")
    assert {w for w in first if not w.endswith("/title")} == {w for w in english if not w.endswith("/title")}
    english_in_indonesian = {w: t for w, t in first.items() if _words(t) & ENGLISH_WORDS}
    indonesian_in_english = {w: t for w, t in english.items() if _words(t) & INDONESIAN_WORDS}
    assert english_in_indonesian == {}
    assert indonesian_in_english == {}
    # the same text in both documents only where it is a name or data: the product's name, and the
    # lists of an enum's codes with their labels (some labels are names: "Smart Living", "BPS")
    same = {
        w: t
        for w, t in first.items()
        if _words(t) and english.get(w) == t and w != "/info/title" and not w.endswith("Enum/description")
    }
    assert same == {}
    # operations from docstrings, components from serializer docstrings, DRF's and drf-spectacular's texts
    retry = "/paths//api/jobs/{id}/retry//post/description"
    assert first[retry].startswith("Mengantrekan lagi pekerjaan yang gagal")
    assert english[retry].startswith("Queue a failed job again")
    identifier = "/paths//api/index-runs/{id}//get/parameters/0/description"
    assert (first[identifier], english[identifier]) == (
        "Nomor unik yang mengenali objek ini (Hasil indeks).",
        "The unique number identifying this object (Index run).",
    )
    token = "/components/securitySchemes/tokenAuth/description"
    assert (first[token], english[token]) == (
        'Autentikasi berbasis token dengan awalan wajib "Token"',
        'Token-based authentication with required prefix "Token"',
    )
    thread = "/components/schemas/Thread/description"
    assert first[thread].startswith("Utas komentar:") and english[thread].startswith("A comment thread:")


def test_the_language_check_of_the_openapi_document_finds_english_and_ignores_data():
    assert _words('Publish the run (needs ``"confirm": true``).') & ENGLISH_WORDS == {"the"}
    assert not _words("Menerbitkan hasil indeks ini; pantau ``/api/jobs/{id}/`` (?role=a)") & ENGLISH_WORDS
    assert not _words("* `top` - top\n* `list` - list") & ENGLISH_WORDS
    assert not _words("kode galat yang tetap, mis. invalid, not_found, state") & ENGLISH_WORDS
