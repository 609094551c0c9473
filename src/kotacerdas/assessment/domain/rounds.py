"""Creating rounds with their submissions, closing and publishing them (after a completeness check)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.domain.actors import stored_user
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.assessment.domain.completeness import require_complete
from kotacerdas.assessment.domain.guards import locked, require_secretariat, require_state
from kotacerdas.assessment.domain.moderation import flag_disagreements
from kotacerdas.assessment.domain.notices import notify_round_published
from kotacerdas.assessment.domain.rubrics import store_rubric
from kotacerdas.assessment.enums import ReviewState, RoundKind, RoundState
from kotacerdas.assessment.models import Round, RubricVersion, Submission
from kotacerdas.errors import InputError, Location, StateError
from kotacerdas.io.rubric_files import load_rubric
from kotacerdas.programme.lifecycle import EXITS, State
from kotacerdas.programme.models import Cohort, Participation

#: participations that left the programme (or never entered it) are not assessed
LEFT = frozenset(EXITS | {State.SUBSTITUTED, State.NOT_SELECTED})


def assessable_cohorts() -> QuerySet[Cohort]:
    """The cohorts a new round can assess: those with at least one participation still in the programme."""
    still_in = Participation.objects.exclude(state__in=LEFT).values("cohort_id")
    return Cohort.objects.filter(pk__in=still_in).order_by("-year", "-id")


def cohort_participations(*, cohort: Cohort, codes: Sequence[str] = ()) -> list[Participation]:
    """The participations of ``cohort`` to assess: those still in the programme, or exactly ``codes``.

    A listed code outside the cohort is refused here; a listed region that left the programme is
    refused by :func:`create_round`, with the same words whichever adapter asked.
    """
    people = cohort.participations.select_related("region", "cohort").order_by("region__code")
    if not codes:
        return [p for p in people if p.state not in LEFT]
    chosen = [p for p in people if p.region.code in codes]
    unknown = sorted(set(codes) - {p.region.code for p in chosen})
    if unknown:
        raise InputError(
            _("daerah: %(codes)s tidak ada di %(cohort)s")
            % {"codes": ", ".join(unknown), "cohort": cohort.name},
            hint=_("kosongkan isian itu untuk seluruh kohort"),
            code="not_in_cohort",
        )
    return chosen


def _require_assessable(people: Sequence[Participation]) -> None:
    """Refuse participations that left the programme (withdrawn, cancelled, substituted, not selected)."""
    left = [p for p in people if p.state in LEFT]
    if left:
        names = ", ".join(f"{p.region.code} {p.region.name} ({p.get_state_display()})" for p in left[:5])
        raise InputError(
            _("keikutsertaan: %(names)s sudah keluar dari program dan tidak dapat dinilai")
            % {"names": names},
            location=Location(column="participations"),
            hint=_("pilih keikutsertaan yang masih dalam program"),
            code="left_programme",
        )


@transaction.atomic
def create_round(
    *,
    actor: Any,
    name: str,
    kind: str,
    rubric: RubricVersion,
    participations: Iterable[Participation],
    deadline: dt.date,
    assessors_per_submission: int = 3,
    min_load: int = 0,
    max_load: int = 10,
    objective: str = "total",
    disagreement_threshold: float = 1.0,
    seed: int = 0,
    schedule: Sequence[dict[str, Any]] = (),
) -> Round:
    """A new round in draft with one submission per participation still in the programme."""
    require_secretariat(actor, "create rounds")
    if not name.strip():
        raise InputError(
            _("nama: putaran memerlukan nama"), hint=_("mis. Evaluasi tahunan 2025"), code="name_required"
        )
    if kind not in RoundKind.values:
        raise InputError(
            _("jenis putaran %(kind)r tidak dikenal") % {"kind": kind},
            hint=_("salah satu dari %(allowed)s") % {"allowed": ", ".join(RoundKind.values)},
            code="unknown_round_kind",
        )
    if objective not in ("total", "fair"):
        raise InputError(
            _("tujuan %(objective)r tidak dikenal") % {"objective": objective},
            hint=_("total atau fair"),
            code="unknown_objective",
        )
    if min_load > max_load:
        raise InputError(
            _("beban minimum %(low)s di atas beban maksimum %(high)s") % {"low": min_load, "high": max_load},
            code="load_bounds",
        )
    if Round.objects.filter(name=name).exists():
        raise InputError(_("putaran bernama %(name)r sudah ada") % {"name": name}, code="round_exists")
    round_ = Round.objects.create(
        name=name,
        kind=kind,
        rubric=rubric,
        deadline=deadline,
        assessors_per_submission=assessors_per_submission,
        min_load=min_load,
        max_load=max_load,
        objective=objective,
        disagreement_threshold=disagreement_threshold,
        seed=seed,
        schedule=list(schedule),
        created_by=stored_user(actor),
    )
    people = list(participations)
    if not people:
        raise InputError(_("putaran memerlukan sedikitnya satu daerah peserta"), code="no_participants")
    _require_assessable(people)
    for p in people:
        submission = Submission.objects.create(round=round_, participation=p)
        submission.documents.set(p.documents.all())  # the books handed in so far
    record(
        actor=actor,
        action="round.create",
        target=round_,
        summary=wording(
            gettext_lazy("%(round)s: %(regions)s daerah, rubrik %(rubric)s"),
            round=name,
            regions=len(people),
            rubric=rubric.key,
        ),
        data={"kind": kind, "rubric": rubric.key, "regions": len(people)},
    )
    return round_


@transaction.atomic
def set_up_round(
    *,
    actor: Any,
    name: str,
    kind: str,
    rubric_key: str,
    participations: Iterable[Participation],
    deadline: dt.date,
    assessors_per_submission: int = 3,
    min_load: int = 0,
    max_load: int = 10,
    objective: str = "total",
    disagreement_threshold: float = 1.0,
    seed: int = 0,
    schedule: Sequence[dict[str, Any]] = (),
) -> Round:
    """Store the shipped rubric ``rubric_key`` and create the round over it, all or nothing.

    The web form and the API both call this, so both refuse the same things with the same words.
    """
    require_secretariat(actor, "create rounds")
    version = store_rubric(actor=actor, rubric=load_rubric(rubric_key))
    return create_round(
        actor=actor,
        name=name.strip(),
        kind=kind,
        rubric=version,
        participations=participations,
        deadline=deadline,
        assessors_per_submission=assessors_per_submission,
        min_load=min_load,
        max_load=max_load,
        objective=objective,
        disagreement_threshold=disagreement_threshold,
        seed=seed,
        schedule=schedule,
    )


@transaction.atomic
def close_round(*, actor: Any, round_: Round, override_reason: str = "") -> Round:
    """Close scoring: scores become immutable and disagreements are flagged for moderation.

    Refused while assignments are unsubmitted (:mod:`~kotacerdas.assessment.domain.completeness`),
    unless ``override_reason`` says why the round closes anyway (audited, shown with the results).
    """
    require_secretariat(actor, "close rounds")
    r = locked(round_)
    require_state(r, RoundState.SCORING, action="close the round")
    submitted = r.submissions.filter(assignments__active=True, assignments__state=ReviewState.SUBMITTED)
    if not submitted.exists():
        raise StateError(
            _("putaran %(round)r belum memiliki skor yang dikirim") % {"round": r.name},
            hint=_("tunggu para asesor"),
            code="no_scores",
        )
    require_complete(actor=actor, round_=r, action="close", override_reason=override_reason)
    r.state = RoundState.CLOSED
    r.save(update_fields=["state"])
    flags = flag_disagreements(round_=r)
    record(
        actor=actor,
        action="round.close",
        target=r,
        summary=wording(
            gettext_lazy("%(round)s ditutup; %(flags)s perbedaan penilaian ditandai"),
            round=r.name,
            flags=flags,
        ),
        data={"flags": flags},
    )
    return r


@transaction.atomic
def publish_round(*, actor: Any, round_: Round, override_reason: str = "") -> Round:
    """Publish computed results: the public page and the regions' feedback open.

    Refused while the round is incomplete (unsubmitted assignments, open moderation, no agreement,
    regions without a result), unless ``override_reason`` says why (audited, shown with the results).
    """
    require_secretariat(actor, "publish rounds")
    r = locked(round_)
    require_state(r, RoundState.CLOSED, action="publish")
    if not r.figures:
        raise StateError(
            _("putaran %(round)r belum memiliki hasil yang dihitung") % {"round": r.name},
            hint=_("hitung hasilnya lebih dulu"),
            code="no_results",
        )
    require_complete(actor=actor, round_=r, action="publish", override_reason=override_reason)
    r.state = RoundState.PUBLISHED
    r.published_at = timezone.now()
    r.save(update_fields=["state", "published_at"])
    record(
        actor=actor,
        action="round.publish",
        target=r,
        summary=wording(gettext_lazy("%(round)s diterbitkan"), round=r.name),
    )
    notify_round_published(r)
    return r
