"""Root URLconf: the REST API under /api/ and the web UI (which also holds language switching)."""

from django.urls import include, path

urlpatterns = [
    path("api/", include("kotacerdas.api.urls")),
    path("", include("kotacerdas.web.urls")),
]
