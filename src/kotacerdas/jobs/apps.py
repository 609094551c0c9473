from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "kotacerdas.jobs"
    label = "jobs"
    verbose_name = "Pekerjaan latar"
