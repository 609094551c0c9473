"""Submissions: books attached at round creation, completed by the region team, shown to assessors."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.submissions import update_submission
from kotacerdas.errors import InputError, PermissionDeniedError
from kotacerdas.programme.domain.documents import submit_book
from kotacerdas.programme.lifecycle import State
from tests.assessment.conftest import assignment_of
from tests.platform import factories as f

pytestmark = pytest.mark.django_db


def test_region_team_completes_its_submission(aworld, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sub = aworld.submissions["63.71"]
    with pytest.raises(PermissionDeniedError):
        update_submission(actor=users["assessor"], submission=sub, notes="x")
    with pytest.raises(PermissionDeniedError):
        update_submission(actor=users["region_team"], submission=aworld.submissions["32.73"], notes="x")
    with pytest.raises(InputError, match="bukan alamat web"):
        update_submission(actor=users["region_team"], submission=sub, video_url="javascript:alert(1)")
    update_submission(
        actor=users["region_team"],
        submission=sub,
        questionnaire={"Dewan Smart City dibentuk?": "ya, SK 2024"},
        video_url="https://video.example/banjarmasin",
        notes="Presentasi oleh Kepala Diskominfo.",
    )
    sub.refresh_from_db()
    assert (sub.questionnaire, sub.video_url) == (
        {"Dewan Smart City dibentuk?": "ya, SK 2024"},
        "https://video.example/banjarmasin",
    )
    assert AuditEvent.objects.get(action="submission.update").summaries == {
        "id": "diubah: kuesioner, tautan video, catatan",
        "en": "changed: questionnaire, video link, notes",
    }


def test_documents_of_the_same_participation_only(aworld, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    own = f.guided(aworld.submissions["63.71"].participation, State.GUIDANCE)
    other = f.guided(aworld.submissions["32.73"].participation, State.GUIDANCE)
    doc = submit_book(actor=SYSTEM, participation=own, book=2, name="buku2.pdf", content=f.PDF)
    foreign = submit_book(actor=SYSTEM, participation=other, book=2, name="buku2.pdf", content=f.PDF)
    with pytest.raises(InputError, match="milik keikutsertaan daerah lain"):
        update_submission(
            actor=users["secretariat"], submission=aworld.submissions["63.71"], documents=[foreign]
        )
    update_submission(actor=users["secretariat"], submission=aworld.submissions["63.71"], documents=[doc])
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    a = assignment_of(aworld, "63.71", "asesor-3")
    client = Client()
    client.force_login(a.assessor.user)
    page = client.get(reverse("web:assessment-score", kwargs={"pk": a.pk})).content.decode()
    assert f'<a href="/dokumen/{doc.pk}/unduh/">Buku 2 v1</a>' in page
