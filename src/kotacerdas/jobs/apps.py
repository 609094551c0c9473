from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class JobsConfig(AppConfig):
    name = "kotacerdas.jobs"
    label = "jobs"
    verbose_name = "Pekerjaan latar"

    def ready(self) -> None:
        """Import every app's ``tasks`` module so their job functions and periodic tasks register."""
        autodiscover_modules("tasks")
