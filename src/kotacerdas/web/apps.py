from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "kotacerdas.web"
    label = "web"
    verbose_name = "Antarmuka web"
