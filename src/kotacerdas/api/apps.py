from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API as an installed app, so its catalogue (``api/locale``) is loaded."""

    name = "kotacerdas.api"
    label = "api"
    verbose_name = "API"
