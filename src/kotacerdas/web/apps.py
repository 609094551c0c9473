from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class WebConfig(AppConfig):
    name = "kotacerdas.web"
    label = "web"
    verbose_name = "Antarmuka web"

    def ready(self) -> None:
        """Any committed write to a public app invalidates the cached public pages."""
        from kotacerdas.web.page_cache import on_model_change  # here: the app registry is ready now

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(on_model_change, dispatch_uid=f"kc-page-cache-{id(signal)}")
