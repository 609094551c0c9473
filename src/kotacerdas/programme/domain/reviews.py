"""Review of the books: comment threads on a version, and its review status with history.

Reviewers are the secretariat and the assessors (the programme's mentors). They open threads, optionally
on a page; the region team of the book's region replies; the opener or the secretariat resolves a
thread. A reviewer sets a version's status (``menunggu telaah``, ``perlu revisi``, ``diterima``) with a
reason; the next upload of the same book answers a ``perlu revisi`` (see :func:`answer_revision`).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import is_system, require_actor, stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from kotacerdas.programme import rules
from kotacerdas.programme.domain.notices import notify_comment, notify_reply, notify_review
from kotacerdas.programme.models import (
    REVIEWER_STATUSES,
    Document,
    DocumentComment,
    DocumentReview,
    ReviewStatus,
)

MAX_TEXT = 4000


def _what(what: str) -> str:
    return {"comment": _("komentar"), "reply": _("balasan"), "reason": _("alasan")}.get(what, what)


def _text(text: str, what: str = "comment") -> str:
    clean = (text or "").strip()
    if not clean:
        raise InputError(
            _("%(what)s kosong") % {"what": _what(what)},
            hint=_("tulis %(what)s lebih dulu") % {"what": _what(what)},
            code="text_empty",
        )
    if len(clean) > MAX_TEXT:
        raise InputError(
            _("%(what)s terdiri atas %(length)s karakter; batasnya %(limit)s")
            % {"what": _what(what), "length": len(clean), "limit": MAX_TEXT},
            code="text_too_long",
        )
    return clean


def _label(document: Document) -> str:
    """The book version for a message in the active language (``Kota Kediri: Buku 2 v3``)."""
    return _("%(region)s: Buku %(book)s v%(version)s") % _book(document)


def _book(document: Document) -> dict[str, str]:
    """The parameters naming a book version in a message (codes as text: a version is not an amount)."""
    return {
        "region": document.participation.region.name,
        "book": str(document.book),
        "version": str(document.version),
    }


def _status(value: str) -> object:
    """A review status by its label (worded per language); an unknown stored value as it is."""
    return ReviewStatus(value).label if value in ReviewStatus.values else value


@transaction.atomic
def open_thread(*, actor: Any, document: Document, text: str, page: int | None = None) -> DocumentComment:
    """A reviewer opens a thread on a book version (optionally on ``page``); the region team is told."""
    require_actor(actor, "comment on a book")
    if not (is_system(actor) or rules.can_comment_documents(actor, document.participation)):
        raise PermissionDeniedError(
            _("hanya sekretariat dan asesor yang membuka utas komentar pada buku"), code="not_a_reviewer"
        )
    if page is not None and page < 1:
        raise InputError(_("halaman harus 1 atau lebih, bukan %(page)s") % {"page": page}, code="page_number")
    thread = DocumentComment.objects.create(
        document=document, author=stored_user(actor), text=_text(text), page=page
    )
    summary = (
        wording(
            gettext_lazy("%(region)s: Buku %(book)s v%(version)s (hlm. %(page)s): %(text)s"),
            **_book(document),
            page=str(page),
            text=thread.text[:100],
        )
        if page
        else wording(
            gettext_lazy("%(region)s: Buku %(book)s v%(version)s: %(text)s"),
            **_book(document),
            text=thread.text[:100],
        )
    )
    record(actor=actor, action="document.comment", target=document, summary=summary)
    notify_comment(document, actor)
    return thread


@transaction.atomic
def reply_to_thread(*, actor: Any, thread: DocumentComment, text: str) -> DocumentComment:
    """A reply in an open thread by a reviewer or the book's region team; the opener is told."""
    require_actor(actor, "reply to a comment")
    document = thread.document
    if not (is_system(actor) or rules.can_reply(actor, document.participation)):
        raise PermissionDeniedError(
            _("hanya penelaah dan tim daerah pemilik buku yang membalas komentarnya"), code="cannot_reply"
        )
    if thread.parent_id is not None:
        raise InputError(
            _("balasan ditujukan ke komentar pembuka utas, bukan ke balasan lain"), code="reply_to_reply"
        )
    if DocumentComment.objects.select_for_update().get(pk=thread.pk).resolved:  # as stored, not as passed
        raise StateError(_("utas ini sudah selesai"), hint=_("buka utas baru saja"), code="thread_resolved")
    reply = DocumentComment.objects.create(
        document=document, parent=thread, author=stored_user(actor), text=_text(text, "reply")
    )
    record(
        actor=actor,
        action="document.reply",
        target=document,
        summary=wording(
            gettext_lazy("%(region)s: Buku %(book)s v%(version)s: %(text)s"),
            **_book(document),
            text=reply.text[:100],
        ),
        data={"thread": thread.pk},
    )
    notify_reply(thread, actor)
    return reply


@transaction.atomic
def resolve_thread(*, actor: Any, thread: DocumentComment) -> DocumentComment:
    """The thread's opener (or the secretariat) marks it resolved; it stays visible with who and when."""
    require_actor(actor, "resolve a comment thread")
    if not (is_system(actor) or rules.can_resolve(actor, thread)):
        raise PermissionDeniedError(
            _("utas diselesaikan oleh orang yang membukanya, atau oleh sekretariat"), code="cannot_resolve"
        )
    if thread.parent_id is not None:
        raise InputError(_("hanya komentar pembuka utas yang dapat diselesaikan"), code="resolve_reply")
    locked = DocumentComment.objects.select_for_update().get(pk=thread.pk)
    if locked.resolved:
        raise StateError(_("utas ini sudah selesai"), code="thread_resolved")
    locked.resolved_by = stored_user(actor)
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["resolved_by", "resolved_at"])
    thread.resolved_by, thread.resolved_at = locked.resolved_by, locked.resolved_at
    record(
        actor=actor,
        action="document.resolve",
        target=thread.document,
        summary=wording(
            gettext_lazy("%(region)s: Buku %(book)s v%(version)s: %(text)s"),
            **_book(thread.document),
            text=locked.text[:100],
        ),
        data={"thread": thread.pk},
    )
    return locked


def _change(
    document: Document, status: ReviewStatus, *, actor: Any, reason: str, answered_by: Document | None = None
) -> DocumentReview:
    previous = document.review_status
    document.review_status = status
    document.save(update_fields=["review_status"])
    return DocumentReview.objects.create(
        document=document,
        status=status,
        previous=previous,
        reason=reason,
        actor=stored_user(actor),
        answered_by=answered_by,
    )


@transaction.atomic
def set_review_status(*, actor: Any, document: Document, status: str, reason: str) -> DocumentReview:
    """A reviewer sets a version's review status with a reason; kept in its history, audited, notified."""
    require_actor(actor, "set a book's review status")
    if not (is_system(actor) or rules.can_review_documents(actor, document.participation)):
        raise PermissionDeniedError(
            _("hanya sekretariat dan asesor yang menetapkan status telaah buku"), code="not_a_reviewer"
        )
    allowed = ", ".join(s.value for s in REVIEWER_STATUSES)
    if status not in {s.value for s in REVIEWER_STATUSES}:
        raise InputError(
            _("status telaah %(status)r tidak dikenal") % {"status": status},
            hint=_("pakai salah satu dari: %(allowed)s") % {"allowed": allowed},
            code="unknown_review_status",
        )
    target = ReviewStatus(status)
    locked = Document.objects.select_for_update().select_related("participation__region").get(pk=document.pk)
    if locked.review_status == ReviewStatus.ANSWERED:
        raise StateError(
            _("%(book)s sudah dijawab dengan versi yang lebih baru") % {"book": _label(locked)},
            hint=_("telaah versi terbaru"),
            code="answered_by_newer",
        )
    if locked.review_status == target:
        raise StateError(
            _("%(book)s sudah berstatus %(status)s") % {"book": _label(locked), "status": target.label},
            code="review_status_unchanged",
        )
    review = _change(locked, target, actor=actor, reason=_text(reason, "reason"))
    record(
        actor=actor,
        action="document.review",
        target=locked,
        summary=wording(
            gettext_lazy("%(region)s: Buku %(book)s v%(version)s: %(previous)s → %(status)s: %(reason)s"),
            **_book(locked),
            previous=_status(review.previous),
            status=target.label,
            reason=review.reason[:100],
        ),
        data={"status": target.value, "previous": review.previous},
    )
    notify_review(locked, target, actor)
    document.review_status = locked.review_status
    return review


def answer_revision(*, actor: Any, new: Document) -> DocumentReview | None:
    """Called by the upload of ``new`` (inside its transaction): the previous version of the same book,
    if it needed revision, is marked answered by ``new``; whoever asked for the revision is told.
    """
    before = (
        Document.objects.select_for_update()
        .filter(participation=new.participation, book=new.book, version__lt=new.version)
        .order_by("-version")
        .first()
    )
    if before is None or before.review_status != ReviewStatus.REVISION:
        return None
    asked = before.reviews.filter(status=ReviewStatus.REVISION).select_related("actor").last()
    review = _change(
        before, ReviewStatus.ANSWERED, actor=actor, reason=f"Buku {new.book} v{new.version}", answered_by=new
    )
    record(
        actor=actor,
        action="document.review",
        target=before,
        summary=wording(
            gettext_lazy(
                "%(region)s: Buku %(book)s v%(version)s menjawab permintaan revisi pada v%(before)s"
            ),
            **_book(new),
            before=str(before.version),
        ),
        data={"status": ReviewStatus.ANSWERED.value, "answered_by": new.pk},
    )
    notify_review(before, ReviewStatus.ANSWERED, actor, extra=[asked.actor] if asked else [])
    return review
