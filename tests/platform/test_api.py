"""REST API: the one error shape, lifecycle actions, token auth, uploads, OpenAPI and offline docs."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.users import issue_token
from kotacerdas.jobs.domain.runner import run
from kotacerdas.jobs.models import Job
from kotacerdas.programme.lifecycle import State
from kotacerdas.regions.models import Dataset
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
SHAPE = ["code", "message", "file", "row", "column", "hint"]


def api(user=None) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_domain_refusal_is_409_in_the_one_shape(world, users):
    response = api(users["secretariat"]).post(
        f"/api/participations/{world.other.pk}/transition/", {"to": "awarded"}
    )
    assert response.status_code == 409
    assert response.json() == {
        "code": "transition_not_allowed",
        "message": "Kota Bandung di GM100 2024: tidak dapat berpindah dari Bimbingan teknis ke Penghargaan",
        "file": None,
        "row": None,
        "column": None,
        "hint": "status berikut yang diizinkan: Dibatalkan, Komitmen ditandatangani, Mengundurkan diri",
    }
    english = api(users["secretariat"]).post(
        f"/api/participations/{world.other.pk}/transition/", {"to": "awarded"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert (english.json()["code"], english.json()["message"], english.json()["hint"]) == (
        "transition_not_allowed",
        "Kota Bandung in GM100 2024: cannot go from Technical guidance to Awarded",
        "allowed next states: Cancelled, Commitment signed, Withdrawn",
    )


def test_validation_error_names_the_field(users):
    response = api(users["secretariat"]).post(
        "/api/programmes/", {"name": "GM"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "slug: This field is required.",
        "file": None,
        "row": None,
        "column": "slug",
        "hint": "correct the named fields and send again",
    }


def test_dataset_import_is_queued_like_the_web_form_and_its_error_carries_file_row_column(
    users, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    f.region("63.71")
    upload = SimpleUploadedFile("ipm.csv", b"code,ipm\n63.71,x\n", content_type="text/csv")
    response = api(users["secretariat"]).post(
        "/api/datasets/",
        {"name": "ipm", "source": "BPS", "year": 2024, "licence": "CC", "file": upload},
        format="multipart",
    )
    assert response.status_code == 202  # queued, not imported inside the request
    job = Job.objects.get(pk=response.json()["id"])
    assert (job.kind, job.function, job.status) == (
        "dataset_import",
        "dataset_import",
        "queued",
    )
    assert run(job.pk).error == {
        "code": "not_a_number",
        "message": "'x' is not a number",
        "file": "ipm.csv",
        "row": 2,
        "column": "ipm",
        "hint": "leave the cell empty for a missing value",
        "params": {"what": "", "cell": "x"},
    }
    assert Dataset.objects.count() == 0


def test_dataset_warnings_and_the_import_jobs_read_in_the_requests_language(users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    f.region("63.71")
    f.region("63.72")
    upload = SimpleUploadedFile("ipm.csv", b"code,ipm\n63.71,75.5\n63.72,\n", content_type="text/csv")
    client = api(users["secretariat"])
    response = client.post(
        "/api/datasets/",
        {"name": "ipm", "source": "BPS", "year": 2024, "licence": "CC", "file": upload},
        format="multipart",
    )
    job = run(response.json()["id"])
    dataset = Dataset.objects.get()
    indonesian = ["indikator 'ipm' memiliki 1 nilai hilang", "indikator 'ipm' bernilai tetap (tidak memberi "
                  "informasi untuk peringkat)"]  # fmt: skip
    english = [
        "indicator 'ipm' has 1 missing value",
        "indicator 'ipm' is constant (no information for ranking)",
    ]
    for language, warnings in (("id", indonesian), ("en", english)):
        report = client.get(f"/api/datasets/{dataset.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()
        assert report["validation_report"]["warnings"] == warnings
        assert report["validation_report"]["missing"] == {"ipm": 1}
        result = client.get(f"/api/jobs/{job.pk}/", HTTP_ACCEPT_LANGUAGE=language).json()["result"]
        assert result == {"dataset": dataset.pk, "version": 1, "warnings": warnings}
    Dataset.objects.filter(pk=dataset.pk).update(validation_report={"warnings": ["an older English warning"]})
    older = client.get(f"/api/datasets/{dataset.pk}/").json()["validation_report"]
    assert older == {"warnings": ["an older English warning"]}


def test_dataset_import_refuses_a_wrong_file_type_at_once(users):
    upload = SimpleUploadedFile("ipm.txt", b"code,ipm\n", content_type="text/plain")
    response = api(users["secretariat"]).post(
        "/api/datasets/",
        {"name": "ipm", "source": "BPS", "year": 2024, "licence": "CC", "file": upload},
        format="multipart",
    )
    assert (response.status_code, response.json()["message"], response.json()["file"]) == (
        400,
        "unggah berkas .csv atau .xlsx",
        "ipm.txt",
    )
    assert (response.json()["code"], response.json()["hint"]) == (
        "csv_or_xlsx_only",
        "ekspor tabel itu sebagai CSV",
    )
    assert Job.objects.count() == 0


def test_auth_errors_share_the_shape_in_both_languages(users):
    public = APIClient().get("/api/datasets/")
    assert public.status_code == 401
    assert public.json() == {
        "code": "not_authenticated",
        "message": "Data autentikasi tidak diberikan.",
        "file": None,
        "row": None,
        "column": None,
        "hint": None,
    }
    english = APIClient().get("/api/datasets/", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["message"] == "Authentication credentials were not provided."
    team = api(users["region_team"]).get("/api/jobs/", HTTP_ACCEPT_LANGUAGE="en")
    assert team.status_code == 403
    assert team.json() == {
        "code": "permission",
        "message": "You do not have permission to perform this action.",
        "file": None,
        "row": None,
        "column": None,
        "hint": None,
    }


def test_unknown_api_path_is_json_404():
    response = APIClient().get("/api/nothing-here/")
    assert response.status_code == 404
    assert list(response.json()) == SHAPE
    assert response.json()["message"] == "tidak ada sumber daya API di /api/nothing-here/"


def test_token_auth_for_scripts(users):
    token = issue_token(actor=users["secretariat"], user=users["secretariat"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/jobs/").status_code == 200
    client.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert client.get("/api/jobs/").json()["code"] == "authentication_failed"


def test_enrol_and_walk_the_lifecycle_over_the_api(users):
    cohort = f.cohort(2025)
    f.region("32.73")
    client = api(users["secretariat"])
    created = client.post(
        "/api/participations/enrol/",
        {"cohort": cohort.pk, "region": "32.73", "on": "2025-01-15"},
        format="json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    assert (created.json()["region"], created.json()["state"]) == ("32.73", "invited")
    for state in ("assessed", "selected", "mou_signed"):
        response = client.post(
            f"/api/participations/{pk}/transition/", {"to": state, "on": "2025-02-01"}, format="json"
        )
        assert response.json()["state"] == state
    response = client.post(
        f"/api/participations/{pk}/bimtek/",
        {"stage": 1, "start": "2025-03-01", "end": "2025-03-02", "attendees": 30},
        format="json",
    )
    assert response.json()["state"] == State.GUIDANCE


def test_region_team_uploads_own_books_only(world, users):
    team = api(users["region_team"])
    own = team.post(
        "/api/documents/upload/",
        {"participation": world.own.pk, "book": 2, "file": SimpleUploadedFile("Buku 2.pdf", f.PDF)},
        format="multipart",
    )
    assert (own.status_code, own.json()["version"], own.json()["book"]) == (201, 1, 2)
    other = team.post(
        "/api/documents/upload/",
        {"participation": world.other.pk, "book": 2, "file": SimpleUploadedFile("b.pdf", f.PDF)},
        format="multipart",
    )
    assert other.status_code == 403
    bad = team.post(
        "/api/documents/upload/",
        {"participation": world.own.pk, "book": 2, "file": SimpleUploadedFile("b.pdf", b"MZ...")},
        format="multipart",
    )
    assert (bad.status_code, bad.json()["message"], bad.json()["file"]) == (
        400,
        "berkas ini bukan PDF (tanpa tanda %PDF-)",
        "b.pdf",
    )
    listed = team.get("/api/documents/").json()["results"]
    assert sorted((d["participation"], d["book"]) for d in listed) == [(world.own.pk, 1), (world.own.pk, 2)]


def test_quick_win_status_by_its_region_team(world, users):
    response = api(users["region_team"]).post(
        f"/api/quick-wins/{world.quick_win.pk}/status/",
        {"status": "running", "on": "2024-05-01"},
        format="json",
    )
    assert (response.status_code, response.json()["status"]) == (200, "running")
    again = api(users["region_team"]).post(
        f"/api/quick-wins/{world.quick_win.pk}/status/",
        {"status": "planned", "on": "2024-06-01"},
        format="json",
    )
    assert (again.status_code, again.json()["code"]) == (409, "transition_not_allowed")


def test_index_run_created_from_engine_scores(users):
    f.region("63.71")
    f.region("63.72")
    response = api(users["secretariat"]).post(
        "/api/index-runs/",
        {
            "name": "run",
            "scores": {"63.71": 0.2, "63.72": 0.7},
            "settings": {"m": 1},
            "intervals": {"63.71": [2, 2, 2], "63.72": [1, 1, 2]},
        },
        format="json",
    )
    assert response.status_code == 201
    scores = api(users["assessor"]).get(f"/api/index-runs/{response.json()['id']}/scores/").json()
    assert [(s["code"], s["rank"], s["rank_q95"]) for s in scores] == [("63.72", 1, 2.0), ("63.71", 2, 2.0)]


def test_openapi_lists_the_resources_and_docs_are_local():
    schema = APIClient().get("/api/schema/?format=json").json()
    for path in (
        "/api/regions/",
        "/api/datasets/",
        "/api/index-runs/",
        "/api/programmes/",
        "/api/cohorts/",
        "/api/participations/",
        "/api/participations/{id}/transition/",
        "/api/documents/",
        "/api/masterplan-programmes/",
        "/api/quick-wins/",
    ):
        assert path in schema["paths"], path
    html = APIClient().get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_withdrawing_and_substituting_need_confirm_true(world, users):
    sec = api(users["secretariat"])
    url = f"/api/participations/{world.other.pk}/transition/"
    refused = sec.post(url, {"to": "withdrawn", "reason": "mundur"}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert (refused.status_code, refused.json()["code"], refused.json()["column"]) == (
        400,
        "confirmation_required",
        "confirm",
    )
    assert refused.json()["message"] == (
        "confirmation required: moving the region Kota Bandung to Withdrawn ends its participation in GM100 2024 "
        "for good"
    )
    world.other.refresh_from_db()
    assert world.other.state == "guidance"
    done = sec.post(url, {"to": "withdrawn", "reason": "mundur", "confirm": True}, format="json")
    assert (done.status_code, done.json()["state"]) == (200, "withdrawn")
    substitute = f"/api/participations/{world.own.pk}/substitute/"
    f.region("73.71")
    asked = sec.post(substitute, {"region": "73.71"}, format="json")
    assert (asked.status_code, asked.json()["code"]) == (400, "confirmation_required")
    assert "Kota Makassar mengambil slot Kota Banjarmasin" in asked.json()["message"]


def test_dataset_upload_states_its_code_system(users):
    for code in ("11.01", "11.03", "11.09"):
        f.region(code)
    body = b"code,ipm\n1103,70\n1101,65\n"
    upload = SimpleUploadedFile("bps.csv", body, content_type="text/csv")
    response = api(users["secretariat"]).post(
        "/api/datasets/",
        {"name": "ipm", "source": "BPS", "year": 2024, "licence": "CC", "file": upload, "code_system": "bps"},
        format="multipart",
    )
    assert response.status_code == 202, response.json()
    assert run(response.json()["id"]).status == "done"
    from kotacerdas.regions.models import DatasetValue

    assert sorted(DatasetValue.objects.values_list("region__code", "value")) == [
        ("11.01", 70.0),
        ("11.09", 65.0),
    ]
    schema = APIClient().get("/api/schema/?format=json").json()
    field = schema["components"]["schemas"]["DatasetUpload"]["properties"]["code_system"]
    assert field["default"] == "kemendagri"
    assert schema["components"]["schemas"]["CodeSystemEnum"]["enum"] == ["kemendagri", "bps"]


def test_dataset_form_asks_for_the_code_system(client_for):
    page = client_for("secretariat").get("/data/impor/").content.decode()
    assert (
        '<select name="code_system" id="id_code_system" class="form-select">' in page
        and 'value="bps"' in page
    )
    response = client_for("secretariat").post(
        "/data/impor/",
        {"name": "x", "source": "s", "year": "2024", "licence": "l", "code_system": "nuts",
         "file": SimpleUploadedFile("x.csv", b"code,x\n63.71,1\n")},
    )  # fmt: skip
    assert response.status_code == 400 and list(response.context["form"].errors) == ["code_system"]
