"""Ways back and ways in: branded error pages, both forms of a region code, the API's entry points."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import translation
from django.views.defaults import server_error

from kotacerdas.web.templatetags.kc_format import rupiah

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_branded_404_with_a_way_back(world):
    response = Client().get("/tidak-ada/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Halaman tidak ditemukan</h1>" in html
    assert 'href="/" id="back-home"' in html and 'id="nav-map"' in html  # the site layout, with its navigation
    english = Client(headers={"accept-language": "en"}).get("/tidak-ada/").content.decode()
    assert "<h1>Page not found</h1>" in english and "Back to the national dashboard" in english


def test_refusal_is_a_branded_403(world, client_for):
    response = client_for("region_team").get(f"/kohort/{world.own.cohort_id}/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "<h1>Akses ditolak</h1>" in html
    assert 'href="/wilayah/63.71/"' in html  # the region team's own page as the way back


def test_server_error_page_is_branded_and_needs_no_database(rf):
    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server" in html and 'href="/" id="back-home"' in html


def test_region_urls_accept_both_code_forms(world):
    client = Client()
    assert client.get("/wilayah/6371/")["Location"] == "/wilayah/63.71/"
    assert client.get("/wilayah/6371/").status_code == 301
    assert client.get("/wilayah/63.71/").status_code == 200
    assert client.get("/wilayah/99.99/").status_code == 404
    assert client.get("/wilayah/banjarmasin/").status_code == 404
    assert client.get("/api/regions/6371/").json()["name"] == "Kota Banjarmasin"
    assert client.get("/api/regions/63.71/").json()["name"] == "Kota Banjarmasin"


def test_api_root_lists_the_entry_points(world):
    links = Client().get("/api/").json()
    assert links["schema"] == "http://testserver/api/schema/"
    assert links["docs"] == "http://testserver/api/docs/"
    assert links["regions"] == "http://testserver/api/regions/"
    assert links["assessment-rounds"] == "http://testserver/api/assessment-rounds/"
    assert Client().get(links["regions"]).status_code == 200


def test_budgets_are_rupiah_in_the_readers_format(world, client_for):
    html = client_for("region_team").get("/wilayah/63.71/").content.decode()  # a draft: not public
    assert "APBD Rp 1.000</td>" in html  # not "APBD 1000"
    with translation.override("en"):
        assert rupiah(700_000_000) == "Rp 700,000,000"
    assert rupiah(None) == ""


CURRENT = re.compile(r'<a [^>]*aria-current="(page|true)"[^>]*>')


def _current(html: str) -> list[tuple[str, str, str]]:
    """(id, aria-current, class) of every link marked current in the page."""
    found = []
    for tag in CURRENT.finditer(html):
        ident = re.search(r'id="([^"]*)"', tag.group(0))
        classes = re.search(r'class="([^"]*)"', tag.group(0))
        found.append((ident.group(1) if ident else "", tag.group(1), classes.group(1) if classes else ""))
    return found


@pytest.mark.parametrize(
    ("role", "url", "link", "value"),
    [
        ("public", "/", "nav-dashboard", "page"),
        ("public", "/peta/", "nav-map", "page"),
        ("public", "/masuk/", "login-link", "page"),
        ("public", "/akun/sandi/lupa/", "login-link", "true"),
        ("secretariat", "/peringkat/", "nav-ranking", "page"),
        ("secretariat", "/pekerjaan/", "nav-jobs", "page"),
        ("secretariat", "/kohort/{cohort}/", "nav-pipeline", "true"),
        ("secretariat", "/kohort/{cohort}/seleksi/", "nav-pipeline", "true"),
        ("secretariat", "/akun/", "nav-users", "page"),
        ("secretariat", "/akun/baru/", "nav-users", "true"),
        ("secretariat", "/audit/", "nav-audit", "page"),
        ("secretariat", "/data/impor/", "nav-data", "true"),
        ("secretariat", "/penilaian/", "nav-assessment", "page"),
        ("secretariat", "/akun/saya/", "who", "page"),
        ("secretariat", "/notifikasi/", "nav-inbox-notifications", "page"),
        ("assessor", "/penilaian/tugas/", "nav-inbox", "page"),
        ("assessor", "/penilaian/", "nav-assessment", "page"),
        ("region_team", "/wilayah/63.71/", "nav-region", "page"),
        ("region_team", "/kemajuan/", "nav-progress", "page"),
    ],
)
def test_the_header_marks_the_page_shown_and_only_it(world, client_for, role, url, link, value):
    """One link carries aria-current (``page`` on its own page, ``true`` below it) and Bootstrap's active."""
    response = client_for(role).get(url.format(cohort=world.own.cohort_id))
    assert response.status_code == 200
    [(ident, current, classes)] = _current(response.content.decode())
    assert (ident, current) == (link, value)
    assert "active" in classes.split()
    others = re.findall(r'class="nav-link active"', response.content.decode())
    assert len(others) == (1 if "nav-link" in classes.split() else 0)


def test_no_link_is_current_on_a_page_outside_the_menu(world, client_for):
    """Another region's page is none of the menu's pages, not "Daerah saya"; nor is a missing page."""
    html = client_for("region_team").get("/wilayah/32.73/").content.decode()
    assert 'id="nav-region"' in html and _current(html) == []
    missing = Client().get("/tidak-ada/")
    assert missing.status_code == 404 and _current(missing.content.decode()) == []


def test_the_menu_is_a_disclosure_on_phones_in_both_languages(world):
    """A <details> "Menu" around the links (site.css hides its summary from 768 px on); the skip link first."""
    for language, label in (("id", "Menu utama"), ("en", "Main menu")):
        html = Client(headers={"accept-language": language}).get("/").content.decode()
        body = html[html.index("<body") :]
        assert body.index('class="skip-link') < body.index('<details class="kc-menu" id="kc-menu">')
        details = body[body.index("<details") : body.index("</details>")]
        assert '<summary class="btn btn-sm btn-outline-light">Menu</summary>' in details
        assert f'<nav aria-label="{label}"' in details and 'id="nav-map"' in details
