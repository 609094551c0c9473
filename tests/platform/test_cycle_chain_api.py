"""The whole programme cycle through the API with DRF tokens (issue 11 §5), on SQLite and PostgreSQL.

users (one created, the others imported) → dataset import (job) → index build (job) → publish the run →
programme and cohort → invite the top 12 → interview round, assignment → two assessors score → close,
compute, publish → select 6 on the interview scores, one per province → the region team sees its decision.

One step has no API: tokens. A user's token is issued on the web profile page (``/akun/saya/token/``);
here :func:`issue_token` (the service behind that page) gives each new user theirs.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import pytest
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.users import issue_token
from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from kotacerdas.demo.index import demo_table
from kotacerdas.jobs.worker import run_queued
from kotacerdas.regions.domain.registry import sync_regions
from tests.platform import factories as f

pytestmark = pytest.mark.django_db
CRITERIA = (
    "regulation",
    "policy_alignment",
    "institutions",
    "human_resources",
    "budget",
    "community",
    "network",
    "data_centre",
    "applications",
    "vision",
    "continuity",
)


def client_of(user: User) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issue_token(actor=user, user=user)}")
    return client


def ok(answer: Any, status: int = 200) -> Any:  # type: ignore[no-untyped-def]
    assert answer.status_code == status, answer.content.decode()
    return answer.json()


def test_the_whole_cycle_through_the_api(fast_passwords):
    sync_regions()  # the region registry is loaded at installation (kotacerdas init)
    sec = client_of(f.user(Role.SECRETARIAT, "sekretariat"))
    table, meta = demo_table(7)

    # 1. users: one created, two assessors (with profiles) and a region team imported from a CSV
    ok(
        sec.post("/api/users/", {"username": "petugas", "email": "p@kominfo.go.id", "role": "secretariat"}),
        201,
    )
    data = pd.read_csv(io.BytesIO(table)).set_index("uCode")
    indicators = meta[meta["Type"] == "Indicator"]
    ranks = pd.DataFrame(
        {r.iCode: (data[r.iCode] * r.Direction).rank(pct=True) for r in indicators.itertuples()}
    )
    leader = str(
        ranks.mean(axis=1).idxmax()
    )  # the table's best on average: among the top 12 (asserted below)
    people = (
        "name,email,role,region,expertise,username,affiliation\n"
        "Budi,budi@ui.ac.id,assessor,,suprastruktur:0.8,asesor-ui,UI\n"
        "Sari,sari@itb.ac.id,assessor,,infrastruktur:0.9,asesor-itb,ITB\n"
        f"Tim,tim@daerah.go.id,region_team,{leader},,tim-daerah,\n"
    )
    upload = io.BytesIO(people.encode())
    upload.name = "orang.csv"
    made = ok(sec.post("/api/users/import/", {"file": upload}, format="multipart"), 201)
    assert sorted(u["username"] for u in made) == ["asesor-itb", "asesor-ui", "tim-daerah"]
    assessors = [client_of(User.objects.get(username=n)) for n in ("asesor-ui", "asesor-itb")]
    team = client_of(User.objects.get(username="tim-daerah"))

    # 2. the dataset (a job)
    upload = io.BytesIO(table)
    upload.name = "kesiapan.csv"
    body = {"name": "Data kesiapan", "source": "demo", "year": 2026, "licence": "CC-BY 4.0", "file": upload}
    job = ok(sec.post("/api/datasets/", {**body, "code_system": "kemendagri"}, format="multipart"), 202)
    run_queued()
    assert ok(sec.get(f"/api/jobs/{job['id']}/"))["status"] == "done"
    dataset = ok(sec.get("/api/datasets/"))["results"][0]["id"]

    # 3. the index (a job) → a draft run
    framework = [
        {"code": r.iCode, "name": r.iName, "direction": int(r.Direction), "pillar": r.Parent}
        for r in indicators.itertuples()
    ]
    ok(
        sec.post(
            f"/api/datasets/{dataset}/build/",
            {"name": "Skrining 2027", "indicators": framework},
            format="json",
        ),
        202,
    )
    run_queued()
    run = next(r for r in ok(sec.get("/api/index-runs/"))["results"] if r["name"] == "Skrining 2027")
    assert run["published"] is False

    # 4. publish it (confirmed)
    assert sec.post(f"/api/index-runs/{run['id']}/publish/").status_code == 400
    ok(sec.post(f"/api/index-runs/{run['id']}/publish/", {"confirm": True}, format="json"))

    # 5. programme and cohort
    programme = ok(sec.post("/api/programmes/", {"slug": "gm100", "name": "GM100"}), 201)
    cohort = ok(
        sec.post(
            "/api/cohorts/",
            {"programme": programme["id"], "name": "GM100 2027", "year": 2027, "target_size": 6},
            format="json",
        ),
        201,
    )
    base = f"/api/cohorts/{cohort['id']}"

    # 6. invite the top 12 (confirmed)
    invite = {"index_run": run["id"], "method": "top", "n": 12, "note": "daftar panjang"}
    assert sec.post(f"{base}/invite/", invite, format="json").status_code == 400
    invited = ok(sec.post(f"{base}/invite/", {**invite, "confirm": True}, format="json"), 201)["invited"]
    assert len(invited) == 12 and leader in invited

    # 7. the interview round, two assessors per region, and the optimal assignment
    round_ = ok(
        sec.post(
            f"{base}/interview-round/",
            {
                "name": "Wawancara 2027",
                "deadline": "2030-01-31",
                "assessors_per_submission": 2,
                "max_load": 12,
            },
            format="json",
        ),
        201,
    )
    assert (round_["regions"], round_["kind"]) == (12, "readiness")
    rounds = f"/api/assessment-rounds/{round_['id']}"
    assert ok(sec.post(f"{rounds}/assign/"))["state"] == "scoring"

    # 8. each assessor drafts and submits: the region team's region best
    planned = {leader: 5, **{c: 1 + i % 4 for i, c in enumerate(sorted(set(invited) - {leader}))}}
    for me in assessors:
        mine = ok(me.get("/api/assessment-assignments/"))["results"]
        assert len(mine) == 12
        for a in mine:
            scores = dict.fromkeys(CRITERIA, planned[a["region"]])
            ok(me.post(f"/api/assessment-assignments/{a['id']}/draft/", {"scores": scores}, format="json"))
            assert ok(me.post(f"/api/assessment-assignments/{a['id']}/submit/"))["state"] == "submitted"

    # 9. close (confirmed), compute, publish (confirmed)
    assert ok(sec.post(f"{rounds}/close/", {"confirm": True}, format="json"))["state"] == "closed"
    ok(sec.post(f"{rounds}/compute/"))
    assert ok(sec.post(f"{rounds}/publish/", {"confirm": True}, format="json"))["state"] == "published"

    # 10. select 6 on the calibrated interview scores, at most one per province (a job)
    select = {
        "round": round_["id"],
        "eligibility": "interviewed",
        "config": {"quotas": [{"by": "province", "max": 1}]},
        "thresholds": False,
    }
    ok(sec.post(f"{base}/select/", select, format="json"), 202)
    assert run_queued() == 1
    decisions = ok(sec.get(f"{base}/decisions/"))
    assert decisions["source"]["kind"] == "round"
    selected = [d["code"] for d in decisions["decisions"] if d["status"] == "selected"]
    assert len(selected) == 6 and len({c[:2] for c in selected}) == 6 and leader in selected

    # 11. the region team sees its region's decision (participation states are readable by every user);
    # the engine's decisions with every region's reasons stay with the secretariat
    rows = ok(team.get(f"/api/participations/?cohort={cohort['id']}"))["results"]
    assert {p["region"]: p["state"] for p in rows}[leader] == "selected"
    assert team.get(f"{base}/decisions/").status_code == 403
