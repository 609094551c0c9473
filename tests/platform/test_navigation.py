"""Ways back and ways in: branded error pages, both forms of a region code, the API's entry points."""

from __future__ import annotations

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
