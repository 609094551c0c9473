"""The yearly evaluation's scoring form shows the region's KPI actuals, targets and budget realisation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.models import Round
from tests.assessment.conftest import assignment_of
from tests.platform import progress_factories as pf

pytestmark = pytest.mark.django_db


def test_assessor_sees_actuals_targets_and_budget_as_evidence(aworld, users, client_for):
    submission = aworld.submissions["35.71"]
    item = pf.programme(pf.plan("35.71", submission.participation), "governance", name="Layanan izin daring")
    pf.kpi(item, {2022: 40, 2023: 60}, {2022: 44}, evidence_url="https://kediri.example/laporan-2022.pdf")
    pf.budget(item, 2022, 1_500_000_000, 1_200_000_000)
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    url = reverse("web:assessment-score", kwargs={"pk": assignment_of(aworld, "35.71", "asesor").pk})
    page = client_for("assessor").get(url, HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'id="implementation-evidence"' in page
    assert "Layanan izin daring" in page and "40 / 44" in page  # 2022 target / actual
    assert "Rp 1.500.000.000" in page and "80,0 %" in page  # budget realised
    assert "https://kediri.example/laporan-2022.pdf" in page  # the evidence link, for the assessor


def test_other_rounds_do_not_show_it(aworld, users, client_for):
    Round.objects.filter(pk=aworld.round.pk).update(kind="closing")
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    url = reverse("web:assessment-score", kwargs={"pk": assignment_of(aworld, "35.71", "asesor").pk})
    assert 'id="implementation-evidence"' not in client_for("assessor").get(url).content.decode()
