"""The logged-in pages under load (issue 13 §4): the round dashboard and the assessor's task list run
as many queries for a large round as for a small one, read no region boundaries, and the task list is
paginated (open tasks first, filtered by state, the count of each state above it)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kotacerdas.assessment.domain.assignment import run_assignment
from kotacerdas.assessment.models import Assignment, Conflict, Submission
from kotacerdas.regions.models import Region
from tests.platform import factories as f

pytestmark = pytest.mark.django_db

#: regions added to the round to make it larger
MORE = ("32.01", "31.71", "35.78", "33.74", "12.71", "73.71", "51.71", "64.72", "34.71", "36.71")


def _queries(client, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    client.get(path)  # warm: first-request work (sessions) is not per row
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return [q["sql"] for q in queries.captured_queries]


def _grow(world, extra: int = len(MORE)) -> None:  # type: ignore[no-untyped-def]
    """More regions in the round, each with active assignments of every assessor and a conflict."""
    for i, code in enumerate(MORE[:extra]):
        submission = Submission.objects.create(round=world.round, participation=f.participation(code))
        for n, profile in enumerate(world.assessors.values()):
            state = ("assigned", "draft", "submitted")[(i + n) % 3]
            Assignment.objects.create(submission=submission, assessor=profile, state=state, affinity=0.5)
        Conflict.objects.create(
            submission=submission, assessor=world.assessors["asesor-4"], rule="declared", reason="kerabat"
        )


def _with_boundaries() -> None:
    Region.objects.update(geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]})


def test_the_round_dashboard_runs_as_many_queries_for_fourteen_regions_as_for_four(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    client = client_for("secretariat")
    path = reverse("web:assessment-round", kwargs={"pk": aworld.round.pk})
    small = _queries(client, path)
    _grow(aworld)
    _with_boundaries()
    large = _queries(client, path)
    assert len(large) == len(small) <= 12, large  # the regions of both forms are read once
    assert not [q for q in large if "geometry" in q], "the dashboard reads region boundaries"
    assert not [q for q in large if "questionnaire" in q], "the dashboard reads the questionnaires"
    page = client.get(path).content.decode()
    rows = page.split('id="assignments">')[1].split("</table>")[0]
    assert "<select" not in rows and "<form" not in rows, "a reassignment form in a row of the dashboard"
    assert (
        rows.count('class="override-link ')
        == Assignment.objects.filter(active=True).exclude(state="submitted").count()
    )


def test_the_task_list_runs_as_many_queries_for_many_tasks_and_reads_only_what_it_shows(
    aworld, users, client_for
):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    client = client_for("assessor")
    path = reverse("web:assessment-inbox")
    small = _queries(client, path)
    _grow(aworld)
    _with_boundaries()
    large = _queries(client, path)
    assert len(large) == len(small) <= 7, large
    assert not [q for q in large if "geometry" in q or "questionnaire" in q or "figures" in q], large


def _rows(page: str) -> list[tuple[str, str]]:
    """(state, region) of each row of the task list, in order."""
    return re.findall(r'<tr data-state="(\w+)">.*?class="open-assignment">([^<]+)</a>', page, re.S)


def test_the_task_list_shows_open_tasks_first_counts_each_state_and_filters(aworld, users, client_for):
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    _grow(aworld)
    client = client_for("assessor")
    path = reverse("web:assessment-inbox")
    page = client.get(path).content.decode()
    rows = _rows(page)
    mine = Assignment.objects.filter(active=True, assessor=aworld.assessors["asesor"])
    assert len(rows) == mine.count() == 12
    states = [state for state, _ in rows]
    assert states.index("submitted") > max(i for i, s in enumerate(states) if s != "submitted")
    for state, label in (("assigned", "Belum dinilai"), ("draft", "Draf"), ("submitted", "Dikirim")):
        n = mine.filter(state=state).count()
        assert f'data-state="{state}">{label}: <b>{n}</b></a>' in page
    drafts = _rows(client.get(path, {"state": "draft"}).content.decode())
    assert drafts and {s for s, _ in drafts} == {"draft"}
    assert len(drafts) == mine.filter(state="draft").count()
    refused = client.get(path, {"state": "selesai"})
    assert refused.status_code == 400 and not _rows(refused.content.decode())


def test_the_task_list_is_paginated_with_links_that_keep_the_filter(aworld, users, client_for, monkeypatch):
    monkeypatch.setattr("kotacerdas.web.views.assessment_scoring.TASKS_PER_PAGE", 5)
    run_assignment(actor=users["secretariat"], round_=aworld.round)
    _grow(aworld, extra=4)  # the assessor has 2 + 4 tasks
    client = client_for("assessor")
    path = reverse("web:assessment-inbox")
    first = client.get(path, {"state": ""}).content.decode()
    second = client.get(path, {"state": "", "page": "2"}).content.decode()
    assert len(_rows(first)) == 5 and len(_rows(second)) == 1
    assert 'href="?state=&amp;page=2" id="inbox-next"' in first
    assert 'id="inbox-previous"' in second and 'id="inbox-next"' not in second
    assert set(_rows(first)).isdisjoint(_rows(second))
