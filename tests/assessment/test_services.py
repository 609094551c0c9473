"""Domain services: conflicts, optimal assignment, overrides, drafts, submission, closing, amendments."""

from __future__ import annotations

import dataclasses

import pytest
from django.utils import translation

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.models import AuditEvent
from kotacerdas.assessment.domain.assignment import override_assignment, run_assignment
from kotacerdas.assessment.domain.conflicts import declare_conflict, detect_conflicts, worded_reason
from kotacerdas.assessment.domain.moderation import moderate
from kotacerdas.assessment.domain.results import compute_results
from kotacerdas.assessment.domain.rounds import close_round, publish_round
from kotacerdas.assessment.domain.rubrics import store_rubric
from kotacerdas.assessment.domain.scoring import amend_score, effective_value, save_draft, submit_scores
from kotacerdas.assessment.models import Assignment, Conflict, Moderation, Score
from kotacerdas.engine.review.rubrics import in_english
from kotacerdas.errors import InputError, PermissionDeniedError, StateError
from kotacerdas.io.rubric_files import list_rubrics, load_rubric
from tests.assessment.conftest import OPTIMUM, assignment_of, score_everything

pytestmark = pytest.mark.django_db


def _pairs(world) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, set[str]] = {}
    for a in Assignment.objects.filter(submission__round=world.round, active=True).select_related(
        "assessor__user", "submission__participation__region"
    ):
        out.setdefault(a.submission.participation.region.code, set()).add(a.assessor.user.username)
    return out


def test_conflicts_by_rule(aworld, users):
    assert detect_conflicts(actor=users["secretariat"], round_=aworld.round) == 5
    found = {
        (c.assessor.user.username, c.submission.participation.region.code, c.rule)
        for c in Conflict.objects.select_related("assessor__user", "submission__participation__region")
    }
    assert found == {
        ("asesor", "32.73", "province"),
        ("asesor-2", "63.71", "province"),
        ("asesor-3", "35.71", "province"),
        ("asesor", "63.71", "institution"),
        ("asesor-4", "15.71", "mentor"),
    }
    assert detect_conflicts(actor=users["secretariat"], round_=aworld.round) == 0


def test_a_rule_conflict_reads_in_the_readers_language_a_declared_one_as_typed(aworld, users):
    detect_conflicts(actor=users["secretariat"], round_=aworld.round)  # stored while the language is Indonesian
    mentor = Conflict.objects.get(rule="mentor")
    region = mentor.submission.participation.region.name
    assert mentor.reason == worded_reason(mentor) == f"pendamping {region}"
    with translation.override("en"):
        assert worded_reason(mentor) == f"mentor of {region}"
        assert worded_reason(Conflict.objects.get(rule="institution")) == "same institution as the consultant (ITB)"
    me = aworld.assessors["asesor"]
    typed = declare_conflict(actor=me.user, assessor=me, submission=aworld.submissions["35.71"], reason="kerabat")
    with translation.override("en"):
        assert worded_reason(typed) == "kerabat"


def test_declared_conflict_by_the_assessor_and_not_for_others(aworld, users):
    me = aworld.assessors["asesor"]
    c = declare_conflict(actor=me.user, assessor=me, submission=aworld.submissions["35.71"], reason="kerabat")
    assert (c.rule, c.reason) == ("declared", "kerabat")
    with pytest.raises(PermissionDeniedError):
        declare_conflict(
            actor=me.user,
            assessor=aworld.assessors["asesor-2"],
            submission=aworld.submissions["35.71"],
            reason="x",
        )


def test_assignment_is_the_optimum_and_opens_scoring(aworld, users):
    detect_conflicts(actor=users["secretariat"], round_=aworld.round)
    result = run_assignment(actor=users["secretariat"], round_=aworld.round)
    assert result.proven_optimal is True
    assert result.total_affinity == pytest.approx(6.0, abs=1e-9)
    assert _pairs(aworld) == OPTIMUM
    aworld.round.refresh_from_db()
    assert aworld.round.state == "scoring"
    assert aworld.round.assignment_summary["conflicts_excluded"] == 5
    assert AuditEvent.objects.get(action="conflict.detect").summaries == {
        "id": "5 konflik kepentingan menurut aturan dicatat",
        "en": "5 conflicts of interest by rule recorded",
    }
    assert AuditEvent.objects.get(action="assignment.run").summaries == {
        "id": "8 pasangan asesor–daerah, afinitas total 6, optimal terbukti",
        "en": "8 assessor–region pairs, total affinity 6, proven optimal",
    }
    with pytest.raises(StateError):
        run_assignment(actor=users["secretariat"], round_=aworld.round)


def test_only_the_secretariat_runs_the_assignment(aworld, users):
    with pytest.raises(PermissionDeniedError):
        run_assignment(actor=users["assessor"], round_=aworld.round)


def test_override_rechecks_conflicts_and_is_audited(aworld, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    old = assignment_of(aworld, "63.71", "asesor-4")
    with pytest.raises(StateError, match="konflik kepentingan"):
        override_assignment(
            actor=users["secretariat"], assignment=old, assessor=aworld.assessors["asesor-2"], reason="beban"
        )
    with pytest.raises(StateError, match="sudah ditugaskan"):
        override_assignment(
            actor=users["secretariat"], assignment=old, assessor=aworld.assessors["asesor-3"], reason="beban"
        )
    with pytest.raises(InputError):
        override_assignment(
            actor=users["secretariat"], assignment=old, assessor=aworld.assessors["asesor"], reason=" "
        )
    declare_conflict(
        actor=SYSTEM, assessor=aworld.assessors["asesor"], submission=aworld.submissions["32.73"], reason="x"
    )
    new = override_assignment(
        actor=users["secretariat"],
        assignment=assignment_of(aworld, "32.73", "asesor-3"),
        assessor=aworld.assessors["asesor-4"],
        reason="asesor-3 sakit",
    )
    assert (new.source, new.affinity, new.active) == ("override", 0.4, True)
    assert _pairs(aworld)["32.73"] == {"asesor-2", "asesor-4"}
    event = AuditEvent.objects.get(action="assignment.override")
    assert event.data["reason"] == "asesor-3 sakit"
    assert event.summary == "Kota Bandung: asesor-3 → asesor-4"


def test_draft_then_submit_once(aworld, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    a = assignment_of(aworld, "35.71", "asesor")
    me = a.assessor.user
    save_draft(
        actor=me, assignment=a, values={"baseline": 3.6, "output": 3.21}, comments={"baseline": "baik"}
    )
    a.refresh_from_db()
    assert a.state == "draft"
    assert AuditEvent.objects.get(action="score.draft").summary == "draf: 2 dari 5 kriteria dinilai"
    with pytest.raises(InputError, match="no score for criterion outcome, impact, quick_win"):
        submit_scores(actor=me, assignment=a)
    with pytest.raises(InputError, match="outside the scale"):
        save_draft(actor=me, assignment=a, values={"impact": 5.5})
    save_draft(actor=me, assignment=a, values={"outcome": 3.23, "impact": 3.07, "quick_win": 3.65})
    submit_scores(actor=me, assignment=a)
    a.refresh_from_db()
    assert a.state == "submitted"
    # Kota Kediri 2022: 3.60, 3.21, 3.23, 3.07, 3.65 → 3.315, half up 3.32 (published 3.31: docs/assessment.md)
    assert AuditEvent.objects.get(action="score.submit").summaries == {
        "id": "skor 3,32 dikirim",
        "en": "score 3.32 submitted",
    }
    with pytest.raises(StateError, match="sudah dikirim"):
        save_draft(actor=me, assignment=a, values={"baseline": 5})
    with pytest.raises(StateError):
        submit_scores(actor=me, assignment=a)


def test_assessors_score_only_their_own_assignment(aworld, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    other = assignment_of(aworld, "63.71", "asesor-3")
    with pytest.raises(PermissionDeniedError):
        save_draft(actor=users["assessor"], assignment=other, values={"baseline": 3})
    with pytest.raises(PermissionDeniedError):
        save_draft(actor=users["secretariat"], assignment=other, values={"baseline": 3})


def test_no_scoring_before_the_assignment_or_after_close(aworld, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    score_everything(aworld, skip=(("63.71", "asesor-4"),))
    close_round(actor=users["secretariat"], round_=aworld.round, override_reason="asesor-4 sakit")
    late = assignment_of(aworld, "63.71", "asesor-4")
    with pytest.raises(StateError, match="berstatus Ditutup"):
        save_draft(actor=late.assessor.user, assignment=late, values={"baseline": 3})


def test_close_flags_disagreements_and_compute_waits_for_moderation(aworld, users):
    sec = users["secretariat"]
    with pytest.raises(StateError):
        close_round(actor=sec, round_=aworld.round)
    run_assignment(actor=sec, round_=aworld.round)
    score_everything(aworld)
    close_round(actor=sec, round_=aworld.round)
    flags = list(Moderation.objects.select_related("submission__participation__region"))
    assert [(m.submission.participation.region.code, round(m.spread, 3)) for m in flags] == [("15.71", 2.295)]
    assert AuditEvent.objects.get(action="round.close").summaries == {
        "id": "Evaluasi tahunan uji ditutup; 1 perbedaan penilaian ditandai",
        "en": "Evaluasi tahunan uji closed; 1 disagreement(s) flagged",
    }
    with pytest.raises(StateError, match="tanda perbedaan penilaian"):
        compute_results(actor=sec, round_=aworld.round)
    with pytest.raises(StateError, match="belum memiliki hasil"):
        publish_round(actor=sec, round_=aworld.round)
    moderate(actor=sec, moderation=flags[0], outcome="asesor-2 salah baca skala; diamandemen")
    with pytest.raises(StateError, match="sudah memiliki hasil"):
        moderate(actor=sec, moderation=flags[0], outcome="lagi")
    compute_results(actor=sec, round_=aworld.round)
    assert AuditEvent.objects.get(action="round.compute").summary == (
        "Evaluasi tahunan uji: 4 daerah, 8 penilaian, 8 penghargaan"
    )
    publish_round(actor=sec, round_=aworld.round)
    aworld.round.refresh_from_db()
    assert aworld.round.state == "published"
    with pytest.raises(StateError):
        close_round(actor=sec, round_=aworld.round)


def test_scores_are_immutable_after_close_and_amendments_are_audited(aworld, users):
    sec = users["secretariat"]
    run_assignment(actor=sec, round_=aworld.round)
    score_everything(aworld)
    score = Score.objects.get(assignment=assignment_of(aworld, "15.71", "asesor-2"), criterion="outcome")
    with pytest.raises(StateError, match="tidak dapat mengubah skor"):
        amend_score(actor=sec, score=score, value=3.5, reason="salah ketik")
    close_round(actor=sec, round_=aworld.round)
    with pytest.raises(InputError, match="memerlukan alasan"):
        amend_score(actor=sec, score=score, value=3.5, reason="")
    with pytest.raises(PermissionDeniedError):
        amend_score(actor=users["assessor"], score=score, value=3.5, reason="x")
    amend_score(actor=sec, score=score, value=3.5, reason="salah ketik, dikonfirmasi asesor")
    score.refresh_from_db()
    assert (score.value, effective_value(score)) == (1.2, 3.5)
    event = AuditEvent.objects.get(action="score.amend")
    assert (event.summary, event.data["reason"]) == (
        "skor outcome diubah dari 1,2 menjadi 3,5",
        "salah ketik, dikonfirmasi asesor",
    )


def test_rubric_is_frozen_once_used(aworld, users):
    version = aworld.round.rubric
    version.definition = {**version.definition, "title": "changed"}
    version.save()  # still draft: allowed
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    version.definition = {**version.definition, "title": "changed again"}
    with pytest.raises(StateError, match="tidak dapat diubah"):
        version.save()


def test_assignment_records_rule_conflicts_itself(aworld, users):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    assert Conflict.objects.filter(submission__round=aworld.round).count() == 5
    aworld.round.refresh_from_db()
    assert aworld.round.assignment_summary["conflicts_excluded"] == 5


def test_close_and_publish_refuse_an_incomplete_round_without_a_reason(aworld, users):
    sec = users["secretariat"]
    run_assignment(actor=sec, round_=aworld.round)
    score_everything(aworld, skip=(("63.71", "asesor-4"), ("63.71", "asesor-3")))
    with pytest.raises(StateError, match="2 dari 8 penugasan belum dikirim") as refused:
        close_round(actor=sec, round_=aworld.round)
    assert refused.value.code == "incomplete"
    with pytest.raises(StateError, match="2 dari 8"):
        close_round(actor=sec, round_=aworld.round, override_reason="   ")
    close_round(actor=sec, round_=aworld.round, override_reason="Banjarmasin tidak hadir")
    for m in Moderation.objects.all():
        moderate(actor=sec, moderation=m, outcome="dikonfirmasi")
    compute_results(actor=sec, round_=aworld.round)
    with pytest.raises(StateError, match="2 dari 8 penugasan belum dikirim; 1 daerah"):
        publish_round(actor=sec, round_=aworld.round)
    publish_round(actor=sec, round_=aworld.round, override_reason="penganugerahan tetap")
    aworld.round.refresh_from_db()
    assert [(o["action"], o["gaps"]) for o in aworld.round.overrides] == [
        ("close", {"unsubmitted": 2}),
        ("publish", {"unsubmitted": 2, "without_result": 1}),
    ]
    closed, published = (AuditEvent.objects.get(action=f"round.{a}.override") for a in ("close", "publish"))
    assert closed.summaries == {
        "id": "Evaluasi tahunan uji ditutup meskipun 2 dari 8 penugasan belum dikirim; "
        "alasan: Banjarmasin tidak hadir",
        "en": "Evaluasi tahunan uji closed although 2 of 8 assignments are not submitted; "
        "reason: Banjarmasin tidak hadir",
    }
    assert published.summaries == {
        "id": "Evaluasi tahunan uji diterbitkan meskipun 2 dari 8 penugasan belum dikirim; "
        "1 daerah belum memiliki hasil yang dihitung; alasan: penganugerahan tetap",
        "en": "Evaluasi tahunan uji published although 2 of 8 assignments are not submitted; "
        "1 region(s) have no computed result; reason: penganugerahan tetap",
    }


def test_every_shipped_rubric_text_has_its_english():
    for rubric in list_rubrics():
        assert rubric.title_en and all(lv.anchor_en for lv in rubric.scale.levels), rubric.key
        english = in_english(rubric)
        assert english.criteria[0].weight == rubric.criteria[0].weight
        for ours, theirs in zip(rubric.criteria, english.criteria, strict=True):
            if ours.description:
                assert ours.description_en and theirs.description == ours.description_en, (
                    rubric.key,
                    ours.id,
                )


def test_storing_a_rubric_again_takes_new_wording_but_refuses_new_weights(users):
    rubric = load_rubric("readiness-interview@1")
    version = store_rubric(actor=users["secretariat"], rubric=rubric)
    reworded = dataclasses.replace(rubric, title="Wawancara kesiapan (kata baru)")
    assert store_rubric(actor=users["secretariat"], rubric=reworded).definition["title"] == (
        "Wawancara kesiapan (kata baru)"
    )
    heavier = dataclasses.replace(
        rubric, criteria=(dataclasses.replace(rubric.criteria[0], weight=9), *rubric.criteria[1:])
    )
    with pytest.raises(StateError) as refused:
        store_rubric(actor=users["secretariat"], rubric=heavier)
    assert refused.value.code == "rubric_changed"
    version.refresh_from_db()
    assert version.definition["criteria"][0]["weight"] == 1
