"""The audit page names each action in the reader's language, with its code under it; the filter lists the
actions by name and the CSV keeps the codes.

Every action the platform records has a name: the codes are read from the source (each ``record(action=…)``
call: a literal, both branches of a conditional, a variable set from literals, or an f-string whose known
values are listed below), so a new action without a name fails here.
"""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path

import pytest
from django.utils import translation

import kotacerdas
from kotacerdas.accounts.audit_actions import NAMES, action_choices, action_name
from kotacerdas.accounts.domain.actors import SYSTEM
from kotacerdas.accounts.domain.audit import record
from kotacerdas.monitoring.framework import QuickWinStatus
from kotacerdas.programme.lifecycle import INITIAL, TRANSITIONS

SRC = Path(kotacerdas.__file__).parent
#: the codes an f-string ``action=`` builds, by its pattern (``{}`` for each placeholder)
BUILT: dict[str, set[str]] = {
    # domain.participation._move: every state a participation can move into
    "participation.{}": {f"participation.{s.value}" for targets in TRANSITIONS.values() for s in targets},
    # domain.participation.enrol: the states a participation starts in
    "participation.enrol.{}": {f"participation.enrol.{s.value}" for s in INITIAL},
    # domain.masterplans.set_quick_win_status: every status
    "quick_win.{}": {f"quick_win.{s}" for s in QuickWinStatus.values},
    # assessment.domain.completeness.require_complete: called to close and to publish a round
    "round.{}.override": {"round.close.override", "round.publish.override"},
}


def _literals(node: ast.expr, assigned: dict[str, list[ast.expr]]) -> list[str] | None:
    """The codes ``node`` may be: a literal, a conditional's branches, a local variable's assigned values;
    ``None`` for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _literals(node.body, assigned), _literals(node.orelse, assigned)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Name) and node.id in assigned:
        found = [_literals(value, {}) for value in assigned[node.id]]
        return None if any(f is None for f in found) else [c for f in found for c in f or []]
    return None


def _pattern(node: ast.JoinedStr) -> str:
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)  # type: ignore[misc]


def recorded_actions() -> tuple[set[str], int, list[str]]:
    """The action codes recorded in the source, the number of ``record(action=…)`` calls, and the calls
    whose code could not be read (``path:line``)."""
    codes: set[str] = set()
    calls, unread = 0, []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            assigned: dict[str, list[ast.expr]] = {}
            for node in ast.walk(function):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            assigned.setdefault(target.id, []).append(node.value)
            for node in ast.walk(function):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "record"
                ):
                    continue
                action = next((k.value for k in node.keywords if k.arg == "action"), None)
                if action is None:
                    continue
                calls += 1
                where = f"{path.relative_to(SRC)}:{node.lineno}"
                if isinstance(action, ast.JoinedStr):
                    pattern = _pattern(action)
                    if pattern in BUILT:
                        codes |= BUILT[pattern]
                    else:
                        unread.append(f"{where} {pattern}")
                    continue
                literal = _literals(action, assigned)
                if literal is None:
                    unread.append(where)
                else:
                    codes.update(literal)
    return codes, calls, unread


def test_every_recorded_action_has_a_name_and_every_name_is_recorded():
    codes, calls, unread = recorded_actions()
    assert calls >= 60  # the reader found the services' record() calls
    assert unread == [], "an action code the test cannot read: list an f-string's values in BUILT"
    assert sorted(codes - set(NAMES)) == [], "name these actions in kotacerdas.accounts.audit_actions"
    assert sorted(set(NAMES) - codes) == [], "named actions that nothing records"
    for pattern, built in BUILT.items():
        regex = re.compile(re.escape(pattern).replace(r"\{\}", "[a-z_]+") + "$")
        assert built and all(regex.match(code) for code in built), pattern


def test_a_name_reads_in_each_language_and_an_unknown_action_as_its_code():
    assert action_name("score.submit") == "Nilai dikirim"
    assert action_name("round.publish") == "Putaran diterbitkan"
    with translation.override("en"):
        assert action_name("score.submit") == "Scores submitted"
        assert action_name("round.publish") == "Round published"
        assert action_choices(["score.submit", "conflict.declare", "demo.old"]) == [
            ("conflict.declare", "Conflict of interest declared"),
            ("demo.old", "demo.old"),
            ("score.submit", "Scores submitted"),
        ]
        english = {str(name) for name in NAMES.values()}
    assert action_name("demo.old") == "demo.old"
    assert len(english) == len(NAMES)  # two actions never read alike
    assert len({str(name) for name in NAMES.values()}) == len(NAMES)


@pytest.mark.django_db
def test_the_page_names_the_action_keeps_the_code_and_filters_by_it(users, client_for):
    submitted = record(
        actor=users["secretariat"], action="score.submit", target=users["assessor"], summary="a"
    )
    record(actor=SYSTEM, action="demo.old", target=users["assessor"], summary="b")
    client = client_for("secretariat")
    page = client.get("/audit/").content.decode()
    assert (
        '<td data-action="score.submit">Nilai dikirim<br><small class="muted"><code>score.submit</code></small></td>'
        in page
    )
    assert '<td data-action="demo.old"><code>demo.old</code></td>' in page  # no name: the code itself
    assert '<option value="score.submit">Nilai dikirim</option>' in page
    assert '<option value="demo.old">demo.old</option>' in page
    english = client.get("/audit/", {"action": "score.submit"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Scores submitted<br>" in english and "Nilai dikirim" not in english
    assert '<option value="score.submit" selected>Scores submitted</option>' in english
    assert 'data-action="demo.old"' not in english and 'data-action="user.create"' not in english
    assert client.get("/audit/", {"action": "no.such"}).status_code == 400  # not one of the choices
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(
                    "/audit/csv/", {"action": "score.submit"}, HTTP_ACCEPT_LANGUAGE="en"
                ).content.decode()
            )
        )
    )
    assert [(r["Action"], r["Object ID"]) for r in rows] == [("score.submit", submitted.target_id)]
