"""Demo assessment rounds (all scores synthetic, seeded): the 2017 cohort's closing evaluation and its
yearly evaluation and the 2018 cohort's readiness interview (with Kota Banjarmasin, the demo region
team's region, so the team has a feedback report to read), all run end to end and published, plus a
readiness round open for scoring.

Called once from the platform's demo loader after regions, users and cohorts exist; safe to run twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.users import create_user
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.domain.conflicts import declare_conflict, detect_conflicts
from kotacerdas.assessment.domain.moderation import moderate
from kotacerdas.assessment.domain.panels import form_presentation_panels
from kotacerdas.assessment.domain.results import compute_results
from kotacerdas.assessment.domain.rounds import close_round, create_round, publish_round
from kotacerdas.assessment.domain.rubrics import store_rubric
from kotacerdas.assessment.domain.scoring import save_draft, submit_scores
from kotacerdas.assessment.domain.survey import record_impact_survey
from kotacerdas.assessment.enums import IMPACT_DIMENSIONS, RoundKind
from kotacerdas.assessment.models import AssessorProfile, Moderation, Round
from kotacerdas.demo.guard import refuse_production
from kotacerdas.engine.review.rubrics import Rubric
from kotacerdas.io.rubric_files import load_rubric
from kotacerdas.monitoring.framework import SUB_DIMENSIONS, framework_name
from kotacerdas.programme.models import Participation

CLOSING = "Evaluasi penutupan kohort 2017 (demo)"
YEARLY = "Evaluasi tahunan 2018 kohort 2017 (demo)"
READINESS = "Wawancara kesiapan 2026 (demo)"
READINESS_2018 = "Wawancara kesiapan kohort 2018 (demo)"
TEAM_REGION = "63.71"  # Kota Banjarmasin, the demo region team's (2018 cohort)
AFFILIATIONS = ("ITB", "UGM", "Kominfo", "UI", "ITS", "Unhas", "IPB", "Telkom University")
PROVINCES = ("32", "34", "31", "32", "35", "73", "32", "32")  # Jawa Barat, DIY, DKI, …, Sulsel


def _assessors(rng: np.random.Generator, groups: list[str]) -> list[AssessorProfile]:
    """The demo login ``asesor`` plus seven more assessors (passwords ``demo-<name>-2026``)."""
    profiles = []
    for i, (affiliation, province) in enumerate(zip(AFFILIATIONS, PROVINCES, strict=True)):
        name = "asesor" if i == 0 else f"asesor-{i + 1:02d}"
        user = User.objects.filter(username=name).first() or create_user(
            actor=SYSTEM, username=name, password=f"demo-{name}-2026", role=Role.ASSESSOR, demo=True
        )
        profile, _ = AssessorProfile.objects.get_or_create(
            user=user,
            defaults={
                "affiliation": affiliation,
                "home_province_code": province,
                "expertise": {},
            },
        )
        top = 1.0 if i == 0 else None  # the demo login is the most expert, so it always has work
        missing = {
            g: top or round(float(rng.uniform(0.3, 0.95)), 2) for g in groups if g not in profile.expertise
        }
        if missing:
            profile.expertise = {**profile.expertise, **missing}
            profile.save(update_fields=["expertise"])
        profiles.append(profile)
    return profiles


def _score_all(round_: Round, rubric: Rubric, rng: np.random.Generator) -> None:
    """Synthetic scores: a region's quality plus an assessor's severity plus noise, on the scale."""
    quality = {s.pk: rng.uniform(2.0, 4.3) for s in round_.submissions.all()}
    severity = {p.pk: rng.normal(0.0, 0.35) for p in AssessorProfile.objects.all()}
    step = rubric.scale.step or 0.01
    for s in round_.submissions.all():
        for a in s.assignments.filter(active=True).select_related("assessor__user"):
            values = {}
            for c in rubric.criteria:
                raw = quality[s.pk] + severity[a.assessor_id] + rng.normal(0.0, 0.3)
                snapped = round(raw / step) * step
                values[c.id] = float(min(rubric.scale.maximum, max(rubric.scale.minimum, snapped)))
            first = rubric.criteria[0].id
            comments = {first: f"{rubric.criteria[0].name}: dokumen dan bukti perlu dilengkapi (sintetis)."}
            save_draft(actor=a.assessor.user, assignment=a, values=values, comments=comments)
            submit_scores(actor=a.assessor.user, assignment=a)


def _run(
    *,
    name: str,
    kind: str,
    rubric_key: str,
    participations: list[Participation],
    deadline: dt.date,
    rng: np.random.Generator,
    finish: bool,
) -> Round:
    rubric = load_rubric(rubric_key)
    version = store_rubric(actor=SYSTEM, rubric=rubric)
    profiles = _assessors(rng, [g.id for g in rubric.groups])
    round_ = create_round(
        actor=SYSTEM,
        name=name,
        kind=kind,
        rubric=version,
        participations=participations,
        deadline=deadline,
        assessors_per_submission=3 if finish else 2,
        min_load=0,
        max_load=12,
        disagreement_threshold=0.8,
        seed=2017,
        schedule=[{"day": str(deadline), "room": f"Ruang {i + 1}"} for i in range(2)],
    )
    subs = list(round_.submissions.order_by("pk"))
    subs[0].consultant_institution = profiles[1].affiliation  # a consultant from the same institution
    subs[0].save(update_fields=["consultant_institution"])
    profiles[2].mentored_regions.add(subs[1].participation.region)
    detect_conflicts(actor=SYSTEM, round_=round_)
    declare_conflict(
        actor=SYSTEM,
        assessor=profiles[3],
        submission=subs[2],
        reason="mantan pegawai pemerintah daerah itu (sintetis)",
    )
    run_assignment(actor=SYSTEM, round_=round_)
    if not finish:
        return form_presentation_panels(actor=SYSTEM, round_=round_, size=2)
    _score_all(round_, rubric, rng)
    if kind == RoundKind.YEARLY:
        for s in subs:
            for d in IMPACT_DIMENSIONS:
                for k, (sub, _label) in enumerate(SUB_DIMENSIONS[d]):
                    record_impact_survey(
                        actor=SYSTEM,
                        submission=s,
                        dimension=d,
                        sub_dimension=sub,
                        programme=f"Program {d} {k + 1} (sintetis)",
                        respondents=int(rng.integers(50, 120)),
                        mean_score=round(float(rng.uniform(2.0, 4.5)), 2),
                        name=framework_name(d, sub),
                    )
    close_round(actor=SYSTEM, round_=round_)
    for m in Moderation.objects.filter(submission__round=round_):
        moderate(actor=SYSTEM, moderation=m, outcome="Dibahas panel; nilai dikonfirmasi (sintetis).")
    compute_results(actor=SYSTEM, round_=round_)
    return publish_round(actor=SYSTEM, round_=round_)


def load_assessment_demo(*, seed: int = 2017, echo: Callable[[str], None] | None = None) -> list[Round]:
    """Load the demo rounds (skipping those already present); returns the rounds. Refuses production mode."""
    refuse_production()
    say = echo or (lambda _msg: None)
    rng = np.random.default_rng(seed)
    cohort_2017 = list(
        Participation.objects.filter(cohort__year=2017, cohort__historical=True)
        .exclude(state__in=["withdrawn", "cancelled", "substituted", "selected", "mou_signed"])
        .order_by("region__code")
    )
    cohort_2018 = list(
        Participation.objects.filter(cohort__year=2018, cohort__historical=True)
        .exclude(state__in=["withdrawn", "cancelled", "substituted", "selected"])
        .order_by("region__code")
    )
    team = [p for p in cohort_2018 if p.region.code == TEAM_REGION]
    interviewed = team + [p for p in cohort_2018 if p.region.code != TEAM_REGION][: 8 - len(team)]
    plans = [
        (CLOSING, RoundKind.CLOSING, "closing-evaluation@1", cohort_2017, dt.date(2017, 11, 10), True),
        (YEARLY, RoundKind.YEARLY, "yearly-evaluation@1", cohort_2017, dt.date(2018, 10, 31), True),
        (
            READINESS_2018,
            RoundKind.READINESS,
            "readiness-interview@1",
            sorted(interviewed, key=lambda p: p.region.code),
            dt.date(2018, 2, 15),
            True,
        ),
    ]
    current = list(
        Participation.objects.filter(cohort__year=2026, state="assessed").order_by("region__code")[:8]
    )
    if len(current) >= 2:
        plans.append(
            (READINESS, RoundKind.READINESS, "readiness-interview@1", current, dt.date(2026, 12, 31), False)
        )
    rounds = []
    for name, kind, key, people, deadline, finish in plans:
        existing = Round.objects.filter(name=name).first()
        if existing is None and len(people) >= 2:
            existing = _run(
                name=name,
                kind=kind,
                rubric_key=key,
                participations=people,
                deadline=deadline,
                rng=rng,
                finish=finish,
            )
            say(f"assessment round: {name} ({existing.state})")
        if existing is not None:
            rounds.append(existing)
    return rounds
