from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "kotacerdas.programme"
    label = "programme"
    verbose_name = "Program dan kohort"

    def ready(self) -> None:
        """Word a selection's quotas and columns in engine errors (an infeasible selection's conflicts)."""
        from kotacerdas.accounts.error_text import WORDERS  # here: apps are loaded only now
        from kotacerdas.programme.reasons import column_name, quota_label  # here: apps are loaded only now

        WORDERS["quota"] = ("label", quota_label)
        WORDERS["quota_column"] = ("quota_column", column_name)
