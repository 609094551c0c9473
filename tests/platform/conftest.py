"""Fixtures of the platform tests: users per role and a small world of programme data."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from kotacerdas.accounts.enums import Role
from kotacerdas.accounts.models import User
from tests.platform import factories as f

ROLES = ("public", "secretariat", "assessor", "region_team")


@pytest.fixture
def users(db: None) -> dict[str, User]:
    return {
        "secretariat": f.user(Role.SECRETARIAT, "sekretariat"),
        "assessor": f.user(Role.ASSESSOR, "asesor"),
        "region_team": f.user(Role.REGION_TEAM, "tim-banjarmasin", "63.71"),
    }


@pytest.fixture
def client_for(users: dict[str, User]):  # type: ignore[no-untyped-def]
    """``client_for(role)``: a test client logged in as that role (``public`` is anonymous)."""

    def make(role: str) -> Client:
        client = Client()
        if role != "public":
            client.force_login(users[role])
        return client

    return make
