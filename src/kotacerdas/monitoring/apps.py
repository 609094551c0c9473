from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "kotacerdas.monitoring"
    label = "monitoring"
    verbose_name = "Masterplan dan quick win"
