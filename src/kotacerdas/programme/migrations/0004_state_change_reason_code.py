"""State changes keep the platform's own reasons as a code and parameters (shown in the reader's language).

Older rows whose reason is one of the platform's fixed English sentences (or a note of the packaged
2017–2019 facts) get their code and parameters; the text stays as it was. Reasons a person typed are left alone.
"""

import csv
import io
import re
from collections.abc import Callable
from importlib import resources
from typing import Any

from django.db import migrations, models

_INVITED = re.compile(
    r"^(?:top (?P<n>\d+)|score ≥ (?P<threshold>\S+)|(?P<list>hand-picked)|(?P<csv>uploaded list)) of (?P<run>.+): "
    r"rank (?P<rank>\d+), score (?P<score>\S+?)(?: — (?P<note>.*))?$",
    re.S,
)
_FIXED: tuple[tuple[re.Pattern[str], str, Callable[[re.Match[str]], dict[str, Any]]], ...] = (
    (re.compile(r"^selection run$"), "selection_run", lambda m: {}),
    (re.compile(r"^bimtek 1 started$"), "bimtek_started", lambda m: {"stage": 1}),
    (re.compile(r"^substitutes (?P<region>.+)$", re.S), "substitutes", lambda m: {"region": m["region"]}),
    (re.compile(r"^slot taken by (?P<region>.+)$", re.S), "slot_taken", lambda m: {"region": m["region"]}),
    (
        re.compile(r"^re-selected after (?P<cohort>.+)$", re.S),
        "reselected",
        lambda m: {"cohort": m["cohort"]},
    ),
    (
        re.compile(r"^daftar resmi (?P<year>\d{4}): (?P<url>\S+)$"),
        "official_list",
        lambda m: {"year": m["year"], "url": m["url"]},
    ),
)


def _number(text: str) -> int | float | str:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


def _historical_notes() -> dict[str, str]:
    """English note → Indonesian note, from the packaged 2017–2019 facts."""
    text = (
        resources.files("kotacerdas.programme.data").joinpath("gerakan100_2017_2019.csv").read_text("utf-8")
    )
    return {
        r["note"]: r["note_id"] for r in csv.DictReader(io.StringIO(text)) if r["note"] and r.get("note_id")
    }


def _code(reason: str, notes: dict[str, str] | None = None) -> tuple[str, dict[str, Any]]:
    if notes and reason in notes:
        return "historical_note", {"id": notes[reason], "en": reason}
    m = _INVITED.match(reason)
    if m:
        method = next(k for k in ("n", "threshold", "list", "csv") if m[k])
        params: dict[str, Any] = {
            "method": {"n": "top"}.get(method, method),
            "run": m["run"],
            "rank": int(m["rank"]),
            "score": _number(m["score"]),
        }
        if method in ("n", "threshold"):
            params[method] = _number(m[method])
        if m["note"]:
            params["note"] = m["note"]
        return "invited", params
    for pattern, code, make in _FIXED:
        found = pattern.match(reason)
        if found:
            return code, make(found)
    return "", {}


def forwards(apps: Any, schema_editor: Any) -> None:
    StateChange = apps.get_model("programme", "StateChange")
    notes = _historical_notes()
    for change in StateChange.objects.exclude(reason="").filter(reason_code="").iterator():
        code, params = _code(change.reason, notes)
        if code:
            StateChange.objects.filter(pk=change.pk).update(reason_code=code, reason_params=params)


class Migration(migrations.Migration):
    dependencies = [
        ("programme", "0003_cohort_phases"),
    ]

    operations = [
        migrations.AddField(
            model_name="statechange",
            name="reason_code",
            field=models.CharField(blank=True, max_length=40),
        ),
        migrations.AddField(
            model_name="statechange",
            name="reason_params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
