"""The demo rounds loaded by the platform's demo loader."""

from __future__ import annotations

import pytest
from django.db.models import F as models_f

from kotacerdas.assessment.models import Assignment, Award, Conflict, ImpactSurvey, RegionResult, Round
from kotacerdas.demo.assessment import CLOSING, READINESS, READINESS_2018, YEARLY, load_assessment_demo
from kotacerdas.demo.loader import load_demo
from kotacerdas.monitoring.framework import belongs

pytestmark = pytest.mark.django_db


def test_demo_rounds(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(seed=2017)
    rounds = {r.name: r for r in Round.objects.all()}
    assert {n: (r.kind, r.state, r.rubric.key) for n, r in rounds.items()} == {
        CLOSING: ("closing", "published", "closing-evaluation@1"),
        YEARLY: ("yearly", "published", "yearly-evaluation@1"),
        READINESS_2018: ("readiness", "published", "readiness-interview@1"),
        READINESS: ("readiness", "scoring", "readiness-interview@1"),
    }
    assert set(Conflict.objects.values_list("rule", flat=True)) == {
        "province",
        "mentor",
        "institution",
        "declared",
    }
    for name in (CLOSING, YEARLY):
        r = rounds[name]
        n = r.submissions.count()
        assert r.assignment_summary["proven_optimal"] is True
        assert Assignment.objects.filter(submission__round=r, active=True, state="submitted").count() == 3 * n
        assert RegionResult.objects.filter(submission__round=r).count() == n
        groups = len(r.rubric.definition["groups"])
        assert Award.objects.filter(round=r).count() == groups + 3
        assert 0 < r.figures["alpha"]["value"] <= 1
        assert set(r.figures["icc"]) >= {"ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"}
        assert r.figures["calibration"]["method"].startswith("additive assessor effect")
        assert not Assignment.objects.filter(
            submission__round=r, active=True, submission__conflicts__assessor=models_f("assessor")
        ).exists()
    interview = rounds[READINESS_2018]  # the 2018 cohort's, with the demo region team's Banjarmasin
    assert "63.71" in set(interview.submissions.values_list("participation__region__code", flat=True))
    n = interview.submissions.count()
    assert n == 8 and RegionResult.objects.filter(submission__round=interview).count() == n
    assert (
        Assignment.objects.filter(submission__round=interview, active=True, state="submitted").count()
        == 3 * n
    )
    yearly = RegionResult.objects.filter(submission__round=rounds[YEARLY])
    assert all(r.impact_survey is not None for r in yearly)
    surveyed = set(ImpactSurvey.objects.values_list("dimension", "sub_dimension"))
    assert len(surveyed) == 18 and all(belongs(d, sub) for d, sub in surveyed)  # the framework's own keys
    readiness = rounds[READINESS]
    assert Assignment.objects.filter(submission__round=readiness, active=True, state="assigned").count() == (
        2 * readiness.submissions.count()
    )
    assert Assignment.objects.filter(submission__round=readiness, assessor__user__username="asesor").exists()
    assert [(s["room"], len(s["assessors"]), len(s["regions"])) for s in readiness.schedule] == [
        ("Ruang 1", 2, 4),
        ("Ruang 2", 2, 4),
    ]
    assert [r.pk for r in load_assessment_demo(seed=2017)] == [
        rounds[n].pk for n in (CLOSING, YEARLY, READINESS_2018, READINESS)
    ]
    assert Round.objects.count() == 4
