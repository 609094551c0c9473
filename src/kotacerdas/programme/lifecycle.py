"""The participation state machine, written down in one place (see docs/platform.md).

A participation is one region in one cohort. The main line is

    invited → assessed → selected → mou_signed → guidance → commitment_signed → books_submitted
            → presented → awarded

with exits ``not_selected`` (after assessment), ``withdrawn`` (the region leaves), ``cancelled`` (the
programme cancels it) and ``substituted`` (another region takes the slot in the same cohort). A region
re-selected in a later cohort gets a new participation that points to the earlier one. Guidance stages
(bimtek 1–4), the council and team, books and the legalised masterplan are recorded facts; the guards
below say which facts a transition needs.
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    INVITED = "invited", _("Diundang")
    ASSESSED = "assessed", _("Dinilai")
    SELECTED = "selected", _("Terpilih")
    NOT_SELECTED = "not_selected", _("Tidak terpilih")
    MOU_SIGNED = "mou_signed", _("MoU ditandatangani")
    GUIDANCE = "guidance", _("Bimbingan teknis")
    COMMITMENT_SIGNED = "commitment_signed", _("Komitmen ditandatangani")
    BOOKS_SUBMITTED = "books_submitted", _("Buku 1–4 diserahkan")
    PRESENTED = "presented", _("Dipresentasikan")
    AWARDED = "awarded", _("Penghargaan")
    WITHDRAWN = "withdrawn", _("Mengundurkan diri")
    CANCELLED = "cancelled", _("Dibatalkan")
    SUBSTITUTED = "substituted", _("Digantikan")


S = State
EXITS = frozenset({S.WITHDRAWN, S.CANCELLED})
TERMINAL = frozenset({S.NOT_SELECTED, S.AWARDED, S.WITHDRAWN, S.CANCELLED, S.SUBSTITUTED})
MAIN_LINE: tuple[State, ...] = (
    S.INVITED,
    S.ASSESSED,
    S.SELECTED,
    S.MOU_SIGNED,
    S.GUIDANCE,
    S.COMMITMENT_SIGNED,
    S.BOOKS_SUBMITTED,
    S.PRESENTED,
    S.AWARDED,
)
#: the states a participation may start in (historical cohorts are recorded from selection on)
INITIAL = frozenset({S.INVITED, S.SELECTED})

TRANSITIONS: dict[State, frozenset[State]] = {
    S.INVITED: frozenset({S.ASSESSED, S.WITHDRAWN}),
    S.ASSESSED: frozenset({S.SELECTED, S.NOT_SELECTED, S.WITHDRAWN}),
    S.SELECTED: frozenset({S.MOU_SIGNED, S.SUBSTITUTED}) | EXITS,
    S.MOU_SIGNED: frozenset({S.GUIDANCE, S.SUBSTITUTED}) | EXITS,
    S.GUIDANCE: frozenset({S.COMMITMENT_SIGNED}) | EXITS,
    S.COMMITMENT_SIGNED: frozenset({S.BOOKS_SUBMITTED}) | EXITS,
    S.BOOKS_SUBMITTED: frozenset({S.PRESENTED}) | EXITS,
    S.PRESENTED: frozenset({S.AWARDED}),
    S.NOT_SELECTED: frozenset(),
    S.AWARDED: frozenset(),
    S.WITHDRAWN: frozenset(),
    S.CANCELLED: frozenset(),
    S.SUBSTITUTED: frozenset(),
}

#: facts a state needs before a participation may enter it (checked in domain.participation)
REQUIREMENTS: dict[State, str | Promise] = {  # what entering the state needs
    S.GUIDANCE: _("bimtek 1 tercatat"),
    S.COMMITMENT_SIGNED: _("bimtek 4 tercatat, Dewan Smart City dan Tim Pelaksana terbentuk"),
    S.BOOKS_SUBMITTED: _("Buku 1, 2, 3 dan 4 terunggah"),
}


def allowed(source: State | str, target: State | str) -> bool:
    """Whether the state machine has an edge ``source → target``."""
    return State(target) in TRANSITIONS[State(source)]


def progress(state: State | str) -> int:
    """Position on the main line (0–8); exits count where the main line stopped is unknown, so −1."""
    s = State(state)
    return MAIN_LINE.index(s) if s in MAIN_LINE else -1


def next_states(state: State | str) -> list[State]:
    """The states a person may move a participation to from ``state`` (in lifecycle order).

    ``substituted`` is left out: a substitution names the region that takes the slot, so it has its
    own service (:func:`kotacerdas.programme.domain.participation.substitute`).
    """
    edges = TRANSITIONS[State(state)]
    return [s for s in State if s in edges and s != S.SUBSTITUTED]
