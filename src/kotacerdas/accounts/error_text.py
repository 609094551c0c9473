"""Errors in the user's language: the one translator the web and API adapters call.

The Django apps raise their messages already translated (``gettext`` with an Indonesian msgid, in the
language of the request). The engine and :mod:`kotacerdas.io` cannot import Django, so their errors
carry a specific ``code`` and the message's ``params``; :data:`MESSAGES` holds the Indonesian template
of each such code (English in this app's catalogue), and :func:`message` fills it in. A code without a
template keeps the message as raised. See docs/developer/i18n.md.

This module sits in ``accounts`` because it is the lowest Django app: every adapter may import it.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kotacerdas.errors import KotaCerdasError, Location

MESSAGES: dict[str, Promise] = {
    # kotacerdas.io.tables
    "missing_column": _("kolom %(wanted)s tidak ada"),
    "cell_count": _("diharapkan %(expected)s sel, ditemukan %(found)s"),
    "file_not_found": _("berkas tidak ditemukan"),
    "file_empty": _("berkas kosong"),
    "duplicate_column": _("kolom %(column)r muncul dua kali"),
    "not_a_number": _("%(prefix)s%(cell)r bukan angka"),
    "not_finite": _("%(prefix)s%(cell)r bukan angka hingga"),
    "invalid_csv": _("bukan CSV yang sah: %(reason)s"),
    "unreadable_file": _("berkas tidak dapat dibaca: %(reason)s"),
    "nul_bytes": _("berkas memuat bita NUL: tampaknya UTF-16 tanpa penanda urutan bita"),
    "undecodable_text": _(
        "berkas bukan teks %(expected)s: bita %(byte)s pada posisi %(offset)s tidak dapat dibaca "
        "(latin-1 atau Windows-1252?)"
    ),
    # kotacerdas.io.registry and kotacerdas.io.code_systems (region codes of an imported table)
    "not_a_region_code": _("%(code)r bukan kode kabupaten/kota"),
    "unknown_region_code": _("kode kabupaten/kota %(code)r tidak dikenal"),
    "code_system_mismatch": _(
        "kode daerah lebih cocok dengan sistem kode %(other)s daripada %(system)s: sebagai kode %(other)s "
        "ada %(other_codes)s dari %(total)s kode dan %(other_names)s nama cocok, sebagai kode %(system)s "
        "ada %(system_codes)s dari %(total)s kode dan %(system_names)s nama cocok"
    ),
    # kotacerdas.regions.domain.tables (file checks shared with the CLI wording)
    "table_too_large": _("berkas berukuran %(size)s bita; batas sebuah tabel %(limit)s bita"),
    "unsupported_file_type": _("jenis berkas %(suffix)s tidak didukung"),
    "unreadable_xlsx": _("bukan buku kerja XLSX yang dapat dibaca (%(reason)s)"),
    "first_sheet_empty": _("lembar pertama kosong"),
    "xlsx_too_many_parts": _("buku kerja itu memuat %(parts)s bagian; paling banyak %(limit)s"),
    "xlsx_unpacks_too_large": _("buku kerja itu menjadi %(size)s bita setelah dibuka; batasnya %(limit)s"),
    "xlsx_zip_bomb": _(
        "bagian buku kerja %(part)s dimampatkan %(ratio)s kali (paling banyak %(limit)s): ditolak sebagai "
        "kemungkinan bom zip"
    ),
    # kotacerdas.regions.domain.datasets (raised in the worker: the job page words them for its reader)
    "no_code_column": _("tidak ada kolom kode daerah"),
    "no_indicator_columns": _("tidak ada kolom indikator di samping kolom kode"),
    "duplicate_indicator": _("kolom indikator %(column)r muncul dua kali"),
    "not_a_year": _("tahun %(text)r bukan tahun"),
    "duplicate_region": _("daerah %(code)s muncul dua kali"),
    "duplicate_region_year": _("daerah %(code)s muncul dua kali pada %(year)s"),
    "no_data_rows": _("tabel memiliki baris judul tetapi tidak memiliki baris data"),
    "regions_not_loaded": _("daerah %(codes)s belum dimuat"),
    # kotacerdas.io.rubric_files (a round's rubric by reference)
    "unknown_rubric": _("rubrik %(rubric)r tidak dikenal"),
    # kotacerdas.jobs (a failed job's stored error, worded on the job page)
    "worker_lost": _(
        "pekerja %(worker)s berhenti memperbarui sewa pekerjaan ini (tanpa detak selama %(lease)s detik): "
        "pekerja itu mati atau dihentikan"
    ),
    "worker_stopped": _("pekerja dihentikan saat menjalankan pekerjaan ini (%(reason)s)"),
}
HINTS: dict[str, Promise] = {  # a template with params is filled like its message
    "missing_column": _("kolom yang ada: %(columns)s"),
    "nul_bytes": _("simpan sebagai 'CSV UTF-8', atau sebagai UTF-16 dengan penanda urutan bita"),
    "undecodable_text": _("simpan sebagai 'CSV UTF-8', atau sebagai UTF-16 dengan penanda urutan bita"),
    "not_a_region_code": _("tulis seperti 63.71 atau 6371 (kode Kemendagri)"),
    "unknown_region_code": _("kode mengikuti %(source)s; kode BPS memerlukan jembatan BPS↔Kemendagri"),
    "code_system_mismatch": _("nyatakan sistem kode %(other)s untuk berkas ini, atau perbaiki kodenya"),
    "not_a_number": _("kosongkan sel itu untuk nilai yang hilang"),  # parse_optional_number's hint
    "not_finite": _("tak hingga, NaN dan nilai di luar ±1,8e308 tidak dapat dihitung"),
    "table_too_large": _("pecah tabel itu, atau buang kolom yang bukan indikator"),
    "unsupported_file_type": _("unggah .csv atau .xlsx"),
    "xlsx_unpacks_too_large": _("simpan tabel itu sebagai CSV atau pecah tabelnya"),
    "xlsx_zip_bomb": _("simpan lagi tabel itu dari program lembar kerja, atau sebagai CSV"),
    "no_code_column": _("beri nama 'code' atau 'uCode'"),
    "not_a_year": _("tahun empat angka seperti 2024"),
    "duplicate_region": _("untuk data panel tambahkan kolom tahun ('year' atau 'Time')"),
    "regions_not_loaded": _("jalankan sinkronisasi registri daerah lebih dulu"),
    "worker_lost": _("ulangi pekerjaan itu, atau batalkan untuk menghapus berkasnya"),
    "unknown_rubric": _("rubrik yang dikenal: %(known)s"),
}


def worded(code: str, /, **params: object) -> str:
    """The message of ``code`` with ``params`` in the active language (for services that raise by code)."""
    return str(MESSAGES[code]) % params


def hint_of(code: str) -> str:
    """The hint of ``code`` in the active language."""
    return str(HINTS[code])


def message(error: KotaCerdasError) -> str:
    """The error's message in the active language."""
    template = MESSAGES.get(error.code)
    if template is None:
        return str(error.message)
    try:
        return str(template) % dict(error.params)
    except (KeyError, TypeError, ValueError):  # params that do not fit: the text as raised beats none
        return str(error.message)


def hint(error: KotaCerdasError) -> str | None:
    """The error's hint in the active language (None if it has none)."""
    template = HINTS.get(error.code)
    if template is not None and error.hint is not None:
        text = str(template)
        if "%(" not in text:
            return text
        try:
            return text % dict(error.params)
        except (KeyError, TypeError, ValueError):  # a caller's own hint (no params for the template)
            return str(error.hint)
    return None if error.hint is None else str(error.hint)


def where(location: Location) -> str:
    """``file, baris 4, kolom 'Pop'`` in the active language, with the parts that are known."""
    parts = [str(location.file)] if location.file else []
    if location.row is not None:
        parts.append(gettext("baris %(row)s") % {"row": location.row})
    if location.column is not None:
        parts.append(gettext("kolom %(column)r") % {"column": location.column})
    return ", ".join(parts)


def localise(error: KotaCerdasError) -> str:
    """The whole sentence a person reads: where, what, and the hint, in the active language."""
    place, text, tip = where(error.location), message(error), hint(error)
    line = f"{place}: {text}" if place else text
    return f"{line} ({tip})" if tip else line


def as_dict(error: KotaCerdasError) -> dict[str, object]:
    """:meth:`KotaCerdasError.to_dict` with the message and hint in the active language."""
    return {**error.to_dict(), "message": message(error), "hint": hint(error)}


def from_dict(stored: dict[str, object]) -> str:
    """A stored error (a failed job's ``error``: :meth:`KotaCerdasError.to_dict` plus ``params``),
    as :func:`localise` words it in the active language."""
    row = stored.get("row")
    params = stored.get("params")
    error = KotaCerdasError(
        str(stored.get("message") or ""),
        location=Location(
            file=str(stored["file"]) if stored.get("file") else None,
            row=row if isinstance(row, int) else None,
            column=str(stored["column"]) if stored.get("column") is not None else None,
        ),
        hint=str(stored["hint"]) if stored.get("hint") else None,
        code=str(stored.get("code") or "error"),
        params=params if isinstance(params, dict) else {},
    )
    return localise(error)
