"""PostgreSQL: overlapping bulk transitions wait for each other instead of deadlocking (issue 10 §5)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.errors import StateError
from kotacerdas.programme.domain.participation import bulk_transition
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Participation
from tests.platform import factories as f

CODES = ["63.71", "32.73", "35.71", "15.71", "73.71", "34.71", "31.71", "12.71", "51.71", "64.72"]
THREADS = 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks (and deadlocks) exist on PostgreSQL only"
    ),
]


def test_twenty_overlapping_bulk_transitions_never_deadlock():
    cohort = f.cohort(2024)
    rows = [f.participation(code, state=State.INVITED, the_cohort=cohort) for code in CODES]
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def move(i: int) -> None:
        # overlapping windows of 4, every other one in reverse order: the classic lock-order cycle
        chosen = [rows[(i + k) % len(rows)] for k in range(4)]
        chosen = chosen[::-1] if i % 2 else chosen
        target = State.ASSESSED if i % 4 < 2 else State.WITHDRAWN
        try:
            start.wait()
            bulk_transition(actor=SYSTEM, participations=[Participation(pk=p.pk) for p in chosen], to=target)
            outcomes.append("moved")
        except StateError:
            outcomes.append("refused")  # another thread moved one of them first: a 409, not a 500
        except Exception as exc:
            outcomes.append(f"{type(exc).__name__}: {exc}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=move, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(set(outcomes) - {"moved", "refused"}) == []
    assert outcomes.count("moved") >= 1
