"""Bulk import of assessors and region teams: every row checked, errors with file/row/column, all or nothing."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from rest_framework.test import APIClient

from kotacerdas.accounts.models import AuditEvent, User
from kotacerdas.assessment.domain.onboarding import BulkImportError, import_people, parse_expertise
from kotacerdas.assessment.models import AssessorProfile
from kotacerdas.errors import InputError, PermissionDeniedError
from kotacerdas.jobs.models import Job
from kotacerdas.jobs.worker import run_queued
from tests.platform import factories as f

pytestmark = pytest.mark.django_db

GOOD = (
    b"name,email,role,region,expertise,affiliation,province\n"
    b"Siti Aminah,siti@itb.ac.id,assessor,,struktur:0.8; suprastruktur:0.5,ITB,32\n"
    b"Tim Bandung,tim@bandung.go.id,region_team,32.73,,,\n"
)


def test_a_good_table_creates_users_and_assessor_profiles(users):
    f.region("32.73")
    created = import_people(actor=users["secretariat"], file="orang.csv", content=GOOD)
    assert [u.username for u in created] == ["siti@itb.ac.id", "tim@bandung.go.id"]
    siti, tim = created
    profile = AssessorProfile.objects.get(user=siti)
    assert (profile.affiliation, profile.home_province_code, profile.expertise) == (
        "ITB",
        "32",
        {"struktur": 0.8, "suprastruktur": 0.5},
    )
    assert (tim.role, tim.region.code, tim.first_name, tim.has_usable_password()) == (
        "region_team",
        "32.73",
        "Tim Bandung",
        False,
    )
    assert (
        AuditEvent.objects.filter(action="user.create", target_id__in=[str(siti.pk), str(tim.pk)]).count()
        == 2
    )
    assert AuditEvent.objects.filter(action="assessor.create", actor=users["secretariat"]).count() == 1


def test_every_bad_row_is_reported_with_row_and_column_and_nothing_is_written(users):
    f.region("32.73")
    before = User.objects.count()
    table = (
        b"Name,Email,Role,Region,Expertise,affiliation\n"
        b"Siti,siti@itb.ac.id,assessor,,struktur:1.5,ITB\n"  # row 2: level outside 0-1
        b"Budi,budi@x.id,region_team,99.99,,\n"  # row 3: unknown region
        b"Dewi,siti@ITB.ac.id,assessor,,,UI\n"  # row 4: e-mail repeats row 2
        b"Tim,tim@bdg.id,region_team,32.73,struktur:0.5,\n"  # row 5: expertise for a region team
        b"Ani,asesor@x.id,boss,,,\n"  # row 6: unknown role
        b"Eko,eko@x.id,assessor,,,\n"  # row 7: assessor without affiliation
        b"Good,good@x.id,region_team,32.73,,\n"  # row 8: fine, but must not be created
    )
    with pytest.raises(BulkImportError) as info:
        import_people(actor=users["secretariat"], file="orang.csv", content=table)
    found = [(p.location.file, p.location.row, p.location.column) for p in info.value.problems]
    assert found == [
        ("orang.csv", 2, "expertise"),
        ("orang.csv", 3, "region"),
        ("orang.csv", 4, "email"),
        ("orang.csv", 5, "expertise"),
        ("orang.csv", 6, "role"),
        ("orang.csv", 7, "affiliation"),
    ]
    assert "juga ada di baris 2" in str(info.value.problems[2])
    assert str(info.value).startswith(
        "orang.csv, row 2, column 'expertise': struktur: 1,5 di luar 0–1 (dan 5 masalah lain"
    )
    assert User.objects.count() == before


def test_missing_columns_and_existing_users_are_refused(users):
    with pytest.raises(InputError, match="kolom yang tidak ada") as info:
        import_people(actor=users["secretariat"], file="x.csv", content=b"name,email\nA,a@x.id\n")
    assert (info.value.location.row, info.value.location.column) == (1, None)
    with pytest.raises(BulkImportError, match="sudah ada"):
        import_people(
            actor=users["secretariat"],
            file="x.csv",
            content=b"name,email,role,region,expertise,username,affiliation\nA,a@x.id,assessor,,,asesor,UI\n",
        )
    with pytest.raises(PermissionDeniedError):
        import_people(actor=users["assessor"], file="orang.csv", content=GOOD)


def test_a_failure_while_creating_rolls_back_the_whole_file(users, monkeypatch):
    f.region("32.73")
    from kotacerdas.assessment.domain import onboarding

    real = onboarding.save_assessor_profile

    def failing(**kwargs):  # type: ignore[no-untyped-def]
        real(**kwargs)
        raise InputError("the profile store refused")

    monkeypatch.setattr(onboarding, "save_assessor_profile", failing)
    before = (User.objects.count(), AssessorProfile.objects.count(), AuditEvent.objects.count())
    with pytest.raises(InputError, match="refused") as info:
        import_people(actor=users["secretariat"], file="orang.csv", content=GOOD)
    assert info.value.location.row == 2
    assert (User.objects.count(), AssessorProfile.objects.count(), AuditEvent.objects.count()) == before


def test_xlsx_region_codes_typed_as_numbers_still_match(users):
    f.region("32.73")
    book = Workbook()
    sheet = book.active
    sheet.append(["name", "email", "role", "region", "expertise"])
    sheet.append(["Tim Bandung", "tim@bandung.go.id", "region_team", 32.73, None])
    buffer = io.BytesIO()
    book.save(buffer)
    (user,) = import_people(actor=users["secretariat"], file="orang.xlsx", content=buffer.getvalue())
    assert user.region.code == "32.73"


def test_expertise_format():
    groups = {"struktur", "suprastruktur"}
    assert parse_expertise("struktur:0,7;suprastruktur : 1", groups) == {
        "struktur": 0.7,
        "suprastruktur": 1.0,
    }
    for bad, why in [
        ("struktur", "kelompok:tingkat"),
        ("budaya:0.5", "tidak dikenal"),
        ("struktur:x", "bukan angka"),
    ]:
        with pytest.raises(InputError, match=why):
            parse_expertise(bad, groups)


def test_import_in_the_browser_and_the_api(users, client_for):
    f.region("32.73")
    client = client_for("secretariat")
    assert client.get("/akun/impor/").status_code == 200
    bad = SimpleUploadedFile("orang.csv", b"name,email,role,region,expertise\nA,a@x.id,boss,,\n")
    response = client.post("/akun/impor/", {"file": bad})
    assert (
        response.status_code == 400
        and "orang.csv, baris 2, kolom &#x27;role&#x27;: peran &#x27;boss&#x27; tidak dikenal"
        in response.content.decode()
    )
    response = client.post("/akun/impor/", {"file": SimpleUploadedFile("orang.csv", GOOD)})
    assert (response.status_code, response["Location"]) == (302, "/akun/")
    assert User.objects.filter(username="tim@bandung.go.id").exists()
    api = APIClient()
    api.force_authenticate(users["secretariat"])
    again = api.post(
        "/api/users/import/", {"file": SimpleUploadedFile("orang.csv", GOOD)}, format="multipart"
    )
    assert again.status_code == 400
    assert (again.json()["row"], again.json()["column"]) == (2, "email")
    table = b"name,email,role,region,expertise,affiliation\nB,b@x.id,assessor,,struktur:0.4,UGM\n"
    response = api.post(
        "/api/users/import/", {"file": SimpleUploadedFile("b.csv", table)}, format="multipart"
    )
    assert response.status_code == 201 and response.json()[0]["username"] == "b@x.id"


def test_a_bulk_import_of_500_sends_no_mail_in_the_request_and_queues_one_job(
    users, django_capture_on_commit_callbacks
):
    rows = "".join(f"Asesor {i},asesor{i}@kampus.ac.id,assessor,,,Kampus {i % 7},\n" for i in range(500))
    table = ("name,email,role,region,expertise,affiliation,province\n" + rows).encode()
    with django_capture_on_commit_callbacks(execute=True):
        created = import_people(actor=users["secretariat"], file="orang.csv", content=table)
    assert len(created) == 500 and mail.outbox == []
    (job,) = Job.objects.filter(function="notifications.invitations")
    assert sorted(job.arguments["user_ids"]) == sorted(u.pk for u in created)
    assert AuditEvent.objects.filter(action="user.invite").count() == 500
    assert run_queued() == 1
    assert len(mail.outbox) == 500 and Job.objects.get(pk=job.pk).result == {
        "sent": 500,
        "failed": 0,
        "skipped": 0,
    }
