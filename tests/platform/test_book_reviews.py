"""Review of the books: threads (open, reply, resolve), review status with history, web forms and API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.audit import history
from kotacerdas.accounts.enums import Role
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from kotacerdas.notifications.models import Notification
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.domain.reviews import (
    open_thread,
    reply_to_thread,
    resolve_thread,
    set_review_status,
)
from kotacerdas.programme.models import DocumentComment
from tests.platform import factories as f
from tests.platform.conftest import World

pytestmark = pytest.mark.django_db


def notices(user) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    rows = Notification.objects.filter(recipient=user).order_by("id")
    return [(n.kind, n.text) for n in rows]


def test_a_thread_is_opened_replied_and_resolved_with_authors_and_times(world: World, users):
    assessor, team = users["assessor"], users["region_team"]
    thread = open_thread(actor=assessor, document=world.doc_own, text=" Lengkapi bab 2. ", page=12)
    reply = reply_to_thread(actor=team, thread=thread, text="Sudah kami lengkapi.")
    resolved = resolve_thread(actor=assessor, thread=thread)
    assert (thread.author, thread.page, thread.text, thread.parent) == (assessor, 12, "Lengkapi bab 2.", None)
    assert (reply.author, reply.parent, reply.page) == (team, thread, None)
    assert thread.at is not None and reply.at >= thread.at
    assert (resolved.resolved_by, resolved.resolved) == (assessor, True)
    actions = sorted(history(world.doc_own).values_list("action", flat=True))
    assert actions == ["document.comment", "document.reply", "document.resolve", "document.submit"]
    with pytest.raises(StateError, match="utas ini sudah selesai"):
        reply_to_thread(actor=team, thread=thread, text="Satu lagi")
    with pytest.raises(StateError, match="sudah selesai"):
        resolve_thread(actor=users["secretariat"], thread=thread)


def test_who_may_open_reply_and_resolve(world: World, users):
    assessor, team, secretariat = users["assessor"], users["region_team"], users["secretariat"]
    with pytest.raises(PermissionDeniedError, match="hanya sekretariat dan asesor yang membuka"):
        open_thread(actor=team, document=world.doc_own, text="Kami setuju")
    thread = open_thread(actor=assessor, document=world.doc_other, text="Bab 3 kurang data")
    with pytest.raises(PermissionDeniedError, match="tim daerah pemilik buku"):
        reply_to_thread(actor=team, thread=thread, text="bukan daerah kami")  # Bandung's book
    other_assessor = f.user(Role.ASSESSOR, "asesor-2")
    with pytest.raises(PermissionDeniedError, match="orang yang membukanya"):
        resolve_thread(actor=other_assessor, thread=thread)
    reply = reply_to_thread(actor=other_assessor, thread=thread, text="Setuju")
    with pytest.raises(InputError, match="komentar pembuka utas"):
        reply_to_thread(actor=assessor, thread=reply, text="balasan atas balasan")
    assert resolve_thread(actor=secretariat, thread=thread).resolved_by == secretariat
    with pytest.raises(InputError, match="halaman harus 1 atau lebih"):
        open_thread(actor=assessor, document=world.doc_own, text="x", page=0)
    with pytest.raises(InputError, match="komentar kosong"):
        open_thread(actor=assessor, document=world.doc_own, text="  ")


def test_review_status_history_and_permissions(world: World, users):
    doc = world.doc_own
    assert doc.review_status == "pending"
    with pytest.raises(PermissionDeniedError):
        set_review_status(
            actor=users["region_team"], document=doc, status="accepted", reason="kami rasa baik"
        )
    with pytest.raises(InputError, match="alasan kosong"):
        set_review_status(actor=users["assessor"], document=doc, status="revision", reason=" ")
    with pytest.raises(InputError, match="status telaah 'answered' tidak dikenal"):
        set_review_status(actor=users["assessor"], document=doc, status="answered", reason="x")
    set_review_status(actor=users["assessor"], document=doc, status="revision", reason="Bab 2 belum lengkap")
    with pytest.raises(StateError, match="sudah berstatus perlu revisi"):
        set_review_status(actor=users["secretariat"], document=doc, status="revision", reason="lagi")
    set_review_status(actor=users["secretariat"], document=doc, status="accepted", reason="Sudah lengkap")
    doc.refresh_from_db()
    rows = list(doc.reviews.values_list("previous", "status", "reason", "actor__username"))
    assert doc.review_status == "accepted"
    assert rows == [
        ("pending", "revision", "Bab 2 belum lengkap", "asesor"),
        ("revision", "accepted", "Sudah lengkap", "sekretariat"),
    ]
    assert history(doc).filter(action="document.review").count() == 2


def test_a_new_upload_answers_a_revision_request(world: World, users):
    team, assessor = users["region_team"], users["assessor"]
    v1 = submit_book(actor=team, participation=world.own, book=2, name="buku2.pdf", content=f.PDF)
    accepted = submit_book(actor=team, participation=world.own, book=3, name="buku3.pdf", content=f.PDF)
    set_review_status(actor=assessor, document=v1, status="revision", reason="Peta jalan belum ada")
    set_review_status(actor=assessor, document=accepted, status="accepted", reason="baik")
    v2 = submit_book(actor=team, participation=world.own, book=2, name="buku2-rev.pdf", content=f.PDF)
    submit_book(actor=team, participation=world.own, book=3, name="buku3-rev.pdf", content=f.PDF)
    v1.refresh_from_db()
    accepted.refresh_from_db()
    assert (v1.review_status, v2.review_status, accepted.review_status) == ("answered", "pending", "accepted")
    last = v1.reviews.last()
    assert (last.previous, last.status, last.answered_by, last.actor) == ("revision", "answered", v2, team)
    with pytest.raises(StateError, match="dijawab dengan versi yang lebih baru"):
        set_review_status(actor=assessor, document=v1, status="accepted", reason="x")


def test_notifications_go_out_after_commit_to_the_right_people(
    world: World, users, django_capture_on_commit_callbacks
):
    assessor, team = users["assessor"], users["region_team"]
    with django_capture_on_commit_callbacks(execute=False) as pending:
        thread = open_thread(actor=assessor, document=world.doc_own, text="Lengkapi bab 2", page=3)
    assert notices(team) == [] and len(pending) == 1
    pending[0]()
    assert notices(team) == [("book_comment", "asesor mengomentari Buku 1 versi 1 Kota Banjarmasin.")]
    assert Notification.objects.get(recipient=team).url == f"/wilayah/63.71/#dokumen-{world.doc_own.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        reply_to_thread(actor=team, thread=thread, text="Sudah")
        set_review_status(actor=assessor, document=world.doc_own, status="revision", reason="Bab 2")
        submit_book(actor=team, participation=world.own, book=1, name="buku1-rev.pdf", content=f.PDF)
    assert notices(assessor) == [
        ("book_comment", "tim-banjarmasin mengomentari Buku 1 versi 1 Kota Banjarmasin."),
        ("book_review", "Buku 1 versi 1 Kota Banjarmasin: dijawab dengan versi baru."),
    ]
    assert notices(team)[1:] == [("book_review", "Buku 1 versi 1 Kota Banjarmasin: perlu revisi.")]
    assert notices(users["secretariat"]) == []


def test_web_forms_comment_reply_resolve_and_review(world: World, client_for, users):
    doc = world.doc_own
    region_page = reverse("web:region", args=["63.71"])
    assessor, team = client_for("assessor"), client_for("region_team")
    response = assessor.post(
        reverse("web:document-comment", args=[doc.pk]), {"text": "Cek hlm. 4", "page": "4"}
    )
    assert response["Location"] == f"{region_page}#dokumen-{doc.pk}"
    thread = DocumentComment.objects.get()
    assert (thread.author, thread.page) == (users["assessor"], 4)
    team.post(reverse("web:comment-reply", args=[thread.pk]), {"text": "Diperbaiki"})
    assessor.post(reverse("web:document-review", args=[doc.pk]), {"status": "revision", "reason": "Bab 2"})
    html = team.get(region_page).content.decode()
    assert 'data-status="revision">perlu revisi</span>' in html
    assert "hlm. 4" in html and "Diperbaiki" in html and "tim-banjarmasin" in html
    assert 'class="thread-form"' not in html and 'class="review-form"' not in html  # team: reply only
    assert 'class="resolve-form"' not in html and 'class="reply-form"' in html
    assessor_html = assessor.get(region_page).content.decode()
    assert 'class="resolve-form"' in assessor_html and 'class="review-form"' in assessor_html
    response = assessor.post(
        reverse("web:document-comment", args=[doc.pk]), {"text": "", "page": "0"}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Komentar: Bidang ini harus diisi.; Halaman: Pastikan nilai ini lebih besar dari atau sama dengan 1."
    ]
    assert DocumentComment.objects.count() == 2
    assessor.post(reverse("web:comment-resolve", args=[thread.pk]))
    thread.refresh_from_db()
    assert thread.resolved_by == users["assessor"]
    assert (
        team.post(
            reverse("web:document-review", args=[doc.pk]), {"status": "accepted", "reason": "x"}
        ).status_code
        == 403
    )


def test_api_returns_threads_and_history_and_takes_actions(world: World, client_for, users):
    doc = world.doc_own
    assessor, team = client_for("assessor"), client_for("region_team")
    base = f"/api/documents/{doc.pk}/"
    assert assessor.post(base + "comment/", {"text": "Tambah peta", "page": 7}).status_code == 201
    thread = DocumentComment.objects.get()
    response = team.post(base + "reply/", {"thread": thread.pk, "text": "Peta ditambah"})
    assert response.status_code == 201
    assert team.post(base + "review/", {"status": "accepted", "reason": "x"}).status_code == 403
    assert team.post(base + "resolve/", {"thread": thread.pk}).status_code == 403
    assert assessor.post(base + "review/", {"status": "revision", "reason": "Bab 2"}).status_code == 200
    assert assessor.post(base + "resolve/", {"thread": 999999}).json()["column"] == "thread"
    body = assessor.post(base + "resolve/", {"thread": thread.pk}).json()
    assert body["review_status"] == "revision"
    [h] = body["review_history"]
    assert (h["previous"], h["status"], h["reason"], h["actor"]["username"]) == (
        "pending",
        "revision",
        "Bab 2",
        "asesor",
    )
    [t] = body["threads"]
    assert (t["author"]["username"], t["page"], t["text"], t["resolved"]) == (
        "asesor",
        7,
        "Tambah peta",
        True,
    )
    assert t["resolved_by"]["username"] == "asesor" and t["at"] and t["resolved_at"]
    assert [(r["author"]["username"], r["text"]) for r in t["replies"]] == [
        ("tim-banjarmasin", "Peta ditambah")
    ]
    listed = {d["id"]: d for d in team.get("/api/documents/").json()["results"]}
    assert listed[doc.pk]["threads"][0]["replies"][0]["text"] == "Peta ditambah"
    assert world.doc_other.pk not in listed  # a region team sees only its own books
    other = f"/api/documents/{world.doc_other.pk}/"
    assert team.post(other + "reply/", {"thread": thread.pk, "text": "x"}).status_code == 404
    assert assessor.post(other + "resolve/", {"thread": thread.pk}).status_code == 400  # not this book's


def test_existing_comments_stay_valid_threads(world: World):
    old = DocumentComment.objects.create(document=world.doc_own, author=None, text="komentar lama")
    assert (old.parent, old.page, old.resolved) == (None, None, False)
    assert reply_to_thread(actor=SYSTEM, thread=old, text="dijawab").parent == old
