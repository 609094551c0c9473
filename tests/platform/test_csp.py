"""Content-Security-Policy: the header is sent, and no page needs an inline script."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kotacerdas.web.charts import bar

pytestmark = pytest.mark.django_db
TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "kotacerdas"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def _policy(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


@pytest.mark.parametrize("path", ["/", "/peta/", "/masuk/", "/api/docs/", "/api/regions/"])
def test_every_response_carries_a_strict_script_policy(path, world, client_for):
    response = client_for("public").get(path)
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_pages_have_no_inline_scripts_or_event_handlers(world, client_for):
    for path in ["/", "/peta/", "/peta/?metric=score", "/peringkat/", "/masuk/", "/api/docs/"]:
        html = client_for("secretariat").get(path).content.decode()
        assert INLINE_SCRIPT.findall(html) == [], path
        assert HANDLER.findall(html) == [], path


def test_templates_have_no_inline_scripts_or_event_handlers():
    for template in TEMPLATES.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        assert INLINE_SCRIPT.findall(text) == [], template
        assert HANDLER.findall(text) == [], template


def test_swagger_start_up_script_is_a_file(client):
    html = client.get("/api/docs/").content.decode()
    script = re.search(r'<script src="([^"]*\?script[^"]*)"', html)
    assert script is not None
    assert client.get(script.group(1).replace("&amp;", "&")).status_code == 200


def test_chart_spec_is_inert_json_that_cannot_close_its_script():
    html = str(bar(["</script><script>alert(1)</script>"], [1.0], "t", "chart-x"))
    assert html.count("</script>") == 1
    spec = re.search(r'<script type="application/json"[^>]*>(.*)</script>', html, re.S)
    assert spec is not None
    assert json.loads(spec.group(1))["data"][0]["y"] == ["</script><script>alert(1)</script>"]
