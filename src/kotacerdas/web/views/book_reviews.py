"""Book review on the region page: what each version shows, and the POST actions of its forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.programme import rules
from kotacerdas.programme.domain import reviews
from kotacerdas.programme.forms import ReplyForm, ReviewForm, ThreadForm
from kotacerdas.programme.models import (
    REVIEWER_STATUSES,
    Document,
    DocumentComment,
    Participation,
    ReviewStatus,
)
from kotacerdas.web.permissions import deny, guarded
from kotacerdas.web.service_errors import post_form


def book_panels(user: Any, participation: Participation) -> list[dict[str, Any]]:
    """Per book version (prefetched comments and reviews): its threads and what ``user`` may do there."""
    can_comment = rules.can_comment_documents(user, participation)
    can_reply = rules.can_reply(user, participation)
    panels = []
    for doc in participation.documents.all():
        comments = list(doc.comments.all())
        threads = [
            {
                "thread": c,
                "replies": [r for r in comments if r.parent_id == c.pk],
                "can_reply": can_reply and not c.resolved,
                "can_resolve": not c.resolved and rules.can_resolve(user, c),
            }
            for c in comments
            if c.parent_id is None
        ]
        panels.append(
            {
                "doc": doc,
                "threads": threads,
                "reviews": list(doc.reviews.all()),
                "can_comment": can_comment,
                "can_review": can_comment and doc.review_status != ReviewStatus.ANSWERED,
                "choices": [(s.value, s.label) for s in REVIEWER_STATUSES],
            }
        )
    return panels


def _back(document: Document) -> HttpResponse:
    region = document.participation.region.code
    return redirect(reverse("web:region", args=[region]) + f"#dokumen-{document.pk}")


def _document(request: HttpRequest, pk: int) -> Document:
    doc = get_object_or_404(Document.objects.select_related("participation__region"), pk=pk)
    if request.method != "POST" or not rules.can_view_documents(request.user, doc.participation):
        deny(request)
    return doc


def _thread(
    request: HttpRequest, pk: int, allowed: Callable[[Any, DocumentComment], bool]
) -> DocumentComment:
    thread = get_object_or_404(
        DocumentComment.objects.select_related("document__participation__region"), pk=pk
    )
    if request.method != "POST" or not allowed(request.user, thread):
        deny(request)
    return thread


@guarded(rules.can_comment_documents)
def open_thread_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer's new comment thread on a book version (optionally on a page)."""
    doc = _document(request, pk)
    post_form(
        request,
        ThreadForm(request.POST),
        lambda data: reviews.open_thread(
            actor=request.user, document=doc, text=data["text"], page=data["page"]
        ),
        _("Komentar tersimpan."),
    )
    return _back(doc)


@guarded(rules.can_take_part_in_reviews)
def reply_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A reply in a thread: reviewers, or the team of the book's region."""
    thread = _thread(request, pk, lambda user, t: rules.can_reply(user, t.document.participation))
    post_form(
        request,
        ReplyForm(request.POST),
        lambda data: reviews.reply_to_thread(actor=request.user, thread=thread, text=data["text"]),
        _("Balasan tersimpan."),
    )
    return _back(thread.document)


@guarded(rules.can_comment_documents)
def resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread's opener (or the secretariat) resolves it."""
    thread = _thread(request, pk, rules.can_resolve)
    post_form(
        request,
        forms.Form(request.POST),
        lambda data: reviews.resolve_thread(actor=request.user, thread=thread),
        _("Utas komentar ditandai selesai."),
    )
    return _back(thread.document)


@guarded(rules.can_review_documents)
def review_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A reviewer sets the version's review status with a reason."""
    doc = _document(request, pk)
    post_form(
        request,
        ReviewForm(request.POST),
        lambda data: reviews.set_review_status(
            actor=request.user, document=doc, status=data["status"], reason=data["reason"]
        ),
        _("Status telaah diperbarui."),
    )
    return _back(doc)
