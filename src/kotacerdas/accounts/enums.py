"""Roles of the platform; the public is every visitor who is not logged in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Sekretariat")
    ASSESSOR = "assessor", _("Asesor")
    REGION_TEAM = "region_team", _("Tim daerah")
