"""Roles of the platform (the public is every visitor who is not logged in) and the users' languages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Sekretariat")
    ASSESSOR = "assessor", _("Asesor")
    REGION_TEAM = "region_team", _("Tim daerah")


class Language(models.TextChoices):
    """The language of the e-mails a user receives; each named in itself, as on the language switch."""

    ID = "id", "Bahasa Indonesia"
    EN = "en", "English"
