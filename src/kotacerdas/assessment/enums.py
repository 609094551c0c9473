"""Choices of the assessment app: round kinds and states, conflict rules, assignment states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    READINESS = "readiness", _("Wawancara kesiapan")
    CLOSING = "closing", _("Evaluasi penutupan")
    YEARLY = "yearly", _("Evaluasi tahunan")


class RoundState(models.TextChoices):
    """draft → scoring → closed → published; results are computed while closed."""

    DRAFT = "draft", _("Persiapan")
    SCORING = "scoring", _("Penilaian")
    CLOSED = "closed", _("Ditutup")
    PUBLISHED = "published", _("Diumumkan")


class ConflictRule(models.TextChoices):
    PROVINCE = "province", _("Provinsi asal sama dengan daerah")
    MENTOR = "mentor", _("Pendamping daerah ini")
    INSTITUTION = "institution", _("Lembaga sama dengan konsultan daerah")
    DECLARED = "declared", _("Dideklarasikan")


class AssignmentSource(models.TextChoices):
    ENGINE = "engine", _("Penugasan optimal")
    OVERRIDE = "override", _("Diganti sekretariat")


class ReviewState(models.TextChoices):
    ASSIGNED = "assigned", _("Belum dinilai")
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Dikirim")


#: the six smart-city dimensions the citizen impact survey covers (DOMAIN.md 2.1, 2.7)
IMPACT_DIMENSIONS = ("governance", "branding", "economy", "living", "society", "environment")
#: programmes per dimension (one per sub-dimension) and respondents per programme
SURVEY_PROGRAMMES = 3
SURVEY_MIN_RESPONDENTS = 50
