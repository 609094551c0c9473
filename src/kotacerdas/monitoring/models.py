"""Masterplans, their programmes with KPIs, and the status history of quick wins."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from kotacerdas.monitoring.framework import (
    SUB_DIMENSION_CHOICES,
    BudgetSource,
    Dimension,
    Horizon,
    QuickWinStatus,
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
    synthetic = models.BooleanField(default=False, help_text="demo content, not a real masterplan")
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


class Kpi(models.Model):
    """A key performance indicator of a programme, with a target per year."""

    programme = models.ForeignKey(MasterplanProgramme, on_delete=models.CASCADE, related_name="kpis")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40)


class KpiTarget(models.Model):
    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveIntegerField()
    target = models.FloatField()

    class Meta:
        ordering: ClassVar = ["year"]
        constraints: ClassVar = [models.UniqueConstraint(fields=["kpi", "year"], name="kpi_target_unique")]


class QuickWinUpdate(models.Model):
    """One change of a quick win's status (so lapsed quick wins stay visible)."""

    programme = models.ForeignKey(
        MasterplanProgramme, on_delete=models.CASCADE, related_name="status_history"
    )
    status = models.CharField(max_length=10, choices=QuickWinStatus.choices)
    on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)

    class Meta:
        ordering: ClassVar = ["on", "id"]
