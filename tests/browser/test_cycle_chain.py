"""The whole programme cycle in the browser, as the secretariat, the assessors and a region team (issue 11 §5).

users (form + bulk import, invitations) → dataset import → index build (job) → publish the screening run
→ cohort → invite the top 12 → interview round, assignment → two assessors score → close and publish the
round → select 6 on the interview scores under a province quota → the region team sees its decision.

One step has no UI: a programme is created with the domain service (there is no programme page; the API
has ``POST /api/programmes/``). Screenshots: test-artifacts/screenshots/chain-*.png.
"""

from __future__ import annotations

import io
import re
from urllib.parse import urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

from kotacerdas.accounts.enums import Role
from kotacerdas.assessment.models import Round
from kotacerdas.demo.index import demo_table
from kotacerdas.jobs.worker import run_queued
from kotacerdas.programme.domain.cohorts import create_programme
from kotacerdas.programme.models import Cohort
from kotacerdas.regions.domain.registry import sync_regions
from kotacerdas.regions.models import Dataset, IndexRun
from tests.browser.session import login, stay_local
from tests.platform import factories as f

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Rantai-siklus-2027!"
ASSESSORS = ("asesor-ui", "asesor-itb")
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


def likely_leader(table: bytes, meta: pd.DataFrame) -> str:
    """The region the synthetic table puts first on average (direction-adjusted percentile ranks).

    The region team is created before any index exists, so its region is chosen from the raw table:
    the best on average is among the index's top 12 (asserted after the invitations).
    """
    data = pd.read_csv(io.BytesIO(table)).set_index("uCode")
    indicators = meta[meta["Type"] == "Indicator"].set_index("iCode")["Direction"]
    ranks = pd.DataFrame({c: (data[c] * d).rank(pct=True) for c, d in indicators.items()})
    return str(ranks.mean(axis=1).idxmax())


def shot(page: Page, name: str, directory) -> None:  # type: ignore[no-untyped-def]
    page.screenshot(path=str(directory / f"chain-{name}.png"), full_page=True)


def set_password_from_invitation(browser: Browser, base: str, body: str) -> None:
    """Follow the invitation link of one e-mail and choose a password."""
    link = re.search(r"https?://\S+/akun/sandi/\S+/", body)
    assert link is not None, body
    page = browser.new_page()
    stay_local(page, base)
    page.goto(base + urlsplit(link.group(0)).path)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.click("#set-password-submit")
    expect(page).to_have_url(re.compile(r"/akun/sandi/selesai/$"))
    page.context.close()


def login_as(browser: Browser, base: str, username: str) -> Page:
    page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="id-ID")
    stay_local(page, base)
    page.goto(base + "/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", NEW_PASSWORD)
    page.click("#login-submit")
    expect(page.locator("#who")).to_contain_text(username)
    return page


def confirm(page: Page) -> None:
    """Confirm, and wait for the page the confirmation leads to: the database has the change once it shows."""
    page.check('input[name="confirm"]')
    page.click("#confirm-submit")
    expect(page.locator("#confirm-submit")).to_have_count(0)


def test_the_whole_cycle_in_the_browser(
    live_server, page: Page, browser: Browser, fast_passwords, mailoutbox, screenshot_dir
):
    sync_regions()  # the region registry is loaded at installation (kotacerdas init), not a UI step
    f.user(Role.SECRETARIAT, "sekretariat")
    base = live_server.url
    outside = stay_local(page, base)
    table, meta = demo_table(7)
    leader = likely_leader(table, meta)
    page.on("dialog", lambda dialog: dialog.accept())  # "submit scores?" asks with a JS confirm
    login(page, base, "sekretariat")

    # 1. users: one by the form, two assessors and a region team by bulk import
    page.goto(base + "/akun/baru/")
    page.fill("#id_username", "petugas-seleksi")
    page.fill("#id_name", "Dewi Lestari")
    page.fill("#id_email", "dewi@kominfo.go.id")
    page.select_option("#id_role", "secretariat")
    page.click("#user-save")
    expect(page.locator("h1")).to_contain_text("petugas-seleksi")
    people = (
        "name,email,role,region,expertise,username,affiliation,province\n"
        "Budi Santoso,budi@ui.ac.id,assessor,,suprastruktur:0.8;struktur:0.6,asesor-ui,Universitas Indonesia,\n"
        "Sari Wulandari,sari@itb.ac.id,assessor,,infrastruktur:0.9;leadership:0.5,asesor-itb,ITB,\n"
        f"Tim Daerah,tim@daerah.go.id,region_team,{leader},,tim-daerah,,\n"
    )
    page.goto(base + "/akun/impor/")
    page.set_input_files(
        'input[name="file"]', {"name": "orang.csv", "mimeType": "text/csv", "buffer": people.encode()}
    )
    page.click("#import-submit")
    expect(page.locator("#users tbody tr")).to_have_count(5)
    shot(page, "01-users", screenshot_dir)
    run_queued()  # the invitations are one queued job
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert set(bodies) >= {"budi@ui.ac.id", "sari@itb.ac.id", "tim@daerah.go.id", "dewi@kominfo.go.id"}
    for email in ("budi@ui.ac.id", "sari@itb.ac.id", "tim@daerah.go.id"):
        set_password_from_invitation(browser, base, bodies[email])

    # 2. the dataset: the synthetic demo table as a CSV upload
    page.goto(base + "/data/impor/")
    page.fill('input[name="name"]', "Data kesiapan SINTETIS")
    page.fill('input[name="source"]', "kotacerdas.demo (sintetis)")
    page.fill('input[name="year"]', "2026")
    page.fill('input[name="licence"]', "CC-BY 4.0")
    page.set_input_files(
        'input[name="file"]', {"name": "kesiapan.csv", "mimeType": "text/csv", "buffer": table}
    )
    shot(page, "02-dataset-import", screenshot_dir)
    page.click("form.card button")
    expect(page).to_have_url(re.compile(r"/pekerjaan/\d+/$"))
    assert run_queued() == 1
    dataset = Dataset.objects.get(name="Data kesiapan SINTETIS")

    # 3. the index: the build form, then the job
    page.goto(f"{base}/data/{dataset.pk}/indeks/")
    page.fill("#id_name", "Skrining 2027")
    for denominator in ("population", "area_km2"):
        page.locator(f'#framework tr[data-code="{denominator}"] input[type="checkbox"]').uncheck()
    for _, row in meta[meta["Type"] == "Indicator"].iterrows():  # names and pillars as the iMeta gives them
        line = page.locator(f'#framework tr[data-code="{row["iCode"]}"]')
        line.locator('input[name$="-name"]').fill(row["iName"])
        line.locator('input[name$="-pillar"]').fill(row["Parent"])
        line.locator('select[name$="-direction"]').select_option(str(int(row["Direction"])))
    shot(page, "03-index-build", screenshot_dir)
    page.click("#index-build-submit")
    expect(page).to_have_url(re.compile(r"/pekerjaan/\d+/$"))
    assert run_queued() == 1
    run = IndexRun.objects.get(name="Skrining 2027")
    assert run.published is False

    # 4. publish the screening run (confirmation page)
    page.goto(f"{base}/peringkat/{run.pk}/")
    expect(page.locator("#run-state")).to_have_text("draf")
    page.click("#publish")
    shot(page, "04-publish-confirm", screenshot_dir)
    confirm(page)
    page.goto(f"{base}/peringkat/{run.pk}/")
    expect(page.locator("#run-state")).to_have_text("terbit")

    # 5. a cohort (the programme has no page: created with the domain service, see the module docstring)
    programme = create_programme(
        actor=f.user(Role.SECRETARIAT, "pemilik-program"), slug="gm100", name="GM100"
    )
    page.goto(base + "/kohort/baru/")
    page.select_option("#id_programme", str(programme.pk))
    page.fill("#id_name", "GM100 2027")
    page.fill("#id_year", "2027")
    page.fill("#id_target_size", "6")
    page.click("#cohort-save")
    expect(page.locator("#cohort-name")).to_have_text("GM100 2027")
    cohort = Cohort.objects.get(name="GM100 2027")

    # 6. invite the top 12 of the published run
    page.click("#invite-link")
    page.select_option('select[name="index_run"]', str(run.pk))
    page.check('input[name="method"][value="top"]')
    page.fill("#id_n", "12")
    page.click("#invite-preview")
    expect(page.locator("h1")).to_contain_text("Undang 12 daerah")
    confirm(page)
    expect(page.locator('.column[data-state="invited"] .cardlet')).to_have_count(12)
    shot(page, "05-invited", screenshot_dir)
    invited = set(cohort.participations.values_list("region__code", flat=True))
    assert leader in invited

    # 7. the interview round over the invited, two assessors per region; the optimal assignment
    page.click("#interview-link")
    page.fill("#id_deadline", "2030-01-31")
    page.fill("#id_assessors_per_submission", "2")
    page.fill("#id_max_load", "12")
    page.click("#interview-create")
    expect(page.locator("#round-state")).to_be_visible()
    round_ = Round.objects.get(kind="readiness")
    page.click("#do-assign")
    expect(page.locator("#assignments tbody tr")).to_have_count(24)
    shot(page, "06-round-assigned", screenshot_dir)

    # 8. each assessor scores the interviews: the region team's region best, the others spread out
    others = sorted(invited - {leader})
    planned = {leader: 5, **{code: 1 + i % 4 for i, code in enumerate(others)}}
    for username in ASSESSORS:
        mine = login_as(browser, base, username)
        mine.on("dialog", lambda dialog: dialog.accept())
        mine.goto(base + "/penilaian/tugas/")
        expect(mine.locator("#inbox .open-assignment")).to_have_count(12)
        links = [a.get_attribute("href") for a in mine.locator("#inbox .open-assignment").all()]
        for n, href in enumerate(links):
            mine.goto(base + str(href))
            region = next(
                code
                for code in invited
                if cohort.participations.get(region__code=code).region.name
                == mine.locator("#region-name").inner_text()
            )
            for criterion in CRITERIA:
                mine.fill(f"#score-{criterion}", str(planned[region]))
            if n == 0 and username == ASSESSORS[0]:
                shot(mine, "07-scoring", screenshot_dir)
            mine.click("#submit-scores")
            expect(mine.locator("#assignment-state")).to_have_text("Dikirim")
        mine.context.close()

    # 9. close and publish the round (both confirmed), results computed in between
    page.goto(f"{base}/penilaian/putaran/{round_.pk}/")
    page.click("#do-close")
    confirm(page)
    expect(page.locator("#do-compute")).to_be_visible()
    page.click("#do-compute")
    page.click("#do-publish")
    confirm(page)
    round_.refresh_from_db()
    assert round_.state == "published"
    shot(page, "08-round-published", screenshot_dir)

    # 10. select 6 on the calibrated interview scores, at most one region per province (the form)
    page.goto(f"{base}/kohort/{cohort.pk}/seleksi/")
    page.select_option("#id_index_run", "")
    page.select_option("#id_round", str(round_.pk))
    page.select_option("#id_eligibility", "interviewed")
    page.select_option("#id_quotas-0-by", "province")
    page.fill("#id_quotas-0-max", "1")
    page.uncheck("#id_thresholds")
    shot(page, "09-selection-form", screenshot_dir)
    page.click("#selection-submit")
    expect(page).to_have_url(re.compile(r"/pekerjaan/\d+/$"))
    assert run_queued() == 1
    page.goto(f"{base}/kohort/{cohort.pk}/keputusan/")
    expect(page.locator('#decisions tbody tr[data-status="selected"]')).to_have_count(6)
    shot(page, "10-decisions", screenshot_dir)
    cohort.refresh_from_db()
    selected = [d["code"] for d in cohort.selection["decisions"] if d["status"] == "selected"]
    provinces = [code.split(".")[0] for code in selected]
    assert len(set(provinces)) == 6 and leader in selected
    assert cohort.selection["source"]["kind"] == "round"

    # 11. the region team sees its decision on its region's page
    team = login_as(browser, base, "tim-daerah")
    team.goto(f"{base}/wilayah/{leader}/")
    expect(team.locator(".state-selected")).to_contain_text("Terpilih")
    shot(team, "11-region-team", screenshot_dir)
    team.context.close()
    assert outside == []
