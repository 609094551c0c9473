"""The masterplan framework: six dimensions with three sub-dimensions each (DOMAIN.md §2.1)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    GOVERNANCE = "governance", _("Smart Governance")
    BRANDING = "branding", _("Smart Branding")
    ECONOMY = "economy", _("Smart Economy")
    LIVING = "living", _("Smart Living")
    SOCIETY = "society", _("Smart Society")
    ENVIRONMENT = "environment", _("Smart Environment")


SUB_DIMENSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    Dimension.GOVERNANCE: (("service", "Pelayanan"), ("bureaucracy", "Birokrasi"), ("policy", "Kebijakan")),
    Dimension.BRANDING: (
        ("tourism", "Branding wisata"),
        ("business", "Branding bisnis"),
        ("appearance", "Wajah kota"),
    ),
    Dimension.ECONOMY: (
        ("industry", "Industri"),
        ("welfare", "Kesejahteraan"),
        ("transaction", "Transaksi keuangan"),
    ),
    Dimension.LIVING: (
        ("harmony", "Harmonisasi tata ruang"),
        ("health", "Kesehatan"),
        ("mobility", "Transportasi"),
    ),
    Dimension.SOCIETY: (
        ("community", "Komunitas"),
        ("learning", "Ekosistem belajar"),
        ("security", "Keamanan"),
    ),
    Dimension.ENVIRONMENT: (
        ("protection", "Proteksi lingkungan"),
        ("waste", "Tata kelola sampah"),
        ("energy", "Tata kelola energi"),
    ),
}

SUB_DIMENSION_CHOICES = [(key, label) for subs in SUB_DIMENSIONS.values() for key, label in subs]

#: Giffinger's names that some regions still use, mapped to this framework
SYNONYMS = {"smart people": Dimension.SOCIETY, "smart mobility": Dimension.LIVING}


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
