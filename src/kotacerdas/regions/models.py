"""Regions, boundaries, datasets with provenance, index runs with scores, and uncertainty analyses.

Datasets, index runs and uncertainty analyses are drafts until published (``published``); public pages
and the public API read published versions only.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class WithoutBoundaryManager(models.Manager["Region"]):
    """Regions without their boundary (``geometry``, large GeoJSON) loaded: reading it costs one query.

    The base manager of :class:`Region`, so a region reached through a relation (``user.region``,
    ``participation.region`` without ``select_related``) leaves the boundary unread; the map reads
    boundaries explicitly (``regions.domain.map_geometry``) through ``Region.objects``.
    """

    def get_queryset(self) -> models.QuerySet[Region]:
        return super().get_queryset().defer("geometry")


#: a region is a regency (kabupaten) or a city (kota); the codes are the registry's
REGION_TYPES = [("kabupaten", gettext_lazy("Kabupaten")), ("kota", gettext_lazy("Kota"))]


class Region(models.Model):
    """A kabupaten or kota of the registry (Kemendagri code, e.g. ``63.71``)."""

    code = models.CharField(max_length=5, unique=True)
    name = models.CharField(max_length=120)
    type = models.CharField(max_length=10, choices=REGION_TYPES)
    province_code = models.CharField(max_length=2, db_index=True)
    province = models.CharField(max_length=80)
    island_group = models.CharField(max_length=30, db_index=True)
    geometry = models.JSONField(
        null=True, blank=True, help_text=gettext_lazy("geometri GeoJSON, cincin luar searah jarum jam")
    )

    objects: ClassVar[models.Manager[Region]] = models.Manager()
    without_boundary: ClassVar[WithoutBoundaryManager] = WithoutBoundaryManager()

    class Meta:
        ordering: ClassVar = ["code"]
        base_manager_name = "without_boundary"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Dataset(models.Model):
    """An imported indicator table (one version) with its provenance and validation report."""

    name = models.CharField(max_length=120)
    version = models.PositiveIntegerField()
    source = models.CharField(max_length=300)
    year = models.PositiveIntegerField()
    licence = models.CharField(max_length=120)
    file_name = models.CharField(max_length=255)
    synthetic = models.BooleanField(default=False)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    imported_at = models.DateTimeField(auto_now_add=True)
    indicators = models.JSONField(default=list)
    validation_report = models.JSONField(default=dict)
    published = models.BooleanField(
        default=False, help_text=gettext_lazy("halaman publik hanya membaca versi yang diterbitkan")
    )
    published_at = models.DateTimeField(null=True, blank=True)
    years = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy("data panel: tahun-tahun di kolom tahunnya (kosong: satu tahun)"),
    )

    class Meta:
        ordering: ClassVar = ["name", "-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["name", "version"], name="dataset_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class DatasetValue(models.Model):
    """One indicator value of one region in a dataset (missing values are stored as NULL)."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="values")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    indicator = models.CharField(max_length=80)
    value = models.FloatField(null=True)
    year = models.PositiveIntegerField(
        null=True, blank=True, help_text=gettext_lazy("hanya untuk data panel")
    )

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["dataset", "region", "indicator"],
                condition=models.Q(year__isnull=True),
                name="dataset_value_unique",
            ),
            models.UniqueConstraint(
                fields=["dataset", "region", "indicator", "year"],
                condition=models.Q(year__isnull=False),
                name="dataset_value_year_unique",
            ),
        ]


class IndexRun(models.Model):
    """A composite-index run: its settings and results (and rank intervals from an uncertainty run)."""

    name = models.CharField(max_length=160)
    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.PROTECT)
    config = models.JSONField(default=dict, help_text=gettext_lazy("pengaturan hasil indeks ini"))
    provenance = models.JSONField(default=dict)
    meta = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy("baris iMeta COINr yang dipakai untuk membangun hasil indeks ini"),
    )
    uncertainty = models.JSONField(
        default=dict,
        blank=True,
        help_text=gettext_lazy("faktor, sampel, benih, N teratas, sampel yang gagal, catatan metode"),
    )
    has_uncertainty = models.BooleanField(default=False)
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    year = models.PositiveIntegerField(
        null=True, blank=True, help_text=gettext_lazy("data panel: tahun yang diperingkat hasil indeks ini")
    )
    series = models.CharField(
        max_length=40,
        blank=True,
        default="",
        help_text=gettext_lazy(
            "sama untuk semua hasil indeks dari satu pembangunan data panel (satu per tahun)"
        ),
    )
    coherence = models.JSONField(
        default=dict,
        blank=True,
        help_text=gettext_lazy("korelasi, alfa Cronbach dan varians PCA dari pembangunan ini"),
    )

    class Meta:
        ordering: ClassVar = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class IndexScore(models.Model):
    """The result of one region in an index run.

    The interval fields are the public copy of the run's *published* uncertainty analysis: only
    :func:`kotacerdas.regions.domain.publication.publish_analysis` (and its unpublish) writes them.
    """

    run = models.ForeignKey(IndexRun, on_delete=models.CASCADE, related_name="scores")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    score = models.FloatField()
    rank = models.PositiveIntegerField()
    median_rank = models.FloatField(null=True)
    rank_q05 = models.FloatField(null=True)
    rank_q95 = models.FloatField(null=True)
    p_top = models.FloatField(
        null=True, help_text=gettext_lazy("proporsi sampel ketidakpastian yang masuk N teratas")
    )

    class Meta:
        ordering: ClassVar = ["rank"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["run", "region"], name="index_score_unique")]


class UncertaintyAnalysis(models.Model):
    """One version of an uncertainty analysis of an index run: a draft until it is published.

    Re-running an analysis stores a new version; a stored version never changes. At most one version of
    a run is published; its intervals are copied onto the run's :class:`IndexScore` rows.
    """

    run = models.ForeignKey(IndexRun, on_delete=models.CASCADE, related_name="analyses")
    version = models.PositiveIntegerField()
    record = models.JSONField(
        default=dict,
        help_text=gettext_lazy("faktor, sampel, benih, N teratas, sampel yang gagal, catatan metode"),
    )
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    draws = models.BinaryField(
        null=True,
        blank=True,
        help_text=gettext_lazy(
            "tarikan skor indeks yang disimpan untuk peluang terpilih (npz: kode, tarikan × daerah)"
        ),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["run", "-version"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["run", "version"], name="uncertainty_analysis_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.run.name} · analysis v{self.version}"


class RankInterval(models.Model):
    """The rank distribution of one region in one uncertainty analysis."""

    analysis = models.ForeignKey(UncertaintyAnalysis, on_delete=models.CASCADE, related_name="intervals")
    region = models.ForeignKey(Region, on_delete=models.PROTECT)
    median_rank = models.FloatField(null=True, help_text=gettext_lazy("kosong bila semua sampel gagal"))
    rank_q05 = models.FloatField(null=True)
    rank_q95 = models.FloatField(null=True)
    p_top = models.FloatField(null=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["analysis", "region"], name="rank_interval_unique")
        ]
