"""The job worker as a child of ``kotacerdas serve``/``demo``: started with it, restarted, stopped with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from types import TracebackType

import click

#: seconds the running job gets to finish when the server stops, before it is stopped (and failed)
STOP_GRACE = 10.0


class WorkerProcess:
    """Runs ``kotacerdas worker`` beside the web server; a worker that dies is started again."""

    def __init__(self) -> None:
        self.argv = [sys.executable, "-m", "kotacerdas.cli", "worker", "--exit-with-parent", str(os.getpid())]
        self.process: subprocess.Popen[bytes] | None = None
        self._stop = threading.Event()
        self._watch = threading.Thread(target=self._supervise, name="kotacerdas-worker-watch", daemon=True)

    def __enter__(self) -> WorkerProcess:
        self._start()
        self._watch.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _start(self) -> None:
        # its own session: Ctrl+C in the terminal reaches the server only, which then stops the worker
        self.process = subprocess.Popen(self.argv, start_new_session=True)

    def _supervise(self) -> None:
        while not self._stop.wait(1.0):
            if self.process is not None and self.process.poll() is not None:
                click.echo(f"job worker exited (code {self.process.returncode}); starting it again", err=True)
                self._start()

    def stop(self, grace: float = STOP_GRACE) -> None:
        """Ask the worker to stop after its running job; stop that job after ``grace`` seconds."""
        self._stop.set()
        if self._watch.is_alive():
            self._watch.join()
        process = self.process
        if process is None or process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGTERM, 5.0), (signal.SIGKILL, None)):
            process.send_signal(sig)
            try:
                process.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue
