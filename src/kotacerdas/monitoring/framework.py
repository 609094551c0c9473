"""The masterplan framework: six dimensions with three sub-dimensions each (DOMAIN.md §2.1)."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise


class Dimension(models.TextChoices):
    GOVERNANCE = "governance", _("Smart Governance")
    BRANDING = "branding", _("Smart Branding")
    ECONOMY = "economy", _("Smart Economy")
    LIVING = "living", _("Smart Living")
    SOCIETY = "society", _("Smart Society")
    ENVIRONMENT = "environment", _("Smart Environment")


SUB_DIMENSIONS: dict[str, tuple[tuple[str, StrOrPromise], ...]] = {
    Dimension.GOVERNANCE: (
        ("service", _("Pelayanan")),
        ("bureaucracy", _("Birokrasi")),
        ("policy", _("Kebijakan")),
    ),
    Dimension.BRANDING: (
        ("tourism", _("Branding wisata")),
        ("business", _("Branding bisnis")),
        ("appearance", _("Wajah kota")),
    ),
    Dimension.ECONOMY: (
        ("industry", _("Industri")),
        ("welfare", _("Kesejahteraan")),
        ("transaction", _("Transaksi keuangan")),
    ),
    Dimension.LIVING: (
        ("harmony", _("Harmonisasi tata ruang")),
        ("health", _("Kesehatan")),
        ("mobility", _("Transportasi")),
    ),
    Dimension.SOCIETY: (
        ("community", _("Komunitas")),
        ("learning", _("Ekosistem belajar")),
        ("security", _("Keamanan")),
    ),
    Dimension.ENVIRONMENT: (
        ("protection", _("Proteksi lingkungan")),
        ("waste", _("Tata kelola sampah")),
        ("energy", _("Tata kelola energi")),
    ),
}

SUB_DIMENSION_CHOICES = [(key, label) for subs in SUB_DIMENSIONS.values() for key, label in subs]

#: Giffinger's names that some regions still use, mapped to this framework
SYNONYMS = {"smart people": Dimension.SOCIETY, "smart mobility": Dimension.LIVING}


def framework_label(dimension: str, sub_dimension: str) -> str:
    """``Smart Living / Transportasi``: a dimension and sub-dimension by name in the active language
    (an unknown code is shown as it is)."""
    dimension_name = Dimension(dimension).label if dimension in Dimension.values else dimension
    sub_name = dict(SUB_DIMENSION_CHOICES).get(sub_dimension, sub_dimension)
    return f"{dimension_name} / {sub_name}"


#: :func:`framework_label` as a lazy text, worded in whichever language is active when it is read (an audit
#: summary words it in every language: the assessment app records a survey by it without importing this one)
framework_name = lazy(framework_label, str)


def belongs(dimension: str, sub_dimension: str) -> bool:
    """Whether ``sub_dimension`` is one of the three of ``dimension``."""
    return any(key == sub_dimension for key, _label in SUB_DIMENSIONS.get(dimension, ()))


class Horizon(models.IntegerChoices):
    SHORT = 1, _("Jangka pendek (1 tahun)")
    MEDIUM = 5, _("Jangka menengah (5 tahun)")
    LONG = 10, _("Jangka panjang (10 tahun)")


class BudgetSource(models.TextChoices):
    APBD = "apbd", "APBD"
    APBN = "apbn", "APBN"
    KPBU = "kpbu", "KPBU"
    OTHER = "other", _("Lainnya")


class QuickWinStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    STOPPED = "stopped", _("Terhenti")


QUICK_WIN_TRANSITIONS: dict[str, frozenset[str]] = {
    QuickWinStatus.PLANNED: frozenset({QuickWinStatus.RUNNING, QuickWinStatus.STOPPED}),
    QuickWinStatus.RUNNING: frozenset({QuickWinStatus.DONE, QuickWinStatus.STOPPED}),
    QuickWinStatus.STOPPED: frozenset({QuickWinStatus.RUNNING}),
    QuickWinStatus.DONE: frozenset(),
}


def next_quick_win_statuses(status: str) -> list[QuickWinStatus]:
    """The statuses a quick win may move to from ``status`` (in display order; none once done)."""
    edges = QUICK_WIN_TRANSITIONS.get(status, frozenset())
    return [s for s in QuickWinStatus if s in edges]
