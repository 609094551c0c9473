"""Helpers shared by the scripts that run the platform on this machine (api-fuzz.py, screenshots.py)."""

from __future__ import annotations

import socket
import time
import urllib.request


def listening_socket() -> socket.socket:
    """A socket listening on a TCP port of 127.0.0.1 the system picked, for a throw-away server to inherit
    (``--addr fd://N``, ``pass_fds``): a port picked, closed and bound again by the server could be taken by
    another process in between. Close it once the server has started."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    sock.set_inheritable(True)
    return sock


def wait_for(url: str, seconds: float) -> None:
    """Return once ``url`` answers; stop the script with a sentence if it does not within ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"the server did not answer at {url} within {seconds:.0f} s")
