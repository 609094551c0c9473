"""Each role logs in and sees the dashboard, map, ranking, a region page and (if allowed) the pipeline.

No request may leave the live server (all assets are local); screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.jobs.domain.runner import run, submit
from kotacerdas.regions.domain.boundaries import import_boundaries
from kotacerdas.regions.models import IndexScore
from tests.browser.session import USERNAMES, login, stay_local

pytestmark = pytest.mark.browser


def _square(x: float, y: float) -> list[list[float]]:
    return [[x, y], [x + 0.3, y], [x + 0.3, y + 0.3], [x, y + 0.3], [x, y]]


def _boundaries() -> None:
    features = [
        {
            "type": "Feature",
            "properties": {"code": code},
            "geometry": {"type": "Polygon", "coordinates": [_square(x, y)]},
        }
        for code, x, y in (("63.71", 114.5, -3.4), ("32.73", 107.5, -7.0))
    ]
    import_boundaries(
        actor=SYSTEM,
        file_name="test.geojson",
        content=json.dumps({"type": "FeatureCollection", "features": features}).encode(),
    )


@pytest.mark.parametrize("role", ["public", "secretariat", "assessor", "region_team"])
def test_role_tour(role, live_server, page: Page, world, screenshot_dir):
    _boundaries()
    base = live_server.url
    outside = stay_local(page, base)
    if role != "public":
        login(page, base, USERNAMES[role])
    page.goto(base + "/")
    expect(page.locator("h1")).to_have_text("Dasbor nasional")
    expect(page.locator('#by-stage td[data-state="guidance"]')).to_have_text("2")
    page.screenshot(path=str(screenshot_dir / f"{role}-dashboard.png"), full_page=True)

    page.goto(base + "/peta/?metric=score")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(2)
    page.screenshot(path=str(screenshot_dir / f"{role}-map.png"), full_page=True)

    page.goto(base + "/peringkat/")
    expect(page.locator("#ranking tbody tr")).to_have_count(2)
    expect(page.locator("#ranking tbody tr").first).to_contain_text("Kota Bandung")
    page.screenshot(path=str(screenshot_dir / f"{role}-ranking.png"), full_page=True)

    page.goto(base + "/wilayah/63.71/")
    expect(page.locator("#region-name")).to_have_text("Kota Banjarmasin")
    if role == "public":  # the world's masterplan is a draft (no participation): not public
        expect(page.locator("#programmes")).to_have_count(0)
    else:
        expect(page.locator("#programmes")).to_contain_text("Sungai Digital")
    page.screenshot(path=str(screenshot_dir / f"{role}-region.png"), full_page=True)

    response = page.goto(base + f"/kohort/{world.own.cohort_id}/")
    if role in ("secretariat", "assessor"):
        expect(page.locator("#cohort-name")).to_have_text("GM100 2024")
        expect(page.locator('.column[data-state="guidance"] .cardlet')).to_have_count(2)
        expect(page.locator("#bulk-apply")).to_have_count(1 if role == "secretariat" else 0)
        page.screenshot(path=str(screenshot_dir / f"{role}-pipeline.png"), full_page=True)
    elif role == "public":
        expect(page.locator("#login-submit")).to_be_visible()
    else:
        assert response is not None and response.status == 403
    assert outside == []


def test_secretariat_bulk_action_on_the_pipeline(live_server, page: Page, world, screenshot_dir):
    base = live_server.url
    login(page, base, USERNAMES["secretariat"])
    page.goto(base + f"/kohort/{world.own.cohort_id}/")
    page.check(f'input[name="participation"][value="{world.own.pk}"]')
    page.select_option("#bulk-to", "withdrawn")
    page.click("#bulk-apply")
    expect(page.locator("#confirm-title")).to_have_text("Pindahkan 1 daerah")
    page.click("#confirm-submit")  # the box is required: the browser keeps the page
    expect(page.locator("#confirm-title")).to_have_text("Pindahkan 1 daerah")
    page.check("#id_confirm")
    page.click("#confirm-submit")
    expect(page.locator('.column[data-state="withdrawn"] .cardlet')).to_have_text(["Kota Banjarmasin"])
    expect(page.locator('.column[data-state="guidance"] .cardlet')).to_have_text(["Kota Bandung"])
    page.screenshot(path=str(screenshot_dir / "secretariat-pipeline-after-bulk.png"), full_page=True)


def test_map_without_boundaries_draws_province_tiles(live_server, page: Page, world, screenshot_dir):
    outside = stay_local(page, live_server.url)
    page.goto(live_server.url + "/peta/")
    expect(page.locator("#tiles-note")).to_be_visible()
    expect(page.locator(".scatterlayer .point")).to_have_count(38)  # one tile per province
    page.screenshot(path=str(screenshot_dir / "public-map-tiles.png"), full_page=True)
    assert outside == []


def test_job_progress_updates_through_htmx(live_server, page: Page, users, world):
    job, _ = submit(
        actor=users["secretariat"],
        kind="test",
        function="dataset_import",
        arguments={},
        start=False,
    )
    login(page, live_server.url, USERNAMES["secretariat"])
    page.goto(live_server.url + f"/pekerjaan/{job.pk}/")
    expect(page.locator("#job-status")).to_have_text("Antre")
    run(job.pk)
    expect(page.locator("#job-status")).to_have_text("Gagal", timeout=5000)
    expect(page.locator("#job-error")).to_contain_text("missing")


def test_english_switch(live_server, page: Page, world):
    page.goto(live_server.url + "/")
    page.select_option('select[name="language"]', "en")
    expect(page.locator("h1")).to_have_text("National dashboard")


def test_map_hover_names_the_region_in_indonesian_and_click_opens_it(live_server, page: Page, world):
    _boundaries()
    outside = stay_local(page, live_server.url)
    page.goto(live_server.url + "/peta/?metric=score")
    banjarmasin = page.locator("#map path.leaflet-interactive").nth(1)  # features in code order
    banjarmasin.hover()
    score = IndexScore.objects.get(run=world.run, region__code="63.71").score
    expect(page.locator(".leaflet-tooltip")).to_have_text(f"Kota Banjarmasin — {score:.1f}".replace(".", ","))
    banjarmasin.click()
    expect(page.locator("#region-name")).to_have_text("Kota Banjarmasin")
    assert page.url.endswith("/wilayah/63.71/")
    assert outside == []


@pytest.mark.shared_data
@pytest.mark.parametrize("width", [1366, 390])
def test_map_of_all_514_regions_from_the_real_boundaries(
    live_server, page: Page, shared_data, width, screenshot_dir
):
    from kotacerdas.regions.domain.registry import sync_regions

    sync_regions()
    geojson = shared_data / "boundaries" / "kabupaten_kota.geojson"
    assert import_boundaries(actor=SYSTEM, file_name=geojson.name, content=geojson.read_bytes()) == 514
    page.set_viewport_size({"width": width, "height": 900})
    outside = stay_local(page, live_server.url)
    page.goto(live_server.url + "/peta/")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(514, timeout=30000)
    expect(page.locator("#map")).to_have_attribute("data-regions", "514")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshot_dir / f"public-map-514-{width}.png"), full_page=False)
    page.select_option('select[name="language"]', "en")
    expect(page.locator("h1")).to_have_text("Map")
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(514, timeout=30000)
    page.screenshot(path=str(screenshot_dir / f"public-map-514-{width}-en.png"), full_page=False)
    assert outside == []
