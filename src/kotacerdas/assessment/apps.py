from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "kotacerdas.assessment"
    label = "assessment"
    verbose_name = "Penilaian"
