"""Creating programmes and their cohorts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext_lazy

from kotacerdas.accounts.domain.actors import is_system
from kotacerdas.accounts.domain.audit import record
from kotacerdas.accounts.domain.wording import wording
from kotacerdas.accounts.rules import is_secretariat
from kotacerdas.errors import InputError, PermissionDeniedError
from kotacerdas.programme.models import Cohort, Programme
from kotacerdas.regions.models import IndexRun

#: the actions the programme's guard names (the services' English keys) in the reader's language
ACTIONS: dict[str, Promise] = {
    "create cohorts": _lazy("membuat kohort"),
    "invite regions": _lazy("mengundang daerah"),
    "run selections": _lazy("menjalankan seleksi"),
}


def require_secretariat(actor: Any, action: str) -> None:
    """The secretariat and the platform itself may; anyone else is refused."""
    if not (is_system(actor) or is_secretariat(actor)):
        raise PermissionDeniedError(
            _("hanya sekretariat yang boleh %(action)s") % {"action": ACTIONS.get(action, action)},
            code="secretariat_only",
        )


def check_phases(phases: Sequence[Mapping[str, Any]], target_size: int) -> list[dict[str, Any]]:
    """Phases ``[{name, size}]`` whose sizes add up to the target size (empty: one phase)."""
    out: list[dict[str, Any]] = []
    for i, p in enumerate(phases):
        name, size = str(p.get("name", "")).strip(), p.get("size")
        if not name or not isinstance(size, int) or isinstance(size, bool) or size < 1:
            raise InputError(
                _("tahap ke-%(n)s: beri nama dan ukuran paling sedikit 1") % {"n": i + 1},
                code="phase_invalid",
            )
        out.append({"name": name, "size": int(size)})
    if len({p["name"] for p in out}) != len(out):
        raise InputError(_("nama tahap berulang"), code="phase_names_repeat")
    if out and sum(p["size"] for p in out) != target_size:
        total = sum(p["size"] for p in out)
        raise InputError(
            _("ukuran tahap berjumlah %(total)s, ukuran sasaran %(target)s")
            % {"total": total, "target": target_size},
            code="phase_sizes",
        )
    return out


@transaction.atomic
def create_programme(*, actor: Any, slug: str, name: str, description: str = "") -> Programme:
    """A new programme; the slug must be unused."""
    if Programme.objects.filter(slug=slug).exists():
        raise InputError(_("slug program %(slug)r sudah dipakai") % {"slug": slug}, code="programme_exists")
    programme = Programme.objects.create(slug=slug, name=name, description=description)
    record(actor=actor, action="programme.create", target=programme, summary=name)
    return programme


@transaction.atomic
def create_cohort(
    *,
    actor: Any,
    programme: Programme,
    year: int,
    name: str,
    target_size: int,
    selection_run: IndexRun | None = None,
    historical: bool = False,
    phases: Sequence[Mapping[str, Any]] = (),
) -> Cohort:
    """A new cohort of ``programme`` (its selection may run in ``phases``, sizes adding up to the target)."""
    require_secretariat(actor, "create cohorts")
    if not name.strip():
        raise InputError(_("kohort perlu nama"), code="name_required")
    if target_size < 1:
        raise InputError(
            _("kohort %(name)r: ukuran sasaran paling sedikit 1, bukan %(size)s")
            % {"name": name, "size": target_size},
            code="target_size",
        )
    if Cohort.objects.filter(programme=programme, name=name).exists():
        raise InputError(
            _("kohort %(name)r sudah ada di %(programme)s") % {"name": name, "programme": programme},
            code="cohort_exists",
        )
    cohort = Cohort.objects.create(
        programme=programme,
        year=year,
        name=name,
        target_size=target_size,
        selection_run=selection_run,
        historical=historical,
        phases=check_phases(phases, target_size),
    )
    record(
        actor=actor,
        action="cohort.create",
        target=cohort,
        summary=wording(
            ngettext_lazy(
                "%(name)s (%(year)s), %(size)s tempat", "%(name)s (%(year)s), %(size)s tempat", target_size
            ),
            name=name,
            year=str(year),
            size=target_size,
        ),
    )
    return cohort
