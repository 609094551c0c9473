"""SYNTHETIC book review for the demo: the assessor asks for a revision of Buku 2, the new version
answers it and is accepted, and the other books are accepted (every text is labelled synthetic)."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.domain.reviews import (
    open_thread,
    reply_to_thread,
    resolve_thread,
    set_review_status,
)
from kotacerdas.programme.models import Participation

LABEL = "[sintetis]"


def review_books(p: Participation, pdf: bytes) -> None:
    """Review the four books of ``p`` (uploaded once each) as the demo assessor would."""
    reviewer: Any = User.objects.filter(username="asesor", role=Role.ASSESSOR).first() or SYSTEM
    team = User.objects.filter(region=p.region, role=Role.REGION_TEAM, is_active=True).first()
    books = {d.book: d for d in p.documents.filter(version=1)}
    thread = open_thread(
        actor=reviewer,
        document=books[2],
        text=f"{LABEL} Peta jalan belum memuat anggaran per tahun untuk program quick win.",
        page=10 + p.region_id % 40,
    )
    set_review_status(
        actor=reviewer, document=books[2], status="revision", reason=f"{LABEL} Lengkapi anggaran peta jalan."
    )
    if team is not None:
        reply_to_thread(actor=team, thread=thread, text=f"{LABEL} Anggaran per tahun sudah ditambahkan.")
    answer = submit_book(
        actor=team or SYSTEM, participation=p, book=2, name="buku-2-revisi-sintetis.pdf", content=pdf
    )
    resolve_thread(actor=reviewer, thread=thread)
    for document in (books[1], answer, books[3], books[4]):
        set_review_status(
            actor=reviewer, document=document, status="accepted", reason=f"{LABEL} Memenuhi ketentuan."
        )
