"""Masterplans, their programmes with KPIs, and the status history of quick wins."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy

from kotacerdas.monitoring.framework import (
    SUB_DIMENSION_CHOICES,
    BudgetSource,
    Dimension,
    Horizon,
    QuickWinStatus,
    next_quick_win_statuses,
)


class Masterplan(models.Model):
    """A region's 10-year smart-city masterplan (Buku 2), optionally tied to a participation."""

    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="masterplans")
    participation = models.ForeignKey(
        "programme.Participation", null=True, blank=True, on_delete=models.SET_NULL
    )
    vision = models.TextField()
    start_year = models.PositiveIntegerField()
    end_year = models.PositiveIntegerField()
    synthetic = models.BooleanField(
        default=False, help_text=gettext_lazy("isi demo, bukan masterplan sungguhan")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["region__code", "-start_year"]


class MasterplanProgramme(models.Model):
    """A programme of a masterplan; quick wins are programmes flagged ``quick_win``."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="programmes")
    name = models.CharField(max_length=200)
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    sub_dimension = models.CharField(max_length=20, choices=SUB_DIMENSION_CHOICES)
    horizon = models.PositiveSmallIntegerField(choices=Horizon.choices)
    owner_opd = models.CharField(max_length=120)
    budget_source = models.CharField(max_length=10, choices=BudgetSource.choices)
    budget_amount = models.DecimalField(max_digits=16, decimal_places=0, default=0)
    start_year = models.PositiveIntegerField()
    quick_win = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=QuickWinStatus.choices, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["dimension", "start_year", "name"]

    def __str__(self) -> str:
        return self.name

    def next_statuses(self) -> list[QuickWinStatus]:
        """The statuses this quick win may move to now (what the status form offers)."""
        return next_quick_win_statuses(self.status) if self.quick_win else []


class Kpi(models.Model):
    """A key performance indicator of a programme: a baseline, a target and an actual per year."""

    programme = models.ForeignKey(MasterplanProgramme, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40)
    baseline = models.FloatField(null=True, blank=True)
    baseline_year = models.PositiveIntegerField(null=True, blank=True)
    higher_is_better = models.BooleanField(default=True)


class KpiTarget(models.Model):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveIntegerField()
    target = models.FloatField()

    class Meta:
        ordering: ClassVar = ["year"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["kpi", "year"], name="kpi_target_unique")]


class KpiActual(models.Model):
    """The value a region team reported for a KPI in one year, with its evidence (a link or a file)."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals")
    year = models.PositiveIntegerField()
    value = models.FloatField()
    evidence_url = models.URLField(max_length=500, blank=True)
    evidence_file = models.FileField(upload_to="kpi-evidence/%Y/", blank=True)
    note = models.CharField(max_length=300, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    reported_at = models.DateTimeField(auto_now=True)
    synthetic = models.BooleanField(
        default=False, help_text=gettext_lazy("isi demo, bukan laporan sungguhan")
    )

    class Meta:
        ordering: ClassVar = ["year"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["kpi", "year"], name="kpi_actual_unique")]


class ProgrammeBudget(models.Model):
    """Planned and realised budget of one programme in one year (rupiah)."""

    programme = models.ForeignKey(MasterplanProgramme, on_delete=models.CASCADE, related_name="budgets")
    year = models.PositiveIntegerField()
    planned = models.DecimalField(max_digits=16, decimal_places=0, default=0)
    realised = models.DecimalField(max_digits=16, decimal_places=0, null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["year"]
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["programme", "year"], name="programme_budget_unique")
        ]


class ReportingWindow(models.Model):
    """The period, opened by the secretariat, in which region teams report one year's actuals."""

    year = models.PositiveIntegerField(unique=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-year"]


class QuickWinUpdate(models.Model):
    """One change of a quick win's status (so lapsed quick wins stay visible)."""

    programme = models.ForeignKey(
        MasterplanProgramme, on_delete=models.CASCADE, related_name="status_history"
    )
    status = models.CharField(max_length=10, choices=QuickWinStatus.choices)
    on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    evidence_url = models.URLField(max_length=500, blank=True)
    evidence_file = models.FileField(upload_to="quick-win-evidence/%Y/", blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)

    class Meta:
        ordering: ClassVar = ["on", "id"]


class MasterplanComment(models.Model):
    """One comment in a masterplan's thread (the secretariat, mentors and the region's team)."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["created_at", "id"]
