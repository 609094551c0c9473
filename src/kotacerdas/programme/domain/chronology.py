"""Date order of a participation's history: every step is dated on or after the steps before it.

The state machine (:mod:`kotacerdas.programme.lifecycle`) orders the states; this module orders their
dates, so a presentation cannot predate the MoU, a substitution its selection, or bimtek 1 the MoU.
The dated steps are the state changes and the bimtek starts.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from kotacerdas.errors import StateError
from kotacerdas.programme.lifecycle import State
from kotacerdas.programme.models import Participation


def latest_step(p: Participation) -> tuple[dt.date, str] | None:
    """The latest dated step of ``p`` as (date, what it was), or None for an empty history."""
    steps: list[tuple[dt.date, str]] = []
    change = p.changes.order_by("-on", "-id").first()
    if change is not None:
        steps.append((change.on, str(State(change.target).label)))
    bimtek = p.bimteks.order_by("-start").first()
    if bimtek is not None:
        steps.append((bimtek.start, _("bimtek %(stage)s") % {"stage": bimtek.stage}))
    return max(steps, key=lambda step: step[0]) if steps else None


def check_date_order(p: Participation, on: dt.date, what: str) -> None:
    """Refuse ``what`` dated ``on`` if ``p`` already has a later step: dates follow the lifecycle."""
    latest = latest_step(p)
    if latest is not None and on < latest[0]:
        raise StateError(
            _("%(region)s: %(what)s bertanggal %(on)s, lebih awal dari %(step)s pada %(date)s")
            % {
                "region": p.region.name,
                "what": what,
                "on": date_format(on),
                "step": latest[1],
                "date": date_format(latest[0]),
            },
            hint=_("setiap langkah bertanggal sama dengan atau sesudah langkah sebelumnya"),
            code="date_before_previous_step",
        )
