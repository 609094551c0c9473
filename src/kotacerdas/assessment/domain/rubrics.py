"""Storing rubric versions from the engine's rubric objects."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kotacerdas.accounts.domain.audit import record
from kotacerdas.assessment.domain.guards import require_secretariat
from kotacerdas.assessment.models import RubricVersion
from kotacerdas.engine.review.rubrics import Predicate, Rubric, in_english
from kotacerdas.errors import KotaCerdasError, StateError
from kotacerdas.io.rubric_files import load_rubric, rubric_as_dict


@transaction.atomic
def store_rubric(*, actor: Any, rubric: Rubric) -> RubricVersion:
    """Store a rubric version; storing the same version again returns it, a changed one is refused."""
    require_secretariat(actor, "store rubrics")
    definition = rubric_as_dict(rubric)
    existing = RubricVersion.objects.filter(key=rubric.key).first()
    if existing is not None:
        if _scoring(existing.definition) != _scoring(definition):
            raise StateError(
                _("rubrik %(key)s sudah tersimpan dengan isi lain") % {"key": rubric.key},
                hint=_("beri versi baru"),
                code="rubric_changed",
            )
        if existing.definition != definition and not existing.in_use:
            existing.definition = definition  # only the wording changed, and no round uses it yet
            existing.save()
            record(actor=actor, action="rubric.reword", target=existing, summary=rubric.key)
        return existing
    version = RubricVersion.objects.create(key=rubric.key, definition=definition)
    record(actor=actor, action="rubric.store", target=version, summary=rubric.key)
    return version


#: the wording of a rubric; a predicate band's ``label`` is wording too (its ``min`` is what scoring uses)
TEXT_KEYS = frozenset({"title", "notes", "source", "name", "anchor", "description", "label"})


def _scoring(definition: Any) -> Any:
    """A stored definition without its wording (texts and their English): what scoring depends on."""
    if isinstance(definition, dict):
        return {
            k: _scoring(v)
            for k, v in definition.items()
            if k not in TEXT_KEYS and not (k.endswith("_en") and k[:-3] in TEXT_KEYS)
        }
    if isinstance(definition, list):
        return [_scoring(v) for v in definition]
    return definition


def for_reader(rubric: Rubric) -> Rubric:
    """The rubric with its texts in the active language (English where the rubric file gives it)."""
    return in_english(rubric) if (get_language() or "").startswith("en") else rubric


def predicate_names(rubric: Rubric) -> dict[str, str]:
    """Each stored predicate of a round using ``rubric`` (the round's, as stored) → its name for the reader.

    A result stores its band's Indonesian label as it read when the result was computed. The name shown is
    that band's label in the active language. A rubric stored before its bands had English (``label_en``)
    stays frozen once a round uses it, so its bands take their wording from the shipped rubric of the same
    ``id@version`` (same key, same band minima: the same bands, worded anew). A stored predicate that is
    none of the rubric's labels is shown as stored (callers: ``names.get(stored, stored)``).
    """
    english = (get_language() or "").startswith("en")
    worded = all(band.label_en for band in rubric.predicates)
    shipped = {} if worded else _shipped_bands(rubric)  # reading the shipped files only when needed
    names: dict[str, str] = {}
    for band in rubric.predicates:
        words = band if band.label_en else shipped.get(band.minimum, band)
        names[band.label] = (words.label_en or words.label) if english else words.label
    return names


def _shipped_bands(rubric: Rubric) -> dict[float, Predicate]:
    """The bands of the shipped rubric with ``rubric``'s key, by minimum, when its minima are the same."""
    try:
        shipped = load_rubric(rubric.key)
    except KotaCerdasError:  # a rubric that is not (or no longer) shipped
        return {}
    if [p.minimum for p in shipped.predicates] != [p.minimum for p in rubric.predicates]:
        return {}
    return {p.minimum: p for p in shipped.predicates}
