"""Dataset import: CSV and XLSX, errors naming file/row/column, nothing half-written, versions."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from openpyxl import Workbook

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.error_text import message as error_message
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.errors import InputError
from kotacerdas.regions.domain.datasets import dataset_matrix, import_dataset, validation_warnings
from kotacerdas.regions.models import Dataset, DatasetValue
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
META = {"source": "BPS", "year": 2024, "licence": "CC-BY 4.0"}


@pytest.fixture
def three_regions() -> None:
    for code in ("63.71", "63.72", "31.71"):
        f.region(code)


def test_csv_import_stores_values_provenance_and_report(three_regions):
    content = b"code,name,ipm,fiscal\n63.71,Banjarmasin,75.5,1.2\n6372,Banjarbaru,78.25,\n31.71,Jakarta Pusat,81,2\n"
    ds = import_dataset(actor=SYSTEM, name="ipm", file_name="ipm.csv", content=content, **META)
    assert (ds.version, ds.indicators, ds.source, ds.licence) == (1, ["ipm", "fiscal"], "BPS", "CC-BY 4.0")
    assert dataset_matrix(ds) == {
        "63.71": {"ipm": 75.5, "fiscal": 1.2},
        "63.72": {"ipm": 78.25, "fiscal": None},
        "31.71": {"ipm": 81.0, "fiscal": 2.0},
    }
    assert ds.validation_report == {
        "regions": 3,
        "indicators": 2,
        "missing": {"ipm": 0, "fiscal": 1},
        "warnings": [
            {
                "id": "indikator 'fiscal' memiliki 1 nilai hilang",
                "en": "indicator 'fiscal' has 1 missing value",
            }
        ],
        "code_system": "kemendagri",
    }


def test_validation_warnings_read_in_the_readers_language(three_regions):
    """Worded in each language when stored (panel gaps too); a report stored before reads as stored."""
    content = (
        b"code,year,ipm,flat\n63.71,2023,75.5,1\n63.72,2023,,1\n31.71,2023,81.25,1\n"
        b"63.71,2024,76,1\n63.72,2024,,1\n"
    )
    ds = import_dataset(actor=SYSTEM, name="ipm", file_name="ipm.csv", content=content, **META)
    with translation.override("id"):
        assert validation_warnings(ds.validation_report) == [
            "indikator 'ipm' memiliki 2 nilai hilang",
            "indikator 'flat' bernilai tetap (tidak memberi informasi untuk peringkat)",
            "2024: 1 daerah tidak memiliki baris",
        ]
    with translation.override("en"):
        assert validation_warnings(ds.validation_report) == [
            "indicator 'ipm' has 2 missing values",
            "indicator 'flat' is constant (no information for ranking)",
            "2024: 1 region has no row",
        ]
    event = AuditEvent.objects.get(action="dataset.import")
    assert event.data["warnings"] == ds.validation_report["warnings"]
    with translation.override("id"):
        assert validation_warnings({"warnings": ["indicator 'x' has 3 missing values"]}) == [
            "indicator 'x' has 3 missing values"
        ]
    assert validation_warnings({}) == validation_warnings(None) == []


def test_second_import_is_a_new_version(three_regions):
    content = b"uCode,ipm\n63.71,1\n63.72,2\n"
    import_dataset(actor=SYSTEM, name="ipm", file_name="a.csv", content=content, **META)
    second = import_dataset(actor=SYSTEM, name="ipm", file_name="b.csv", content=content, **META)
    assert second.version == 2
    assert Dataset.objects.count() == 2


def test_xlsx_import(three_regions):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["code", "ipm"])
    sheet.append(["63.71", 70])
    sheet.append([6372, 71.5])
    buffer = io.BytesIO()
    book.save(buffer)
    ds = import_dataset(actor=SYSTEM, name="x", file_name="ipm.xlsx", content=buffer.getvalue(), **META)
    assert dataset_matrix(ds) == {"63.71": {"ipm": 70.0}, "63.72": {"ipm": 71.5}}


@pytest.mark.parametrize(
    ("content", "row", "column", "message"),
    [
        (b"code,ipm\n63.71,75\n63.72,abc\n", 3, "ipm", "'abc' is not a number"),
        (b"code,ipm\n63.71,75\n99.99,1\n", 3, "code", "unknown kabupaten/kota code '99.99'"),
        (b"code,ipm\n63.71,75\n6371,1\n", 3, "code", "the region 63.71 appears twice"),
        (b"region,ipm\n63.71,75\n", 1, None, "no region code column"),
        (b"code,ipm,ipm\n63.71,1,2\n", 1, "ipm", "column 'ipm' appears twice"),
    ],
)
def test_bad_tables_name_the_cell_and_write_nothing(three_regions, content, row, column, message):
    with pytest.raises(InputError) as info:
        import_dataset(actor=SYSTEM, name="bad", file_name="bad.csv", content=content, **META)
    assert (info.value.location.file, info.value.location.row, info.value.location.column) == (
        "bad.csv",
        row,
        column,
    )
    with translation.override("en"):  # io's refusals are raised in English, the platform's in Indonesian
        assert error_message(info.value) == message
    assert Dataset.objects.count() == 0
    assert DatasetValue.objects.count() == 0


def test_failure_while_writing_rolls_back_everything(three_regions):
    """A region absent from the database is found before anything is written; nothing stays behind."""
    with pytest.raises(InputError, match=r"daerah 32\.73 belum dimuat"):
        import_dataset(
            actor=SYSTEM, name="ipm", file_name="ipm.csv", content=b"code,ipm\n63.71,1\n32.73,2\n", **META
        )
    assert (Dataset.objects.count(), DatasetValue.objects.count()) == (0, 0)


def test_unsupported_file_type():
    with pytest.raises(InputError) as info:
        import_dataset(actor=SYSTEM, name="x", file_name="data.json", content=b"{}", **META)
    assert (info.value.message, info.value.hint) == (
        "unsupported file type .json",
        "use a .csv or .xlsx file",
    )


def test_a_bps_keyed_file_is_stored_on_the_regions_its_bps_codes_name():
    for code in ("11.01", "11.03", "11.09"):
        f.region(code)
    content = b"code,name,ipm\n1103,ACEH SELATAN,70\n1101,SIMEULUE,65\n"
    with pytest.raises(InputError, match="fit the BPS code system better than Kemendagri"):
        import_dataset(actor=SYSTEM, name="ipm", file_name="bps.csv", content=content, **META)
    assert Dataset.objects.count() == 0
    ds = import_dataset(
        actor=SYSTEM, name="ipm", file_name="bps.csv", content=content, code_system="bps", **META
    )
    # BPS 1103 is Aceh Selatan (Kemendagri 11.01), not Aceh Timur (11.03); BPS 1101 is Simeulue (11.09)
    assert dataset_matrix(ds) == {"11.01": {"ipm": 70.0}, "11.09": {"ipm": 65.0}}
    assert ds.validation_report["code_system"] == "bps"
