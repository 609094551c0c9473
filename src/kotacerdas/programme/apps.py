from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "kotacerdas.programme"
    label = "programme"
    verbose_name = "Program dan kohort"
