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

from kotacerdas.accounts.domain.actors import is_system, require_actor, stored_user
from kotacerdas.accounts.domain.audit import record
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


def _text(text: str, what: str = "comment") -> str:
    clean = (text or "").strip()
    if not clean:
        raise InputError(f"the {what} is empty", hint=f"write the {what} first")
    if len(clean) > MAX_TEXT:
        raise InputError(f"the {what} has {len(clean)} characters; the limit is {MAX_TEXT}")
    return clean


def _label(document: Document) -> str:
    return f"{document.participation.region.name}: Buku {document.book} v{document.version}"


@transaction.atomic
def open_thread(*, actor: Any, document: Document, text: str, page: int | None = None) -> DocumentComment:
    """A reviewer opens a thread on a book version (optionally on ``page``); the region team is told."""
    require_actor(actor, "comment on a book")
    if not (is_system(actor) or rules.can_comment_documents(actor, document.participation)):
        raise PermissionDeniedError("only the secretariat and assessors open comment threads on books")
    if page is not None and page < 1:
        raise InputError(f"page must be 1 or more, got {page}")
    thread = DocumentComment.objects.create(
        document=document, author=stored_user(actor), text=_text(text), page=page
    )
    where = f" (p. {page})" if page else ""
    record(
        actor=actor,
        action="document.comment",
        target=document,
        summary=f"{_label(document)}{where}: {thread.text[:100]}",
    )
    notify_comment(document, actor)
    return thread


@transaction.atomic
def reply_to_thread(*, actor: Any, thread: DocumentComment, text: str) -> DocumentComment:
    """A reply in an open thread by a reviewer or the book's region team; the opener is told."""
    require_actor(actor, "reply to a comment")
    document = thread.document
    if not (is_system(actor) or rules.can_reply(actor, document.participation)):
        raise PermissionDeniedError("only reviewers and the team of the book's region reply to its comments")
    if thread.parent_id is not None:
        raise InputError("replies go to the thread's opening comment, not to another reply")
    if DocumentComment.objects.select_for_update().get(pk=thread.pk).resolved:  # as stored, not as passed
        raise StateError("this thread is resolved", hint="open a new thread instead")
    reply = DocumentComment.objects.create(
        document=document, parent=thread, author=stored_user(actor), text=_text(text, "reply")
    )
    record(
        actor=actor,
        action="document.reply",
        target=document,
        summary=f"{_label(document)}: {reply.text[:100]}",
        data={"thread": thread.pk},
    )
    notify_reply(thread, actor)
    return reply


@transaction.atomic
def resolve_thread(*, actor: Any, thread: DocumentComment) -> DocumentComment:
    """The thread's opener (or the secretariat) marks it resolved; it stays visible with who and when."""
    require_actor(actor, "resolve a comment thread")
    if not (is_system(actor) or rules.can_resolve(actor, thread)):
        raise PermissionDeniedError("a thread is resolved by the person who opened it, or the secretariat")
    if thread.parent_id is not None:
        raise InputError("only a thread's opening comment can be resolved")
    locked = DocumentComment.objects.select_for_update().get(pk=thread.pk)
    if locked.resolved:
        raise StateError("this thread is already resolved")
    locked.resolved_by = stored_user(actor)
    locked.resolved_at = timezone.now()
    locked.save(update_fields=["resolved_by", "resolved_at"])
    thread.resolved_by, thread.resolved_at = locked.resolved_by, locked.resolved_at
    record(
        actor=actor,
        action="document.resolve",
        target=thread.document,
        summary=f"{_label(thread.document)}: {locked.text[:100]}",
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
        raise PermissionDeniedError("only the secretariat and assessors set a book's review status")
    allowed = ", ".join(s.value for s in REVIEWER_STATUSES)
    if status not in {s.value for s in REVIEWER_STATUSES}:
        raise InputError(f"unknown review status {status!r}", hint=f"use one of: {allowed}")
    target = ReviewStatus(status)
    locked = Document.objects.select_for_update().select_related("participation__region").get(pk=document.pk)
    if locked.review_status == ReviewStatus.ANSWERED:
        raise StateError(
            f"{_label(locked)} has been answered by a newer version", hint="review the newest version"
        )
    if locked.review_status == target:
        raise StateError(f"{_label(locked)} is already {target.value}")
    review = _change(locked, target, actor=actor, reason=_text(reason, "reason"))
    record(
        actor=actor,
        action="document.review",
        target=locked,
        summary=f"{_label(locked)}: {review.previous} → {target.value}: {review.reason[:100]}",
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
        summary=f"{_label(new)} answers the revision request on v{before.version}",
        data={"status": ReviewStatus.ANSWERED.value, "answered_by": new.pk},
    )
    notify_review(before, ReviewStatus.ANSWERED, actor, extra=[asked.actor] if asked else [])
    return review
