"""The public page cache (kotacerdas.web.page_cache): anonymous hits, per-visitor CSRF tokens, and
invalidation by any committed public change."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.regions.domain.publication import publish_dataset, publish_index_run
from kotacerdas.regions.models import Region
from kotacerdas.web.page_cache import generation

# Real commits (no test transaction): the cache is invalidated on commit, as in production.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.page_cache]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ANY_TOKEN = re.compile(r"\b[A-Za-z0-9]{64}\b")


def test_an_anonymous_public_page_is_served_from_the_cache_the_second_time(index_run):
    first = Client().get("/peringkat/")
    second = Client().get("/peringkat/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in first
    assert second["X-Page-Cache"] == "hit"
    tokens = set(ANY_TOKEN.findall(first.content.decode())) | set(ANY_TOKEN.findall(second.content.decode()))
    assert len(tokens) == 2  # one per visitor, each used by the language form and htmx
    assert ANY_TOKEN.sub("", second.content.decode()) == ANY_TOKEN.sub("", first.content.decode())


@pytest.mark.parametrize("path", ["/", "/peta/", "/wilayah/6371/", "/kemajuan/", "/api/", "/api/progress/"])
def test_every_public_page_is_cached(index_run, path):
    Client().get(path, follow=True)
    assert Client().get(path, follow=True)["X-Page-Cache"] == "hit"


def test_each_language_has_its_own_page(index_run):
    Client().get("/peringkat/")
    english = Client(headers={"accept-language": "en"}).get("/peringkat/")
    assert "X-Page-Cache" not in english
    assert english["Content-Language"] == "en"


def test_a_logged_in_user_and_an_api_token_never_get_a_cached_page(index_run, users):
    Client().get("/peringkat/")
    Client().get("/api/regions/")
    secretariat = Client()
    secretariat.force_login(users["secretariat"])
    assert "X-Page-Cache" not in secretariat.get("/peringkat/")
    assert "X-Page-Cache" not in Client().get("/api/regions/", headers={"authorization": "Token nope"})
    assert Client().get("/api/regions/")["X-Page-Cache"] == "hit"


def test_each_visitor_gets_a_working_csrf_token_of_their_own(index_run):
    Client().get("/peringkat/")  # stored with the first visitor's token
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/peringkat/")
    assert page["X-Page-Cache"] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)  # type: ignore[union-attr]
    assert b"kc-csrf" not in page.content
    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token})
    assert switched.status_code == 302  # 403 if the token were another visitor's


def test_htmx_fragments_and_other_methods_are_not_cached(index_run):
    Client().get("/peringkat/")
    assert "X-Page-Cache" not in Client().get("/peringkat/", headers={"hx-request": "true"})
    assert "X-Page-Cache" not in Client().head("/wilayah/63.71/")
    assert Client().head("/wilayah/63.71/")["X-Page-Cache"] == "hit"


def test_a_committed_publication_changes_the_public_page_at_once(index_run):
    assert "id=\"strengths\"" not in Client().get("/wilayah/63.71/").content.decode()  # dataset a draft
    publish_dataset(actor=SYSTEM, dataset=index_run.dataset)
    assert "id=\"strengths\"" in Client().get("/wilayah/63.71/").content.decode()
    assert Client().get("/wilayah/63.71/")["X-Page-Cache"] == "hit"
    before = generation()
    publish_index_run(actor=SYSTEM, run=index_run, published=False)
    assert generation() > before
    fresh = Client().get("/wilayah/63.71/")
    assert "X-Page-Cache" not in fresh
    assert "id=\"strengths\"" not in fresh.content.decode()


def test_one_transaction_of_many_writes_moves_the_generation_once(index_run):
    before = generation()
    with transaction.atomic():
        for region in Region.objects.all()[:50]:
            region.save()
        assert generation() == before  # not before the commit: readers would cache the old rows again
    assert generation() == before + 1


def test_a_rolled_back_transaction_leaves_the_generation(index_run):
    before = generation()
    with pytest.raises(RuntimeError), transaction.atomic():
        Region.objects.first().save()  # type: ignore[union-attr]
        raise RuntimeError
    assert generation() == before
    Region.objects.first().save()  # type: ignore[union-attr]
    assert generation() == before + 1  # autocommit: at once


def test_the_cache_can_be_turned_off(index_run, settings):
    settings.KOTACERDAS_PAGE_CACHE = False
    Client().get("/peringkat/")
    assert "X-Page-Cache" not in Client().get("/peringkat/")
