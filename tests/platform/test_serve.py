"""``kotacerdas serve``: gunicorn worker processes answer pages and static files (WhiteNoise)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request


def _listening_socket() -> socket.socket:
    """A socket already listening on a port the system picked, for the server to inherit (``fd://``): a
    port chosen, closed and bound again by the server could be taken by another process in between."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.set_inheritable(True)
    return sock


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_serve_runs_worker_processes_with_static_files(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("KOTACERDAS_DATABASE_URL", "DATABASE_URL")}
    env["KOTACERDAS_DATA_DIR"] = str(tmp_path)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    listening = _listening_socket()
    base = f"http://127.0.0.1:{listening.getsockname()[1]}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kotacerdas.cli",
            "serve",
            "--addr",
            f"fd://{listening.fileno()}",
            "--workers",
            "2",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        pass_fds=(listening.fileno(),),
    )
    listening.close()  # the server holds it now
    try:
        deadline = time.monotonic() + 120
        status = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status, page = _get(base + "/")
                break
            except OSError:
                time.sleep(0.5)
        assert status == 200
        assert "Kota Cerdas" in page.decode()
        status, script = _get(base + "/static/vendor/plotly.min.js")
        assert status == 200
        assert len(script) > 1_000_000
        assert _get(base + "/api/regions/")[0] == 200
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "2 worker processes (gunicorn)" in output
    assert "Traceback" not in output


def test_a_gunicorn_worker_keeps_its_database_connection_across_requests(
    tmp_path, monkeypatch, django_db_blocker
):
    """``keep_connections`` (gunicorn's ``post_worker_init``): the end of a request no longer closes it."""
    from django.db import connections  # here: an alias of its own, outside the test database

    from kotacerdas.cli.server import keep_connections
    from kotacerdas.config.environment import SQLITE_OPTIONS

    alias = "kept"
    connections.settings[alias] = {
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(tmp_path / "kept.sqlite3"),
        "OPTIONS": SQLITE_OPTIONS,
    }
    for name in connections:  # keep_connections changes every alias: put them back afterwards
        for key in ("CONN_MAX_AGE", "CONN_HEALTH_CHECKS"):
            monkeypatch.setitem(connections[name].settings_dict, key, connections[name].settings_dict[key])
    kept = connections[alias]

    def request() -> object:
        with kept.cursor() as cursor:
            cursor.execute("SELECT 1")
        raw = kept.connection
        kept.close_if_unusable_or_obsolete()  # what Django does at the end of every request
        return raw

    try:
        with django_db_blocker.unblock():
            request()
            assert kept.connection is None  # Django's default: one connection per request
            keep_connections()
            first = request()
            assert kept.connection is first and request() is first
    finally:
        kept.close()
        del connections[alias]
        del connections.settings[alias]
