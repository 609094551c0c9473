"""A small assessment world: four regions, four assessors with known conflicts, a yearly-evaluation round."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.enums import Role
from kotacerdas.assessment.domain.rounds import create_round
from kotacerdas.assessment.domain.rubrics import store_rubric
from kotacerdas.assessment.domain.scoring import save_draft, submit_scores
from kotacerdas.assessment.models import AssessorProfile, Assignment, Round, Submission
from kotacerdas.io.rubric_files import load_rubric
from tests.platform import factories as f
from tests.platform.conftest import client_for, fast_passwords, users  # noqa: F401 - shared fixtures

#: region code → the region's 5 criterion scores per assessor name (baseline, output, outcome, impact, quick_win)
CODES = ("63.71", "32.73", "35.71", "15.71")  # Banjarmasin, Bandung, Kediri, Jambi
#: (username, affiliation, home province, expertise): affinities 1.0, 0.8, 0.6, 0.4
ASSESSORS = (
    ("asesor", "ITB", "32", 1.0),
    ("asesor-2", "UGM", "63", 0.8),
    ("asesor-3", "UI", "35", 0.6),
    ("asesor-4", "ITS", "11", 0.4),
)
#: the optimal assignment (total affinity 6.0), worked out by hand from the conflicts below
OPTIMUM = {
    "63.71": {"asesor-3", "asesor-4"},
    "32.73": {"asesor-2", "asesor-3"},
    "35.71": {"asesor", "asesor-2"},
    "15.71": {"asesor", "asesor-2"},
}
SCORES = {
    ("63.71", "asesor-3"): [3.0, 3.5, 3.2, 3.0, 3.6],
    ("63.71", "asesor-4"): [2.5, 3.0, 3.0, 2.8, 3.0],
    ("32.73", "asesor-2"): [4.0, 4.2, 4.5, 4.1, 4.4],
    ("32.73", "asesor-3"): [3.8, 4.0, 4.1, 3.9, 4.0],
    ("35.71", "asesor"): [3.60, 3.21, 3.23, 3.07, 3.65],
    ("35.71", "asesor-2"): [3.9, 3.5, 3.6, 3.3, 3.9],
    ("15.71", "asesor"): [3.84, 3.18, 3.53, 3.63, 3.35],
    ("15.71", "asesor-2"): [1.0, 1.5, 1.2, 1.1, 1.0],
}
CRITERIA = ("baseline", "output", "outcome", "impact", "quick_win")


@dataclass
class AssessmentWorld:
    round: Round
    assessors: dict[str, AssessorProfile]
    submissions: dict[str, Submission]


@pytest.fixture
def aworld(users) -> AssessmentWorld:  # type: ignore[no-untyped-def]  # noqa: F811
    participations = [f.participation(code) for code in CODES]
    profiles = {}
    for name, affiliation, province, level in ASSESSORS:
        user = users["assessor"] if name == "asesor" else f.user(Role.ASSESSOR, name)
        profiles[name] = AssessorProfile.objects.create(
            user=user,
            affiliation=affiliation,
            home_province_code=province,
            expertise=dict.fromkeys(CRITERIA, level),
        )
    version = store_rubric(actor=SYSTEM, rubric=load_rubric("yearly-evaluation@2"))
    round_ = create_round(
        actor=users["secretariat"],
        name="Evaluasi tahunan uji",
        kind="yearly",
        rubric=version,
        participations=participations,
        deadline=dt.date(2030, 1, 31),
        assessors_per_submission=2,
        min_load=0,
        max_load=4,
        disagreement_threshold=1.0,
        seed=7,
    )
    subs = {
        s.participation.region.code: s for s in round_.submissions.select_related("participation__region")
    }
    subs["63.71"].consultant_institution = "ITB"
    subs["63.71"].save()
    profiles["asesor-4"].mentored_regions.add(subs["15.71"].participation.region)
    return AssessmentWorld(round_, profiles, subs)


def assignment_of(world: AssessmentWorld, code: str, name: str) -> Assignment:
    return Assignment.objects.get(
        submission=world.submissions[code], assessor=world.assessors[name], active=True
    )


def score_everything(world: AssessmentWorld, skip: tuple[tuple[str, str], ...] = ()) -> None:
    """Every assessor saves a draft and submits the scores of :data:`SCORES` (except ``skip``)."""
    for (code, name), values in SCORES.items():
        if (code, name) in skip:
            continue
        a = assignment_of(world, code, name)
        save_draft(
            actor=a.assessor.user,
            assignment=a,
            values=dict(zip(CRITERIA, values, strict=True)),
            comments={"outcome": f"komentar {name} untuk {code}"},
        )
        submit_scores(actor=a.assessor.user, assignment=a)
