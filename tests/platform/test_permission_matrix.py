"""Role × route: every URL pattern of the URLconf is listed here with what each role gets.

The test fails when a route is added without being listed (or listed without existing), and when any role
gets a different answer than the one written down. ``login`` means a redirect to the login page.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.api.permissions import DenyByDefault
from kotacerdas.monitoring.domain.editing import save_kpi
from kotacerdas.monitoring.domain.evidence import Evidence
from kotacerdas.monitoring.domain.masterplans import create_masterplan
from kotacerdas.monitoring.domain.reporting import open_reporting_window, report_actual
from kotacerdas.programme.domain.reviews import open_thread
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Cohort, Participation
from tests.assessment.test_permission_matrix import ASSESSMENT_MATRIX  # checked there, per role
from tests.platform import factories as f

#  route name: (method, kwargs key, public, secretariat, assessor, region_team)
MATRIX: list[tuple[str, str, str | None, str, str, str, str]] = [
    ("web:dashboard", "GET", None, "200", "200", "200", "200"),
    ("web:login", "GET", None, "200", "200", "200", "200"),
    ("web:logout", "POST", None, "login", "302", "302", "302"),
    ("web:map", "GET", None, "200", "200", "200", "200"),
    ("web:map-geometry", "GET", "version", "404", "404", "404", "404"),  # public; 404 until boundaries exist
    ("web:ranking", "GET", None, "200", "200", "200", "200"),
    ("web:region", "GET", "code", "200", "200", "200", "200"),
    ("web:progress", "GET", None, "200", "200", "200", "200"),  # public in aggregate
    ("web:progress-province", "GET", "province", "200", "200", "200", "200"),
    ("web:upload-book", "POST", "other", "login", "302", "403", "403"),
    ("web:document", "GET", "doc_other", "login", "200", "200", "403"),
    ("web:document-comment", "POST", "doc_other", "login", "302", "302", "403"),
    ("web:document-review", "POST", "doc_other", "login", "302", "302", "403"),
    ("web:comment-reply", "POST", "thread_other", "login", "302", "302", "403"),
    ("web:comment-reply", "POST", "thread_own", "login", "302", "302", "302"),
    ("web:comment-resolve", "POST", "thread_other", "login", "302", "403", "403"),  # opened by the system
    ("web:cohorts", "GET", None, "login", "302", "302", "403"),
    ("web:pipeline", "GET", "cohort", "login", "200", "200", "403"),
    ("web:pipeline-bulk", "POST", "cohort", "login", "302", "403", "403"),
    ("web:cohort-new", "GET", None, "login", "200", "403", "403"),
    ("web:cohort-new", "POST", None, "login", "400", "403", "403"),
    ("web:cohort-invite", "GET", "cohort", "login", "200", "403", "403"),
    ("web:cohort-invite", "POST", "cohort", "login", "400", "403", "403"),
    ("web:cohort-interview", "GET", "cohort", "login", "200", "403", "403"),
    ("web:cohort-interview", "POST", "cohort", "login", "400", "403", "403"),
    ("web:selection-run", "GET", "cohort", "login", "200", "403", "403"),
    ("web:selection-run", "POST", "cohort", "login", "400", "403", "403"),
    ("web:selection-decisions", "GET", "cohort", "login", "200", "200", "403"),
    ("web:datasets", "GET", None, "login", "200", "200", "200"),
    ("web:dataset-import", "GET", None, "login", "200", "403", "403"),
    ("web:jobs", "GET", None, "login", "200", "200", "403"),
    ("web:job", "GET", "job", "login", "200", "200", "403"),
    ("web:job-retry", "POST", "job", "login", "302", "403", "403"),
    ("web:job-cancel", "POST", "job", "login", "302", "403", "403"),
    ("web:set_language", "POST", None, "302", "302", "302", "302"),
    ("web:inbox", "GET", None, "login", "200", "200", "200"),
    ("web:inbox-read", "POST", "notice", "login", "404", "404", "404"),  # own notifications only
    ("web:inbox-read-all", "POST", None, "login", "302", "302", "302"),
    ("web:inbox-preferences", "POST", None, "login", "302", "302", "302"),
    ("web:quick-win-status", "POST", "quick_win", "login", "302", "403", "302"),
    ("web:masterplan-create", "GET", "code", "login", "200", "403", "200"),
    ("web:masterplan-create", "POST", "code", "login", "400", "403", "400"),
    ("web:masterplan", "GET", "plan_own", "404", "200", "200", "200"),  # not public yet
    ("web:masterplan", "GET", "plan_other", "404", "200", "200", "404"),
    ("web:masterplan", "GET", "plan_public", "200", "200", "200", "200"),
    ("web:masterplan-edit", "GET", "plan_own", "login", "200", "403", "200"),
    ("web:masterplan-edit", "POST", "plan_own", "login", "400", "403", "400"),
    ("web:masterplan-edit", "GET", "plan_public", "login", "200", "403", "403"),
    ("web:masterplan-programme-create", "GET", "plan_own", "login", "200", "403", "200"),
    ("web:masterplan-programme-create", "POST", "plan_own", "login", "400", "403", "400"),
    ("web:masterplan-programme-edit", "GET", "quick_win", "login", "200", "403", "200"),
    ("web:masterplan-programme-edit", "POST", "quick_win", "login", "400", "403", "400"),
    ("web:kpi-create", "GET", "quick_win", "login", "200", "403", "200"),
    ("web:kpi-create", "POST", "quick_win", "login", "400", "403", "400"),
    ("web:kpi-edit", "GET", "kpi_own", "login", "200", "403", "200"),
    ("web:masterplan-budget", "POST", "plan_own", "login", "302", "403", "302"),
    ("web:masterplan-budget", "POST", "plan_other", "login", "302", "403", "404"),
    ("web:masterplan-comment", "POST", "plan_own", "login", "302", "302", "302"),
    ("web:masterplan-comment", "POST", "plan_public", "login", "302", "302", "403"),
    ("web:kpi-actuals", "GET", "plan_own", "404", "200", "200", "200"),
    ("web:kpi-actuals", "POST", "plan_own", "404", "400", "302", "400"),  # empty form; readers go back
    ("web:kpi-actuals", "GET", "plan_public", "200", "200", "200", "200"),
    ("web:evidence", "GET", "evidence_own", "404", "200", "200", "200"),
    ("web:reporting-windows", "GET", None, "login", "200", "403", "403"),
    ("web:reporting-windows", "POST", None, "login", "400", "403", "403"),
    ("web:index-run-publish", "GET", "run", "login", "200", "403", "403"),
    ("web:index-run-publish", "POST", "run", "login", "400", "403", "403"),
    ("web:analysis-publish", "GET", "analysis", "login", "200", "403", "403"),
    ("web:analysis-publish", "POST", "analysis", "login", "400", "403", "403"),
    ("web:dataset-publish", "GET", "dataset", "login", "200", "403", "403"),
    ("web:dataset-publish", "POST", "dataset", "login", "400", "403", "403"),
    ("web:index-run-uncertainty", "POST", "run", "login", "302", "403", "403"),
    ("web:index-run", "GET", "run", "200", "200", "200", "200"),  # published; drafts: test_screening.py
    ("web:index-build", "GET", "dataset", "login", "200", "403", "403"),
    ("web:index-build", "POST", "dataset", "login", "400", "403", "403"),
    ("web:record-bimtek", "POST", "other", "login", "302", "403", "403"),
    ("web:record-bimtek", "POST", "own", "login", "302", "403", "302"),
    ("web:record-decree", "POST", "other", "login", "302", "403", "403"),
    ("web:participation-enrol", "POST", "code", "login", "302", "403", "403"),
    ("web:participation-transition", "POST", "other", "login", "302", "403", "403"),
    ("web:participation-substitute", "POST", "other", "login", "302", "403", "403"),
    ("web:participation-reselect", "POST", "other", "login", "302", "403", "403"),
    ("web:participation-legalise", "POST", "other", "login", "302", "403", "403"),
    ("web:users", "GET", None, "login", "200", "403", "403"),
    ("web:user-create", "GET", None, "login", "200", "403", "403"),
    ("web:user-create", "POST", None, "login", "400", "403", "403"),
    ("web:user-import", "GET", None, "login", "200", "403", "403"),
    ("web:user-import", "POST", None, "login", "400", "403", "403"),
    ("web:user", "GET", "member", "login", "200", "403", "403"),
    ("web:user", "POST", "member", "login", "400", "403", "403"),
    ("web:user-invite", "POST", "member", "login", "302", "403", "403"),
    ("web:password-reset", "GET", None, "200", "200", "200", "200"),
    ("web:password-reset", "POST", None, "200", "200", "200", "200"),  # the form again: no address
    ("web:password-reset-done", "GET", None, "200", "200", "200", "200"),
    ("web:password-reset-confirm", "GET", "reset", "200", "200", "200", "200"),  # "this link is invalid"
    ("web:password-reset-complete", "GET", None, "200", "200", "200", "200"),
    ("web:audit", "GET", None, "login", "200", "403", "403"),
    ("web:audit-csv", "GET", None, "login", "200", "403", "403"),
    ("web:profile", "GET", None, "login", "200", "200", "200"),
    ("web:profile-password", "POST", None, "login", "400", "400", "400"),
    ("web:profile-language", "POST", None, "login", "400", "400", "400"),  # no language given
    ("web:profile-token", "POST", None, "login", "302", "302", "302"),  # no action given: nothing done
    ("web:user-active", "POST", "member", "login", "302", "403", "403"),
    ("api:root", "GET", None, "200", "200", "200", "200"),
    ("api:schema", "GET", None, "200", "200", "200", "200"),
    ("api:docs", "GET", None, "200", "200", "200", "200"),
    ("api:not-found", "GET", "rest", "404", "404", "404", "404"),
    ("api:region-list", "GET", None, "200", "200", "200", "200"),
    ("api:region-detail", "GET", "code", "200", "200", "200", "200"),
    ("api:dataset-list", "GET", None, "401", "200", "200", "200"),
    ("api:dataset-list", "POST", None, "401", "400", "403", "403"),
    ("api:dataset-detail", "GET", "dataset", "401", "200", "200", "404"),  # a draft: staff only
    ("api:dataset-publish", "POST", "dataset", "401", "400", "403", "403"),
    ("api:dataset-unpublish", "POST", "dataset", "401", "400", "403", "403"),
    ("api:dataset-build", "POST", "dataset", "401", "400", "403", "403"),
    ("api:indexrun-list", "GET", None, "200", "200", "200", "200"),
    ("api:indexrun-list", "POST", None, "401", "400", "403", "403"),
    ("api:indexrun-detail", "GET", "run", "200", "200", "200", "200"),
    ("api:indexrun-scores", "GET", "run", "200", "200", "200", "200"),
    ("api:indexrun-uncertainty", "POST", "run", "401", "400", "403", "403"),
    ("api:indexrun-publish", "POST", "run", "401", "400", "403", "403"),
    ("api:indexrun-unpublish", "POST", "run", "401", "400", "403", "403"),
    ("api:indexrun-analyses", "GET", "run", "200", "200", "200", "200"),
    ("api:indexrun-publish-analysis", "POST", "run_version", "401", "400", "403", "403"),
    ("api:indexrun-unpublish-analysis", "POST", "run_version", "401", "400", "403", "403"),
    ("api:programme-list", "GET", None, "200", "200", "200", "200"),
    ("api:programme-list", "POST", None, "401", "400", "403", "403"),
    ("api:programme-detail", "GET", "programme", "200", "200", "200", "200"),
    ("api:cohort-list", "GET", None, "200", "200", "200", "200"),
    ("api:cohort-list", "POST", None, "401", "400", "403", "403"),
    ("api:cohort-detail", "GET", "cohort", "200", "200", "200", "200"),
    ("api:cohort-select", "POST", "cohort", "401", "400", "403", "403"),
    ("api:cohort-invite", "POST", "cohort", "401", "400", "403", "403"),
    ("api:cohort-interview-round", "POST", "cohort", "401", "400", "403", "403"),
    ("api:cohort-decisions", "GET", "cohort", "401", "409", "409", "403"),
    ("api:participation-list", "GET", None, "200", "200", "200", "200"),
    ("api:participation-detail", "GET", "other", "200", "200", "200", "200"),
    ("api:participation-enrol", "POST", None, "401", "400", "403", "403"),
    ("api:participation-transition", "POST", "other", "401", "400", "403", "403"),
    ("api:participation-substitute", "POST", "other", "401", "400", "403", "403"),
    ("api:participation-bimtek", "POST", "other", "401", "400", "403", "403"),
    ("api:participation-bimtek", "POST", "own", "401", "400", "403", "400"),
    ("api:participation-institution", "POST", "other", "401", "400", "403", "403"),
    ("api:participation-institution", "POST", "own", "401", "400", "403", "400"),
    ("api:participation-legalise", "POST", "other", "401", "400", "403", "403"),
    ("api:document-list", "GET", None, "401", "200", "200", "200"),
    ("api:document-detail", "GET", "doc_other", "401", "200", "200", "404"),
    ("api:document-detail", "GET", "doc_own", "401", "200", "200", "200"),
    ("api:document-upload", "POST", None, "401", "400", "403", "400"),
    ("api:document-comment", "POST", "doc_other", "401", "400", "400", "403"),
    ("api:document-reply", "POST", "doc_other", "401", "400", "400", "404"),
    ("api:document-reply", "POST", "doc_own", "401", "400", "400", "400"),
    ("api:document-resolve", "POST", "doc_other", "401", "400", "400", "403"),
    ("api:document-review", "POST", "doc_other", "401", "400", "400", "403"),
    ("api:masterplanprogramme-list", "GET", None, "200", "200", "200", "200"),
    ("api:masterplanprogramme-list", "POST", None, "401", "400", "403", "400"),
    ("api:masterplanprogramme-detail", "GET", "quick_win", "404", "200", "200", "200"),  # not public yet
    ("api:masterplanprogramme-edit", "POST", "quick_win", "401", "400", "403", "400"),
    ("api:masterplanprogramme-budget", "POST", "quick_win", "401", "400", "403", "400"),
    ("api:masterplan-list", "GET", None, "200", "200", "200", "200"),
    ("api:masterplan-list", "POST", None, "401", "400", "403", "400"),
    ("api:masterplan-detail", "GET", "plan_own", "404", "200", "200", "200"),
    ("api:masterplan-detail", "GET", "plan_other", "404", "200", "200", "404"),
    ("api:masterplan-detail", "GET", "plan_public", "200", "200", "200", "200"),
    ("api:masterplan-edit", "POST", "plan_own", "401", "400", "403", "400"),
    ("api:masterplan-edit", "POST", "plan_public", "401", "400", "403", "403"),
    ("api:masterplan-comment", "POST", "plan_own", "401", "400", "400", "400"),
    ("api:masterplan-comment", "POST", "plan_public", "401", "400", "400", "403"),
    ("api:kpi-list", "GET", None, "200", "200", "200", "200"),
    ("api:kpi-list", "POST", None, "401", "400", "403", "400"),
    ("api:kpi-detail", "GET", "kpi_own", "404", "200", "200", "200"),
    ("api:kpi-edit", "POST", "kpi_own", "401", "400", "403", "400"),
    ("api:kpi-actual", "POST", "kpi_own", "401", "400", "403", "400"),
    ("api:reportingwindow-list", "GET", None, "401", "200", "200", "200"),
    ("api:reportingwindow-list", "POST", None, "401", "400", "403", "403"),
    ("api:reportingwindow-detail", "GET", "window", "401", "200", "200", "200"),
    ("api:quickwin-list", "GET", None, "200", "200", "200", "200"),
    ("api:quickwin-detail", "GET", "quick_win", "404", "200", "200", "200"),
    ("api:quickwin-status", "POST", "quick_win", "401", "400", "403", "400"),
    ("api:progress", "GET", None, "200", "200", "200", "200"),
    ("api:progress-province", "GET", "province", "200", "200", "200", "200"),
    ("api:progress-region", "GET", "code", "200", "200", "200", "200"),
    ("api:job-list", "GET", None, "401", "200", "200", "403"),
    ("api:job-detail", "GET", "job", "401", "200", "200", "403"),
    ("api:job-retry", "POST", "job", "401", "409", "403", "403"),
    ("api:job-cancel", "POST", "job", "401", "200", "403", "403"),
    ("api:user-list", "GET", None, "401", "200", "403", "403"),
    ("api:user-list", "POST", None, "401", "400", "403", "403"),
    ("api:user-import", "POST", None, "401", "400", "403", "403"),
    ("api:user-detail", "GET", "member", "401", "200", "403", "403"),
    ("api:user-deactivate", "POST", "member", "401", "200", "403", "403"),
    ("api:user-reactivate", "POST", "member", "401", "200", "403", "403"),
]
ROLES = ("public", "secretariat", "assessor", "region_team")
PUBLIC_API_VIEWS = {"PublicSchemaView", "PublicDocsView", "not_found", "ApiRoot"}  # schema, docs, JSON 404


def _walk(patterns, prefix: str = ""):  # type: ignore[no-untyped-def]
    for item in patterns:
        if isinstance(item, URLResolver):
            ns = f"{prefix}{item.namespace}:" if item.namespace else prefix
            yield from _walk(item.url_patterns, ns)
        elif isinstance(item, URLPattern):
            yield f"{prefix}{item.name}", item


def test_every_route_is_in_the_matrix():
    routes = {name for name, _ in _walk(get_resolver().url_patterns)}
    assert routes == {row[0] for row in MATRIX + ASSESSMENT_MATRIX}


def test_every_route_declares_its_rule():
    for name, pattern in _walk(get_resolver().url_patterns):
        view = pattern.callback
        cls = getattr(view, "cls", None)
        if name.startswith("web:"):
            assert callable(getattr(view, "kc_rule", None)), name
        elif cls.__name__ not in PUBLIC_API_VIEWS:
            assert cls.permission_classes and all(
                issubclass(p, DenyByDefault) for p in cls.permission_classes
            ), name
            assert getattr(cls, "rules", {}).get("read") or getattr(view, "actions", None), name


def _thread(document) -> int:  # type: ignore[no-untyped-def]
    """A thread opened by the platform itself on ``document`` (so no person is its opener)."""
    return open_thread(actor=SYSTEM, document=document, text="Lengkapi bab 2").pk


def _kwargs(key: str | None, world) -> dict[str, object]:  # type: ignore[no-untyped-def]
    if key in ("thread_other", "thread_own"):
        return {"pk": _thread(world.doc_other if key == "thread_other" else world.doc_own)}
    return {
        None: {},
        "code": {"code": "63.71"},
        "province": {"code": "63"},
        "rest": {"rest": "nope"},
        "version": {"version": "000000000000"},
        "notice": {"pk": 999999},
        "other": {"pk": world.other.pk},
        "own": {"pk": world.own.pk},
        "doc_other": {"pk": world.doc_other.pk},
        "doc_own": {"pk": world.doc_own.pk},
        "cohort": {"pk": world.own.cohort_id},
        "programme": {"pk": world.own.cohort.programme_id},
        "job": {"pk": world.job.pk},
        "dataset": {"pk": world.dataset.pk},
        "run": {"pk": world.run.pk},
        "run_version": {"pk": world.run.pk, "version": 1},
        "analysis": {"pk": world.run.analyses.get().pk},
        "quick_win": {"pk": world.quick_win.pk},
        "member": {"pk": _member().pk},
        "plan_own": {"pk": world.quick_win.masterplan_id},
        "plan_other": {"pk": _plan("32.73").pk},
        "plan_public": {"pk": _plan("32.73", public=True).pk},
        "kpi_own": {"pk": _kpi(world.quick_win).pk},
        "window": {"pk": _window().pk},
        "evidence_own": {"kind": "kpi", "pk": _evidence(world.quick_win).pk},
        "reset": {"uidb64": "MQ", "token": "0-0"},
    }[key]


def _plan(code: str, public: bool = False):  # type: ignore[no-untyped-def]
    """A masterplan of ``code``; public when its participation has been presented."""
    participation = None
    if public:  # the same presented participation however often the matrix asks
        later = Cohort.objects.filter(year=2019).first() or f.cohort(2019, name="Kohort 2019")
        participation = Participation.objects.filter(region__code=code, cohort=later).first() or (
            f.participation(code, state=State.PRESENTED, the_cohort=later)
        )
    return create_masterplan(
        actor=SYSTEM,
        region=f.region(code),
        participation=participation,
        vision="Kota cerdas",
        start_year=2024,
        end_year=2034,
    )


def _kpi(programme):  # type: ignore[no-untyped-def]
    return save_kpi(actor=SYSTEM, programme=programme, name="Layanan", unit="%", targets={2025: 50.0})


def _evidence(programme):  # type: ignore[no-untyped-def]
    return report_actual(
        actor=SYSTEM,
        kpi=_kpi(programme),
        year=2025,
        value=40.0,
        evidence=Evidence(file_name="bukti.pdf", content=f.PDF),
    )


def _window():  # type: ignore[no-untyped-def]
    return open_reporting_window(
        actor=SYSTEM, year=2025, opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 3, 31)
    )


def _member():  # type: ignore[no-untyped-def]
    """A user none of the role clients logs in as (so deactivating it logs nobody out)."""
    return User.objects.filter(username="anggota").first() or f.user(Role.ASSESSOR, "anggota")


@pytest.mark.django_db
@pytest.mark.parametrize("row", MATRIX, ids=[f"{r[0]}-{r[1]}-{r[2]}" for r in MATRIX])
def test_each_role_gets_what_the_matrix_says(row, world, client_for):
    name, method, key, *expected = row
    url = reverse(name, kwargs=_kwargs(key, world))
    got = []
    for role in ROLES:
        client = client_for(role)
        response = client.get(url) if method == "GET" else client.post(url, {})
        if response.streaming:  # read the file so the client closes it (without ending the DB connection)
            b"".join(response.streaming_content)  # type: ignore[arg-type]
        login = response.status_code == 302 and response["Location"].startswith(reverse("web:login"))
        got.append("login" if login else str(response.status_code))
    assert got == expected
