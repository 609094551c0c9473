"""Issue 10 §6: inputs that caused server errors, and responses that broke their documented schema."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.monitoring.domain.masterplans import create_masterplan
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
SHAPE = ["code", "message", "file", "row", "column", "hint"]
HUGE = "99999999999999999999"
LISTS = [
    "regions", "datasets", "index-runs", "programmes", "cohorts", "participations", "documents",
    "masterplan-programmes", "quick-wins", "jobs", "assessment-rounds", "assessment-assignments",
    "assessment-scores",
]  # fmt: skip


def api(user=None) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("query", [f"limit={HUGE}", f"offset={HUGE}", f"limit=5&offset={HUGE}"])
def test_huge_limit_or_offset_is_not_a_server_error(world, users, name, query):
    response = api(users["secretariat"]).get(f"/api/{name}/?{query}")
    assert response.status_code == 200, response.content
    assert set(response.json()) == {"count", "next", "previous", "results"}
    assert len(response.json()["results"]) <= 1000


def test_masterplan_programme_without_budget_amount_is_400(users):
    plan = create_masterplan(
        actor=SYSTEM, region=f.region("63.71"), vision="Kota cerdas", start_year=2024, end_year=2033
    )
    response = api(users["secretariat"]).post(
        "/api/masterplan-programmes/",
        {
            "masterplan": plan.pk,
            "name": "Sapa Warga",
            "dimension": "governance",
            "sub_dimension": "service",
            "horizon": 1,
            "owner_opd": "Diskominfo",
            "budget_source": "apbd",
            "start_year": 2024,
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["column"] == "budget_amount"


def test_round_with_an_out_of_range_participation_id_is_400(users):
    response = api(users["secretariat"]).post(
        "/api/assessment-rounds/",
        {
            "name": "R",
            "kind": "yearly",
            "rubric": "yearly-evaluation@2",
            "participations": [int(HUGE)],
            "deadline": "2030-01-01",
        },
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["column"] == "participations.0" or response.json()["column"].startswith(
        "participations"
    )


@pytest.mark.parametrize("path", ["/api/regions/99.99/", f"/api/cohorts/{HUGE}/", "/api/programmes/0/"])
def test_not_found_is_in_the_one_error_shape(users, path):
    response = api(users["secretariat"]).get(path)
    assert response.status_code == 404
    assert list(response.json()) == SHAPE
    assert response.json()["code"] == "not_found"


def test_cohort_create_response_has_historical(users):
    programme = f.programme()
    response = api(users["secretariat"]).post(
        "/api/cohorts/",
        {"programme": programme.pk, "year": 2026, "name": "GM100 2026", "target_size": 25},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["historical"] is False


def _schema() -> dict:  # type: ignore[type-arg]
    return APIClient().get("/api/schema/?format=json").json()


def test_results_and_scores_are_documented_as_plain_lists():
    paths = _schema()["paths"]
    for path in ("/api/index-runs/{id}/scores/", "/api/assessment-rounds/{id}/results/"):
        body = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert body["type"] == "array", path


def test_nullable_and_blank_fields_are_documented():
    components = _schema()["components"]["schemas"]
    assert components["Dataset"]["properties"]["imported_by"]["nullable"] is True
    status = components["MasterplanProgramme"]["properties"]["status"]
    assert "" in str(status) or status.get("nullable") is True


def test_error_responses_are_documented_in_the_one_shape():
    schema = _schema()
    error = schema["components"]["schemas"]["Error"]
    assert sorted(error["properties"]) == sorted(SHAPE)
    operation = schema["paths"]["/api/cohorts/{id}/"]["get"]["responses"]
    for code in ("401", "403", "404", "429"):
        assert operation[code]["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/Error"
        }
    assert "/api/{rest}" not in schema["paths"]


def test_created_answers_and_the_stored_selection_are_documented_as_sent():
    paths = _schema()["paths"]
    for path in (
        "/api/participations/enrol/",
        "/api/participations/{id}/substitute/",
        "/api/documents/upload/",
    ):
        assert "201" in paths[path]["post"]["responses"] and "200" not in paths[path]["post"]["responses"], (
            path
        )
    decisions = paths["/api/cohorts/{id}/decisions/"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]
    assert decisions["schema"] == {"type": "object", "additionalProperties": {}}
