"""The engine's method descriptions in the reader's language.

The engine records each method as a fixed English sentence (its ``method`` attribute, kept in the stored
results as provenance); the pages show it through :func:`method_text`, which knows every such sentence.
An unknown sentence (a result computed by an older or newer engine) is shown as stored.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kotacerdas.engine.review.agreement import AlphaResult
from kotacerdas.engine.review.calibration import CalibrationResult
from kotacerdas.engine.review.ranking import RankingResult

METHODS: dict[str, Promise] = {
    AlphaResult.method: _("alpha Krippendorff (2011) dengan matriks koinsidensi"),
    CalibrationResult.method: _("efek asesor aditif, kuadrat terkecil, jumlah nol (Searle 1987; Wilson 1988)"),
    RankingResult.method: _("bootstrap atas asesor tiap daerah (Efron & Tibshirani 1993), peringkat kompetisi"),
    "none (raw means)": _("tanpa kalibrasi (rata-rata mentah)"),
    # a rubric's aggregation rule (kotacerdas.engine.review.rubrics.AGGREGATIONS)
    "weighted_mean": _("rata-rata berbobot"),
    "total": _("jumlah"),
}


def method_text(stored: object) -> str:
    """The stored method sentence in the active language (as stored if it is not one we know)."""
    text = "" if stored is None else str(stored)
    known = METHODS.get(text)
    return str(known) if known is not None else text
