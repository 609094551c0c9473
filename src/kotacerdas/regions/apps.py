from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "kotacerdas.regions"
    label = "regions"
    verbose_name = "Wilayah dan data"
