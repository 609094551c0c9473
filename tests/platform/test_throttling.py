"""Issue 10 §5: login lockout (django-axes) and throttled API tokens."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.test import Client
from rest_framework.test import APIClient

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.users import issue_token

pytestmark = pytest.mark.django_db
RIGHT = "pw-for-tests-123"


def _login(client: Client, password: str):  # type: ignore[no-untyped-def]
    return client.post("/masuk/", {"username": "sekretariat", "password": password})


def test_five_wrong_passwords_lock_out_even_the_right_one_until_cooled_off(users, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "salah-terus").status_code == 200  # the form again, with its error
    locked = _login(client, "salah-terus")
    assert locked.status_code == 429
    refused = _login(client, RIGHT)
    assert refused.status_code == 429
    assert "Terlalu banyak percobaan masuk" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # the cool-off passes
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME)
    accepted = _login(client, RIGHT)
    assert (accepted.status_code, accepted["Location"]) == (302, "/")


def test_lockout_is_per_user_name(users, settings):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "salah-terus")
    other = client.post("/masuk/", {"username": "asesor", "password": RIGHT})
    assert other.status_code == 302


def test_bad_tokens_are_throttled_then_even_a_good_token_waits(users, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "bad_token": "5/min"},
    }
    good = issue_token(actor=SYSTEM, user=users["secretariat"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000")
    codes = [client.get("/api/jobs/").status_code for _ in range(7)]
    assert codes == [401] * 5 + [429] * 2
    body = client.get("/api/jobs/").json()
    assert body["code"] == "throttled" and list(body) == ["code", "message", "file", "row", "column", "hint"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {good}")
    response = client.get("/api/jobs/")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    other_address = APIClient(REMOTE_ADDR="10.0.0.9")
    other_address.credentials(HTTP_AUTHORIZATION=f"Token {good}")
    assert other_address.get("/api/jobs/").status_code == 200


def test_anonymous_api_requests_are_rate_limited(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "3/min"},
    }
    client = APIClient()
    assert [client.get("/api/regions/").status_code for _ in range(4)] == [200, 200, 200, 429]
