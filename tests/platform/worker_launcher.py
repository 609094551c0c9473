"""``kotacerdas worker`` for the reliability tests, with one hook: an armed job stops inside its transaction.

The test arms the hook by creating ``hang-armed`` in the data folder. The first import or uncertainty job
that reaches its audit record (the last write of its transaction) takes the file by renaming it to
``inside-job``, so exactly one worker wins, and sleeps there until it is killed. Every later job, the
retry included, runs to the end. Without the hook the kill would race the job: on a fast machine a
job could commit between the test seeing it midway and the kill.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def _hang_once(record: Any) -> Any:
    folder = Path(os.environ["KOTACERDAS_DATA_DIR"])

    def record_then_hang(**kwargs: Any) -> Any:
        event = record(**kwargs)
        try:
            (folder / "hang-armed").rename(folder / "inside-job")
        except FileNotFoundError:  # not armed, or another worker took it
            return event
        time.sleep(600)  # killed here, with the transaction open
        return event

    return record_then_hang


def main() -> int:
    from kotacerdas.cli import main as cli_main
    from kotacerdas.cli.webapp import setup

    setup()
    from kotacerdas.regions.domain import datasets, uncertainty_runs  # here: after django.setup()

    datasets.record = _hang_once(datasets.record)  # type: ignore[assignment]
    uncertainty_runs.record = _hang_once(uncertainty_runs.record)  # type: ignore[assignment]
    return cli_main(["worker", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
