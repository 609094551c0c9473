from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Installed only for its ``load_demo`` management command; the demo has no models."""

    name = "kotacerdas.demo"
    label = "demo"
    verbose_name = "Demo"
