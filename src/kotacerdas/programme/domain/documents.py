"""Uploading book versions (PDF, validated); their review lives in :mod:`.reviews`."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError, Location, StateError
from kotacerdas.programme.domain.participation import lock_participations
from kotacerdas.programme.domain.reviews import answer_revision
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Document, Participation

MAX_BYTES = 20 * 1024 * 1024
_NAME = re.compile(r"^[\w\- ().]{1,150}\.pdf$", re.IGNORECASE)
OPEN_STATES = frozenset({State.GUIDANCE, State.COMMITMENT_SIGNED, State.BOOKS_SUBMITTED, State.PRESENTED})


def validate_pdf(name: str, content: bytes) -> None:
    """Refuse anything but a reasonably named, complete PDF of at most 20 MB (signature and end marker)."""
    where = Location(file=name)
    if not _NAME.match(name) or ".." in name:
        raise InputError(
            _("nama berkas harus berakhiran .pdf dan hanya memakai huruf, angka, spasi, - _ ( ) ."),
            location=where,
            code="file_name",
        )
    if not content:
        raise InputError(_("berkas kosong"), location=where, code="file_empty")
    if len(content) > MAX_BYTES:
        raise InputError(
            _("berkas berukuran %(size)s bita; batasnya %(limit)s")
            % {"size": len(content), "limit": MAX_BYTES},
            location=where,
            hint=_("kompres PDF-nya atau pisahkan lampirannya"),
            code="file_too_large",
        )
    if not content.startswith(b"%PDF-"):
        raise InputError(_("berkas ini bukan PDF (tanpa tanda %PDF-)"), location=where, code="not_a_pdf")
    if b"%%EOF" not in content[-1024:]:  # every complete PDF ends with this marker
        raise InputError(
            _("PDF tidak lengkap (tanpa penanda akhir %%EOF): unggahan terputus atau berkasnya rusak"),
            location=where,
            hint=_("simpan atau ekspor ulang PDF-nya, lalu unggah lagi"),
            code="pdf_incomplete",
        )


@transaction.atomic
def submit_book(
    *, actor: Any, participation: Participation, book: int, name: str, content: bytes
) -> Document:
    """Store the next version of Buku ``book`` (1–4) during guidance or after; it starts as pending review
    and answers a revision request on the previous version."""
    if book not in (1, 2, 3, 4):
        raise InputError(_("buku harus 1–4, bukan %(book)s") % {"book": book}, code="book_number")
    p = lock_participations([participation])[0]
    if p.state not in OPEN_STATES:
        raise StateError(
            _("%(region)s: buku dikirim saat pendampingan atau sesudahnya; statusnya %(state)s")
            % {"region": p.region.name, "state": State(p.state).label},
            code="books_wrong_state",
        )
    validate_pdf(name, content)
    version = (p.documents.filter(book=book).aggregate(v=Max("version"))["v"] or 0) + 1
    document = Document(
        participation=p,
        book=book,
        version=version,
        original_name=name,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=stored_user(actor),
    )
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    record(
        actor=actor,
        action="document.submit",
        target=document,
        summary=wording(
            gettext_lazy("%(region)s: Buku %(book)s v%(version)s (%(name)s)"),
            region=p.region.name,
            book=str(book),
            version=str(version),
            name=name,
        ),
        data={"sha256": document.sha256},
    )
    answer_revision(actor=actor, new=document)
    return document
