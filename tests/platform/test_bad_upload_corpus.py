"""Issue 10: one corpus of bad files sent to every upload path; each is refused with a sentence, and
nothing is stored. The last test prints how many were tried and refused.

Upload paths: dataset import (web form and API; the table itself is validated by the queued job, so a
refusal there is the job failing with an input error), book upload (web and API), the bulk import of
users (web and API), and KPI evidence PDFs (web and API). The command line's own corpus is
tests/cli/test_bad_inputs.py; backups that do not restore are tests/platform/test_backup.py.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.models import User
from kotacerdas.jobs.models import Job
from kotacerdas.jobs.worker import run_queued
from kotacerdas.monitoring.domain.editing import save_kpi
from kotacerdas.monitoring.domain.reporting import open_reporting_window
from kotacerdas.monitoring.models import KpiActual
from kotacerdas.programme.models import Document
from kotacerdas.regions.models import Dataset
from tests.platform import factories as f
from tests.platform.test_upload_limits import zip_bomb

pytestmark = pytest.mark.django_db
TRIED: list[tuple[str, str, bool]] = []  # (path, file, refused)

#: name → (file name, content): each is wrong in its own way for a table
TABLES = {
    "empty": ("leer.csv", b""),
    "binary": ("sampah.csv", os.urandom(2048) + b"\x00"),
    "latin-1": ("latin.csv", "code,ipm\n63.71,café\n".encode("latin-1")),
    "utf-16 without BOM": ("u16.csv", "code,ipm\n63.71,70\n".encode("utf-16-le")),
    "inf": ("inf.csv", b"code,ipm\n63.71,inf\n"),
    "nan": ("nan.csv", b"code,ipm\n63.71,nan\n"),
    "overflow": ("besar.csv", b"code,ipm\n63.71,1e400\n"),
    "formula as code": ("rumus.csv", b'code,ipm\n=HYPERLINK("http://x"),70\n'),
    "unknown code": ("kode.csv", b"code,ipm\n99.99,70\n"),
    "duplicate region": ("ganda.csv", b"code,ipm\n63.71,70\n6371,71\n"),
    "no code column": ("tanpa.csv", b"kab,ipm\n63.71,70\n"),
    "html as csv": ("halaman.csv", b"<html><body>not a table</body></html>"),
    "random xlsx": ("acak.xlsx", os.urandom(4096)),
    "zip bomb": ("bom.xlsx", zip_bomb()),
    "executable": ("program.exe", b"MZ\x90\x00" + os.urandom(512)),
}
#: files that are not PDF books
BOOKS = {
    "empty": ("buku.pdf", b""),
    "html as pdf": ("buku.pdf", b"<html>buku</html>"),
    "executable as pdf": ("buku.pdf", b"MZ\x90\x00" + os.urandom(512)),
    "word file": ("buku.docx", b"PK\x03\x04" + os.urandom(256)),
    "truncated pdf": ("buku.pdf", b"%PDF-1.4\n"),
}
#: bulk user files
PEOPLE = {
    "empty": ("orang.csv", b""),
    "binary": ("orang.csv", os.urandom(1024) + b"\x00"),
    "latin-1": (
        "orang.csv",
        "name,email,role,region,expertise\nJosé,jose@x.id,assessor,,\n".encode("latin-1"),
    ),
    "missing columns": ("orang.csv", b"name,email\nA,a@x.id\n"),
    "bad role": ("orang.csv", b"name,email,role,region,expertise\nA,a@x.id,raja,,\n"),
    "bad e-mail": ("orang.csv", b"name,email,role,region,expertise\nA,bukan-email,assessor,,\n"),
    "team without region": ("orang.csv", b"name,email,role,region,expertise\nA,a@x.id,region_team,,\n"),
    "formula name": ("orang.csv", b"name,email,role,region,expertise\n=cmd|' /C calc'!A0,a@x.id,raja,,\n"),
    "zip bomb": ("orang.xlsx", zip_bomb()),
}
META = {"name": "ipm", "source": "BPS", "year": 2024, "licence": "CC"}


def _api(user: User) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _dataset_refused(response, name: str) -> bool:  # type: ignore[no-untyped-def]
    """Refused at once (4xx with a message) or by its job (failed with an input error naming the file)."""
    if response.status_code in (400, 413):
        return True
    if response.status_code not in (202, 302):
        return False
    run_queued()
    job = Job.objects.order_by("-id").first()
    return job is not None and job.status == "failed" and bool(job.error.get("message"))


@pytest.mark.parametrize("case", sorted(TABLES))
@pytest.mark.parametrize("via", ["api", "web"])
def test_bad_tables_are_refused_and_store_nothing(case, via, users, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    f.region("63.71")
    name, content = TABLES[case]
    upload = SimpleUploadedFile(name, content)
    if via == "api":
        response = _api(users["secretariat"]).post(
            "/api/datasets/", {**META, "file": upload}, format="multipart"
        )
    else:
        response = client_for("secretariat").post("/data/impor/", {**META, "file": upload})
    refused = _dataset_refused(response, name)
    TRIED.append((f"dataset/{via}", case, refused))
    assert refused, (case, response.status_code)
    assert not Dataset.objects.exists()


@pytest.mark.parametrize("case", sorted(BOOKS))
@pytest.mark.parametrize("via", ["api", "web"])
def test_bad_books_are_refused_and_store_nothing(case, via, world, users, client_for):
    name, content = BOOKS[case]
    before = Document.objects.count()
    upload = SimpleUploadedFile(name, content)
    if via == "api":
        response = _api(users["secretariat"]).post(
            "/api/documents/upload/",
            {"participation": world.own.pk, "book": 2, "file": upload},
            format="multipart",
        )
        refused = response.status_code == 400 and bool(response.json().get("message"))
    else:
        response = client_for("secretariat").post(
            f"/partisipasi/{world.own.pk}/dokumen/", {"book": "2", "file": upload}, follow=True
        )
        refused = response.status_code in (200, 400) and any(
            m.level_tag == "error" for m in response.context["messages"]
        )
    TRIED.append((f"book/{via}", case, refused))
    assert refused, (case, response.status_code)
    assert Document.objects.count() == before


@pytest.mark.parametrize("case", sorted(BOOKS))
@pytest.mark.parametrize("via", ["api", "web"])
def test_bad_kpi_evidence_is_refused_and_stores_nothing(case, via, world, users, client_for):
    """A KPI actual's evidence PDF passes the books' checks (inside an open reporting window)."""
    today = timezone.localdate()  # a day either side: midnight in Jakarta during the test keeps it open
    day = dt.timedelta(days=1)
    open_reporting_window(actor=SYSTEM, year=2025, opens_on=today - day, closes_on=today + day)
    kpi = save_kpi(actor=SYSTEM, programme=world.quick_win, name="Layanan", unit="%", targets={2025: 1.0})
    name, content = BOOKS[case]
    upload = SimpleUploadedFile(name, content)
    body = {"year": "2025", "value": "1", "evidence_file": upload}
    if via == "api":
        response = _api(users["region_team"]).post(f"/api/kpis/{kpi.pk}/actual/", body, format="multipart")
        refused = response.status_code == 400 and bool(response.json().get("message"))
    else:
        url = f"/masterplan/{world.quick_win.masterplan_id}/capaian/"
        response = client_for("region_team").post(url, {**body, "kpi": kpi.pk})
        refused = response.status_code == 400 and 'class="msg error' in response.content.decode()
    TRIED.append((f"kpi-evidence/{via}", case, refused))
    assert refused, (case, response.status_code)
    assert not KpiActual.objects.exists()


@pytest.mark.parametrize("case", sorted(PEOPLE))
@pytest.mark.parametrize("via", ["api", "web"])
def test_bad_people_files_are_refused_and_store_nothing(case, via, users, client_for):
    f.region("63.71")
    name, content = PEOPLE[case]
    before = User.objects.count()
    upload = SimpleUploadedFile(name, content)
    if via == "api":
        response = _api(users["secretariat"]).post("/api/users/import/", {"file": upload}, format="multipart")
        refused = response.status_code == 400 and bool(response.json().get("message"))
    else:
        response = client_for("secretariat").post("/akun/impor/", {"file": upload})
        refused = response.status_code == 400
    TRIED.append((f"users/{via}", case, refused))
    assert refused, (case, response.status_code)
    assert User.objects.count() == before


def test_report_the_corpus() -> None:
    """Prints the corpus's figures (run with -s); every file tried above was refused."""
    refused = sum(r for _, _, r in TRIED)
    print(f"\nbad uploads refused: {refused} of {len(TRIED)}")
    assert refused == len(TRIED)
