"""Book uploads: validated type, size and name; versioned; comments."""

from __future__ import annotations

import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.errors import InputError, StateError
from kotacerdas.programme.domain.documents import MAX_BYTES, submit_book
from kotacerdas.programme.domain.reviews import open_thread
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Document
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def test_versions_count_up_per_book(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = f.participation(state=State.GUIDANCE)
    first = submit_book(actor=SYSTEM, participation=p, book=2, name="Masterplan.pdf", content=f.PDF)
    second = submit_book(
        actor=SYSTEM, participation=p, book=2, name="Masterplan rev.pdf", content=f.PDF + b" "
    )
    other = submit_book(actor=SYSTEM, participation=p, book=1, name="buku1.pdf", content=f.PDF)
    assert (first.version, second.version, other.version) == (1, 2, 1)
    assert second.file.name == f"books/{p.cohort_id}/{p.region_id}/buku2-v2.pdf"
    assert (tmp_path / second.file.name).read_bytes() == f.PDF + b" "
    assert first.sha256 == __import__("hashlib").sha256(f.PDF).hexdigest()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("buku.docx", f.PDF, "nama berkas harus berakhiran .pdf"),
        ("../../etc/passwd.pdf", f.PDF, "nama berkas harus berakhiran .pdf"),
        ("buku.pdf", b"", "berkas kosong"),
        ("buku.pdf", b"<html>not a pdf</html>", "berkas ini bukan PDF (tanpa tanda %PDF-)"),
        (
            "buku.pdf",
            b"%PDF-" + b"0" * MAX_BYTES,
            f"berkas berukuran {MAX_BYTES + 5} bita; batasnya {MAX_BYTES}",
        ),
    ],
)
def test_bad_uploads_are_refused_and_named(settings, tmp_path, name, content, message):
    settings.MEDIA_ROOT = tmp_path
    p = f.participation(state=State.GUIDANCE)
    with pytest.raises(InputError) as info:
        submit_book(actor=SYSTEM, participation=p, book=1, name=name, content=content)
    assert info.value.message.startswith(message)
    assert info.value.location.file == name
    assert p.documents.count() == 0


def test_books_before_guidance_are_refused():
    p = f.participation(state=State.SELECTED)
    with pytest.raises(
        StateError, match="buku dikirim saat pendampingan atau sesudahnya; statusnya Terpilih"
    ):
        submit_book(actor=SYSTEM, participation=p, book=1, name="b.pdf", content=f.PDF)


def test_comments_are_kept_in_order(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    p = f.participation(state=State.GUIDANCE)
    doc = submit_book(actor=SYSTEM, participation=p, book=3, name="b3.pdf", content=f.PDF)
    open_thread(actor=SYSTEM, document=doc, text=" Lengkapi ringkasan. ")
    open_thread(actor=SYSTEM, document=doc, text="Sudah baik.")
    assert list(doc.comments.values_list("text", flat=True)) == ["Lengkapi ringkasan.", "Sudah baik."]
    with pytest.raises(InputError, match="komentar kosong"):
        open_thread(actor=SYSTEM, document=doc, text="  ")


def test_the_books_are_named_in_the_readers_language():
    for language, name in (("id", "Buku 2"), ("en", "Book 2")):
        with translation.override(language):
            assert str(dict(Document._meta.get_field("book").choices)[2]) == name
