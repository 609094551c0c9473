"""Root URLconf: the web UI, the REST API under /api/ and language switching."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("kotacerdas.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("kotacerdas.web.urls")),
]
