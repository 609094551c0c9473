"""Errors in the reader's language: Django apps translate at the source, engine/io errors by code."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from kotacerdas.accounts.error_text import MESSAGES, from_dict, localise
from kotacerdas.errors import InputError, Location, MethodError
from kotacerdas.io.tables import parse_number
from kotacerdas.jobs.domain.runner import run
from kotacerdas.jobs.models import Job

WHERE = Location(file="ipm.csv", row=4, column="ipm")


def _raised() -> InputError:
    with pytest.raises(InputError) as caught:
        parse_number("x", WHERE)
    return caught.value


def test_an_io_error_carries_a_code_and_params_and_reads_in_both_languages():
    error = _raised()
    assert (error.code, dict(error.params)) == ("not_a_number", {"what": "", "cell": "x"})
    assert str(error) == "ipm.csv, row 4, column 'ipm': 'x' is not a number"  # as raised: the CLI's words
    with translation.override("id"):
        assert localise(error) == "ipm.csv, baris 4, kolom 'ipm': 'x' bukan angka"
    with translation.override("en"):
        assert localise(error) == "ipm.csv, row 4, column 'ipm': 'x' is not a number"


def test_a_code_without_template_or_with_unfitting_params_keeps_the_raised_text():
    assert localise(MethodError("zero variance", code="zero_variance")) == "zero variance"
    assert "not_a_number" in MESSAGES
    odd = InputError("as raised", code="not_a_number", params={"cell": 1})  # 'prefix' missing
    assert localise(odd) == "as raised"


@pytest.mark.django_db
def test_a_failed_job_shows_its_error_in_the_readers_language(users, client_for, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("secretariat")
    upload = SimpleUploadedFile("ipm.csv", b"code,ipm\n63.71,x\n", content_type="text/csv")
    client.post("/data/impor/", {"name": "ipm", "source": "BPS", "year": 2024, "licence": "CC", "file": upload})
    job = Job.objects.get()
    stored = run(job.pk).error
    with translation.override("en"):
        assert from_dict(stored) == (
            "ipm.csv, row 2, column 'ipm': 'x' is not a number (leave the cell empty for a missing value)"
        )
    indonesian = client.get(f"/pekerjaan/{job.pk}/").content.decode()
    assert "ipm.csv, baris 2, kolom &#x27;ipm&#x27;: &#x27;x&#x27; bukan angka (kosongkan sel itu" in indonesian
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(f"/pekerjaan/{job.pk}/").content.decode()
    assert "ipm.csv, row 2, column &#x27;ipm&#x27;: &#x27;x&#x27; is not a number (leave" in english
